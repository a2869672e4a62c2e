/** Languages of instruction a school registry row may list (ISO 639-1). */
export const SCHOOL_LANGUAGES = ['kk', 'ru', 'en', 'uz', 'ug', 'tg', 'tr', 'de', 'ko'] as const;
export type SchoolLanguageCode = (typeof SCHOOL_LANGUAGES)[number];

/** Kazakhstan's extent, roughly: coordinates outside it are typing errors. */
export const KZ_BOUNDS = { latMin: 40, latMax: 56, lonMin: 46, lonMax: 88 } as const;
