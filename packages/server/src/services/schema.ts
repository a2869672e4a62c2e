// The service directory's requests and answers: providers (rehabilitation, crisis and
// psychological support centres, PMPK, shelters, legal aid…) with their services, territory,
// ages, languages, capacity and the occupancy they report.
import { KZ_BOUNDS, PROVIDER_KINDS, SCHOOL_LANGUAGES, SERVICE_CODES } from '@qorgau/core';
import { z } from 'zod';

/** Languages a provider works in: the same codes as the school registry's. */
export const PROVIDER_LANGUAGES = SCHOOL_LANGUAGES;

/** The ages a provider may serve: children and young people up to 25 (care leavers). */
export const AGE_LIMIT = 25;

const regionCode = z.string().regex(/^KZ-\d{2}$/, 'must be an ISO code like KZ-75');
const districtCode = z.string().regex(/^\d{9}$/, 'must be a 9-digit KATO code');
const name = z.string().trim().min(1, 'required').max(300, 'at most 300 characters');
const age = z.number().int('must be a whole number of years').min(0, `must be between 0 and ${AGE_LIMIT}`).max(AGE_LIMIT, `must be between 0 and ${AGE_LIMIT}`);
const places = z.number().int('must be a whole number').min(0, 'cannot be negative').max(100_000, 'is too large');
const unique = <T>(list: T[]) => new Set(list).size === list.length;
/** An empty text field of the form means "none". */
const blankAsNull = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema);

const fields = {
  externalId: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters').nullish(),
  kind: z.enum(PROVIDER_KINDS, { message: `must be one of ${PROVIDER_KINDS.join(', ')}` }),
  nameKk: name,
  nameRu: name,
  nameEn: name,
  services: z.array(z.enum(SERVICE_CODES, { message: `must be one of ${SERVICE_CODES.join(', ')}` }))
    .min(1, 'choose at least one service').max(SERVICE_CODES.length).refine(unique, 'a service is listed twice'),
  regionCode,
  districtCode: districtCode.nullish(),
  address: z.string().trim().max(500, 'at most 500 characters').nullish(),
  phone: blankAsNull(z.string().trim().regex(/^[+\d][\d\s()-]{4,30}$/, 'must be a phone number, e.g. +7 727 123 45 67').nullish()),
  email: blankAsNull(z.email('must be an email address').max(200, 'at most 200 characters').nullish()),
  lat: z.number().min(KZ_BOUNDS.latMin, `must be between ${KZ_BOUNDS.latMin} and ${KZ_BOUNDS.latMax} (Kazakhstan)`).max(KZ_BOUNDS.latMax, `must be between ${KZ_BOUNDS.latMin} and ${KZ_BOUNDS.latMax} (Kazakhstan)`).nullish(),
  lon: z.number().min(KZ_BOUNDS.lonMin, `must be between ${KZ_BOUNDS.lonMin} and ${KZ_BOUNDS.lonMax} (Kazakhstan)`).max(KZ_BOUNDS.lonMax, `must be between ${KZ_BOUNDS.lonMin} and ${KZ_BOUNDS.lonMax} (Kazakhstan)`).nullish(),
  ageMin: age,
  ageMax: age,
  languages: z.array(z.enum(PROVIDER_LANGUAGES, { message: `must be one of ${PROVIDER_LANGUAGES.join(', ')}` })).max(PROVIDER_LANGUAGES.length).refine(unique, 'a language is listed twice'),
  /** null: places are not limited (e.g. legal advice) */
  capacity: places.nullish(),
  unitId: z.uuid('must be a unit id').nullish(),
  active: z.boolean(),
};

export const createProviderBody = z.object({
  ...fields,
  ageMin: fields.ageMin.default(0),
  ageMax: fields.ageMax.default(18),
  languages: fields.languages.default(['kk', 'ru']),
  occupancy: places.default(0),
  active: fields.active.default(true),
}).strict();
export type CreateProviderInput = z.infer<typeof createProviderBody>;

/** Occupancy has its own endpoint (the provider's staff report it; the change is audited with its numbers). */
export const patchProviderBody = z.object(fields).partial().strict();
export type PatchProviderInput = z.infer<typeof patchProviderBody>;

export const occupancyBody = z.object({ occupancy: places }).strict();

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const searchProvidersQuery = z.object({
  /** a part of the name in any of the three languages, case-insensitive */
  q: z.string().trim().max(200, 'at most 200 characters').optional(),
  kind: z.enum(PROVIDER_KINDS).optional(),
  service: z.enum(SERVICE_CODES).optional(),
  regionCode: regionCode.optional(),
  districtCode: districtCode.optional(),
  /** serves a child of this age */
  age: z.coerce.number().int('must be a whole number').min(0).max(AGE_LIMIT, `must be between 0 and ${AGE_LIMIT}`).optional(),
  language: z.enum(PROVIDER_LANGUAGES).optional(),
  /** only providers with a free place (or without a limit) */
  available: flag.optional(),
  /** default: active providers only; 'all' for both */
  active: z.enum(['true', 'false', 'all']).default('true'),
  /** only the providers of this unit (the provider's own staff) */
  unitId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type SearchProvidersQuery = z.infer<typeof searchProvidersQuery>;

const label = z.object({ kk: z.string(), ru: z.string(), en: z.string() });

export const providerSchema = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  kind: z.enum(PROVIDER_KINDS),
  name: label,
  services: z.array(z.string()),
  regionCode: z.string(),
  districtCode: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  ageMin: z.number(),
  ageMax: z.number(),
  languages: z.array(z.string()),
  capacity: z.number().nullable(),
  /** places taken, as the provider last reported */
  occupancy: z.number(),
  occupancyUpdatedAt: z.string().nullable(),
  /** capacity − occupancy (never below 0); null when places are not limited */
  freePlaces: z.number().nullable(),
  /** referrals accepted and not yet delivered (the provider's own count may already include them) */
  activeReferrals: z.number(),
  /** referrals sent and not yet answered */
  waitingReferrals: z.number(),
  unitId: z.string().nullable(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type ProviderDto = z.infer<typeof providerSchema>;

export const providerDetailSchema = providerSchema.extend({
  unitName: label.nullable(),
  rights: z.object({ manage: z.boolean(), occupancy: z.boolean() }),
});
export type ProviderDetailDto = z.infer<typeof providerDetailSchema>;

export const providerListSchema = z.object({ items: z.array(providerSchema), total: z.number(), limit: z.number(), offset: z.number() });
