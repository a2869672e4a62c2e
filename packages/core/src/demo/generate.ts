// Deterministic demo data: persons, schools and reports. Same seed and options → the same
// output, byte for byte. Each entity kind draws from its own forked stream, so asking for more
// persons never changes the schools or reports of the same seed.
//
// Persons and reports are generators (streaming): memory does not grow with `count`. The only
// state kept is bounded by the calendar (one IIN serial counter per birth date and sex) or by a
// constant (the last few hundred victims, for repeat reports).

import { makeIin } from '../iin.ts';
import type {
  Channel,
  PerpetratorRelation,
  Place,
  ReporterRelation,
  Sex,
  ViolenceType,
} from '../vocab.ts';
import { VIOLENCE_TYPES } from '../vocab.ts';
import { ageOn, birthDayRange, dayNumber, isoDate, monthOf, weekday } from './dates.ts';
import {
  type Family,
  type Generation,
  type PersonName,
  fatherInFamily,
  kazakhShare,
  latinName,
  nameInFamily,
  sampleFamily,
  sampleFirstName,
  surnameFor,
  russianPatronymic,
  kazakhPatronymic,
  toRussianCyrillic,
  mapName,
} from './names.ts';
import { buildNarrative, type NarrativeLanguage } from './narratives.ts';
import { type Rng, createRng, hash32, weightedSampler } from './rng.ts';

// --- Shared person shape -------------------------------------------------------------------

/** A person as sent in the API (see shared/API.md, "Persons"). */
export interface DemoPersonInput {
  iin: string | null;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  sex: Sex;
}

export interface DemoPerson extends DemoPersonInput {
  externalId: string;
}

// --- IIN serials ---------------------------------------------------------------------------

/**
 * Hands out IINs without repeats: per birth date and sex, serials are issued in sequence from
 * a small per-bucket offset, inside a serial range reserved for one generator (so persons and
 * report victims never share an IIN). Memory is one counter per (date, sex) seen.
 */
class IinAllocator {
  readonly #base: number;
  readonly #size: number;
  readonly #salt: number;
  readonly #next = new Map<number, number>();

  constructor(range: readonly [number, number], salt: string) {
    this.#base = range[0];
    this.#size = range[1] - range[0];
    this.#salt = hash32(salt);
  }

  allocate(birthDay: number, sex: Sex): string | null {
    const key = birthDay * 2 + (sex === 'female' ? 1 : 0);
    const offset = (Math.imul(key ^ this.#salt, 0x9e3779b1) >>> 0) % 37;
    const date = isoDate(birthDay);
    let n = this.#next.get(key) ?? 0;
    for (; n < this.#size; n++) {
      const iin = makeIin(date, sex, this.#base + ((offset + n) % this.#size));
      if (iin !== null) {
        this.#next.set(key, n + 1);
        return iin;
      }
    }
    this.#next.set(key, n);
    return null; // every serial of this date and sex is taken
  }
}

/** Serial ranges per generator: children, adults, persons inside reports. */
const SERIALS_CHILD: readonly [number, number] = [0, 5000];
const SERIALS_ADULT: readonly [number, number] = [5000, 7000];
const SERIALS_REPORT: readonly [number, number] = [7000, 10000];

// --- Persons -------------------------------------------------------------------------------

export type PersonKind = 'child' | 'adult' | 'mixed';

export interface GeneratePersonsOptions {
  seed: number;
  count: number;
  /** The date ages are counted to, YYYY-MM-DD. */
  refDate: string;
  /** `child`: ages 0–17; `adult`: 18–80; `mixed` (default): 85 % children, 15 % adults. */
  kind?: PersonKind;
  /** Mix names as in this region (ISO code); national mix when absent. */
  regionCode?: string;
  /** Prefix of `externalId`; default `demo-<seed>`. */
  idPrefix?: string;
}

/** Child population by age 0–17: births peaked around 2021 and fell since; older cohorts smaller. */
const CHILD_AGE = weightedSampler<number>([
  [0, 0.85], [1, 0.9], [2, 0.95], [3, 1.0], [4, 1.05], [5, 1.08], [6, 1.08], [7, 1.06], [8, 1.05],
  [9, 1.04], [10, 1.02], [11, 1.0], [12, 0.98], [13, 0.95], [14, 0.92], [15, 0.9], [16, 0.88], [17, 0.86],
]);

export const DEMO_PERSON_SHARES = {
  /** Persons with an IIN. */
  iin: 0.85,
  /** Persons without IIN whose birth date is unknown too. */
  noBirthDateIfNoIin: 0.4,
  /** Persons whose name is written in Latin (2021 Kazakh Latin or passport spelling). */
  latin: 0.05,
  /** Adults in `mixed` mode. */
  adultsInMixed: 0.15,
} as const;

function sampleScript(rng: Rng): 'cyrillic' | 'kk_latin' | 'passport_latin' {
  if (!rng.chance(DEMO_PERSON_SHARES.latin)) return 'cyrillic';
  return rng.chance(0.45) ? 'kk_latin' : 'passport_latin';
}

function writeName(rng: Rng, name: PersonName): PersonName {
  const script = sampleScript(rng);
  return script === 'cyrillic' ? name : latinName(name, script);
}

/**
 * Persons for the register, one at a time. The i-th person depends only on the seed, kind,
 * region and refDate (a longer run starts with the same persons as a shorter one).
 */
export function* generatePersons(opts: GeneratePersonsOptions): Generator<DemoPerson, void, undefined> {
  const kind = opts.kind ?? 'mixed';
  const refDay = dayNumber(opts.refDate);
  const share = kazakhShare(opts.regionCode);
  const prefix = opts.idPrefix ?? `demo-${opts.seed}`;
  const rng = createRng(opts.seed).fork(`persons:${kind}:${opts.regionCode ?? ''}`);
  const childIins = new IinAllocator(SERIALS_CHILD, `${opts.seed}:c`);
  const adultIins = new IinAllocator(SERIALS_ADULT, `${opts.seed}:a`);
  const width = Math.max(7, String(opts.count).length);

  for (let i = 0; i < opts.count; i++) {
    const adult = kind === 'adult' || (kind === 'mixed' && rng.chance(DEMO_PERSON_SHARES.adultsInMixed));
    const generation: Generation = adult ? 'adult' : 'child';
    const sex: Sex = rng.chance(adult ? 0.48 : 0.513) ? 'male' : 'female';
    const family = sampleFamily(rng, { kazakhShare: share, generation });
    const name = writeName(rng, adult ? adultName(rng, family, sex) : nameInFamily(rng, family, sex, 'child'));
    const age = adult ? rng.normalInt(38, 11, 18, 80) : CHILD_AGE(rng);
    const [lo, hi] = birthDayRange(refDay, age);
    const birthDay = rng.int(lo, hi);
    let iin: string | null = null;
    if (rng.chance(DEMO_PERSON_SHARES.iin)) iin = (adult ? adultIins : childIins).allocate(birthDay, sex);
    const birthDate = iin === null && rng.chance(DEMO_PERSON_SHARES.noBirthDateIfNoIin) ? null : isoDate(birthDay);
    yield {
      externalId: `${prefix}-${adult ? 'A' : 'C'}-${String(i + 1).padStart(width, '0')}`,
      iin,
      lastName: name.lastName,
      firstName: name.firstName,
      middleName: name.middleName,
      birthDate,
      sex,
    };
  }
}

/** An adult of the family's generation: own first name, own father for the patronymic. */
function adultName(rng: Rng, family: Family, sex: Sex): PersonName {
  if (sex === 'male' && rng.chance(0.5)) return fatherInFamily(rng, family);
  const firstName = sampleFirstName(rng, family.ethnicity, sex, 'adult');
  const ownFather = sampleFirstName(rng, family.ethnicity, 'male', 'adult');
  const kazakhStyle = family.ethnicity === 'kk' && rng.chance(0.2);
  const middleName = rng.chance(0.94) ? (kazakhStyle ? kazakhPatronymic(ownFather, sex) : russianPatronymic(ownFather, sex)) : null;
  const lastName = surnameFor(family.surname, sex);
  const name = { lastName, firstName, middleName };
  return family.russifiedSpelling ? mapName(name, toRussianCyrillic) : name;
}

// --- Schools -------------------------------------------------------------------------------

export interface DemoDistrict {
  code: string;
  regionCode: string;
  nameRu: string;
  nameKk: string;
}

export type SchoolLanguage = 'kk' | 'ru' | 'en';

export interface DemoSchool {
  externalId: string;
  name: { kk: string; ru: string; en: string };
  districtCode: string;
  regionCode: string;
  students: number;
  /** Students with special educational needs. */
  studentsSen: number;
  languages: SchoolLanguage[];
}

export interface GenerateSchoolsOptions {
  seed: number;
  districts: readonly DemoDistrict[];
  /** Schools per district; default varies by district (8–25 rural, 15–40 urban). */
  perDistrict?: number;
  idPrefix?: string;
}

type SchoolKind = 'general' | 'basic' | 'primary' | 'gymnasium' | 'school_gymnasium' | 'lyceum' | 'school_lyceum' | 'special';

const SCHOOL_NAMES: Readonly<Record<SchoolKind, { kk: string; ru: string; en: string }>> = {
  general: { kk: '№ {n} жалпы білім беретін мектеп', ru: 'Общеобразовательная школа № {n}', en: 'School No. {n}' },
  basic: { kk: '№ {n} негізгі орта мектеп', ru: 'Основная средняя школа № {n}', en: 'Basic Secondary School No. {n}' },
  primary: { kk: '№ {n} бастауыш мектеп', ru: 'Начальная школа № {n}', en: 'Primary School No. {n}' },
  gymnasium: { kk: '№ {n} гимназия', ru: 'Гимназия № {n}', en: 'Gymnasium No. {n}' },
  school_gymnasium: { kk: '№ {n} мектеп-гимназия', ru: 'Школа-гимназия № {n}', en: 'School-Gymnasium No. {n}' },
  lyceum: { kk: '№ {n} лицей', ru: 'Лицей № {n}', en: 'Lyceum No. {n}' },
  school_lyceum: { kk: '№ {n} мектеп-лицей', ru: 'Школа-лицей № {n}', en: 'School-Lyceum No. {n}' },
  special: { kk: '№ {n} арнайы мектеп-интернат', ru: 'Специальная школа-интернат № {n}', en: 'Special Boarding School No. {n}' },
};

/** Namesakes of schools (writers, scholars, composers of the 19th–20th centuries and earlier). */
const SCHOOL_NAMESAKES: readonly { kk: string; ru: string; en: string }[] = [
  { kk: 'Абай', ru: 'Абая', en: 'Abai' },
  { kk: 'Ы. Алтынсарин', ru: 'Ы. Алтынсарина', en: 'Y. Altynsarin' },
  { kk: 'Ш. Уәлиханов', ru: 'Ш. Уалиханова', en: 'Sh. Ualikhanov' },
  { kk: 'М. Жұмабаев', ru: 'М. Жумабаева', en: 'M. Zhumabayev' },
  { kk: 'А. Байтұрсынұлы', ru: 'А. Байтурсынова', en: 'A. Baitursynuly' },
  { kk: 'М. Әуезов', ru: 'М. Ауэзова', en: 'M. Auezov' },
  { kk: 'Жамбыл', ru: 'Жамбыла', en: 'Zhambyl' },
  { kk: 'С. Сейфуллин', ru: 'С. Сейфуллина', en: 'S. Seifullin' },
  { kk: 'Әл-Фараби', ru: 'аль-Фараби', en: 'Al-Farabi' },
  { kk: 'Құрманғазы', ru: 'Курмангазы', en: 'Kurmangazy' },
  { kk: 'Ш. Құдайбердіұлы', ru: 'Ш. Кудайбердиева', en: 'Sh. Kudaiberdiuly' },
  { kk: 'Ә. Молдағұлова', ru: 'А. Молдагуловой', en: 'A. Moldagulova' },
  { kk: 'А. С. Пушкин', ru: 'А. С. Пушкина', en: 'A. S. Pushkin' },
  { kk: 'Ж. Баласағұн', ru: 'Ж. Баласагуни', en: 'Zh. Balasagun' },
];

const URBAN_REGIONS = new Set(['KZ-71', 'KZ-75', 'KZ-79']);

function isUrban(d: DemoDistrict): boolean {
  return URBAN_REGIONS.has(d.regionCode) || /Г\.\s?А\.|^г\.\s/u.test(d.nameRu) || /Қ\.\s?Ә\.|қаласы/u.test(d.nameKk);
}

/** Schools for each district (stable per district code: adding a district changes no other). */
export function generateSchools(opts: GenerateSchoolsOptions): DemoSchool[] {
  const root = createRng(opts.seed).fork('schools');
  const prefix = opts.idPrefix ?? `demo-${opts.seed}`;
  const out: DemoSchool[] = [];
  for (const district of opts.districts) {
    const rng = root.fork(district.code);
    const urban = isUrban(district);
    const n = opts.perDistrict ?? (urban ? rng.int(15, 40) : rng.int(8, 25));
    const numbers = rng
      .shuffle(Array.from({ length: Math.ceil(n * 1.4) + 2 }, (_, i) => i + 1))
      .slice(0, n)
      .sort((a, b) => a - b);
    const kk = kazakhShare(district.regionCode);
    for (const num of numbers) {
      const kind = rng.weightedKey<SchoolKind>(
        urban
          ? { general: 55, gymnasium: 10, school_gymnasium: 12, lyceum: 7, school_lyceum: 9, special: 4, basic: 2, primary: 1 }
          : { general: 52, basic: 25, primary: 8, school_gymnasium: 6, school_lyceum: 4, special: 3, gymnasium: 1, lyceum: 1 },
      );
      const names = SCHOOL_NAMES[kind];
      const fillN = (s: string): string => s.replace('{n}', String(num));
      let name = { kk: fillN(names.kk), ru: fillN(names.ru), en: fillN(names.en) };
      if (kind !== 'primary' && kind !== 'special' && rng.chance(0.2)) {
        const who = rng.pick(SCHOOL_NAMESAKES);
        name = { kk: `${who.kk} атындағы ${name.kk}`, ru: `${name.ru} имени ${who.ru}`, en: `${name.en} named after ${who.en}` };
      }
      const students = schoolSize(rng, kind, urban);
      const studentsSen =
        kind === 'special'
          ? students - rng.int(0, Math.floor(students * 0.05))
          : Math.round(students * Math.min(0.12, Math.max(0, rng.normal(0.04, 0.015))));
      const languages: SchoolLanguage[] = rng.weighted<SchoolLanguage[]>([
        [['kk'], kk * kk],
        [['kk', 'ru'], 2 * kk * (1 - kk) * 0.8],
        [['ru'], (1 - kk) * (1 - kk)],
      ]);
      const advanced = kind === 'gymnasium' || kind === 'lyceum' || kind === 'school_lyceum' || kind === 'school_gymnasium';
      out.push({
        externalId: `${prefix}-S-${district.code}-${num}`,
        name,
        districtCode: district.code,
        regionCode: district.regionCode,
        students,
        studentsSen,
        languages: advanced && rng.chance(0.45) ? [...languages, 'en'] : [...languages],
      });
    }
  }
  return out;
}

function schoolSize(rng: Rng, kind: SchoolKind, urban: boolean): number {
  switch (kind) {
    case 'general':
      return urban ? rng.normalInt(1300, 550, 300, 3000) : rng.normalInt(380, 220, 80, 1400);
    case 'basic':
      return rng.normalInt(130, 60, 50, 300);
    case 'primary':
      return rng.normalInt(75, 20, 50, 140);
    case 'gymnasium':
    case 'lyceum':
    case 'school_gymnasium':
    case 'school_lyceum':
      return urban ? rng.normalInt(1100, 400, 350, 2600) : rng.normalInt(600, 250, 150, 1500);
    case 'special':
      return rng.normalInt(160, 60, 50, 350);
  }
}

// --- Reports -------------------------------------------------------------------------------

export interface DemoPerpetrator extends Partial<DemoPersonInput> {
  relation: PerpetratorRelation;
}

export type DemoReporter =
  | { anonymous: true }
  | (DemoPersonInput & { anonymous: false; relation: ReporterRelation });

export interface DemoIncident {
  types: ViolenceType[];
  occurredOn: string;
  place: Place;
  districtCode: string | null;
  schoolId?: string;
  victims: DemoPersonInput[];
  /** Unidentified perpetrators carry only `relation` (and `sex` when known). */
  perpetrators: DemoPerpetrator[];
}

/** The body of `POST /api/v1/reports` plus `externalId` and the narrative's language. */
export interface DemoReport {
  externalId: string;
  channel: Channel;
  regionCode: string;
  districtCode: string | null;
  receivedAt: string;
  narrative: string;
  narrativeLanguage: NarrativeLanguage;
  reporter: DemoReporter;
  screening: { immediateDanger: boolean; childInjured: boolean; perpetratorHasAccess: boolean };
  incidents: DemoIncident[];
}

export interface GenerateReportsOptions {
  seed: number;
  count: number;
  /** First and last day of the period, YYYY-MM-DD, inclusive (local time, UTC+5). */
  from: string;
  to: string;
  regions: readonly { code: string; weight?: number }[];
  districts: readonly { code: string; regionCode: string }[];
  /** Schools for incidents at school; `students` (optional) weights the choice. */
  schools?: readonly { id: string; districtCode: string; students?: number }[];
  /** Year-on-year growth of the number of reports; default 0.18. */
  growthPerYear?: number;
  idPrefix?: string;
}

/** Intended shares, exported for tests and documentation. Weights, not probabilities. */
export const DEMO_REPORT_WEIGHTS = {
  channel: {
    hotline: 36, school: 14, police: 11, chat: 8, online: 6, health: 6, guardianship: 5, psc: 4, ngo: 3,
    email: 2, walk_in: 3, other: 2,
  } satisfies Record<Channel, number>,
  type: {
    physical: 24, psychological: 18, neglect: 16, bullying: 15, cyberbullying: 4, domestic_violence_witness: 5,
    sexual: 4, self_harm: 2.2, suicide_attempt: 1.4, online_sexual_abuse: 1.2, substance_use: 1.2,
    involvement_in_crime: 1.2, labour_exploitation: 0.7, sexual_exploitation: 0.4, trafficking: 0.2,
    child_marriage: 0.3, other: 2.2,
  } satisfies Record<ViolenceType, number>,
  incidents: [[1, 92], [2, 7], [3, 1]] as const,
} as const;

const PLACE_BY_TYPE: Readonly<Record<ViolenceType, Partial<Record<Place, number>>>> = {
  physical: { home: 62, school: 14, street: 10, public_place: 4, preschool: 2, institution: 3, other: 5 },
  psychological: { home: 62, school: 24, online: 5, institution: 3, preschool: 2, other: 4 },
  neglect: { home: 93, institution: 4, other: 3 },
  bullying: { school: 80, street: 7, public_place: 4, preschool: 2, institution: 2, other: 5 },
  cyberbullying: { online: 95, school: 5 },
  domestic_violence_witness: { home: 100 },
  sexual: { home: 44, street: 14, public_place: 10, school: 8, institution: 5, online: 5, other: 14 },
  trafficking: { street: 30, public_place: 30, online: 20, other: 20 },
  labour_exploitation: { public_place: 40, street: 30, home: 10, other: 20 },
  sexual_exploitation: { public_place: 35, online: 30, street: 15, other: 20 },
  online_sexual_abuse: { online: 100 },
  involvement_in_crime: { street: 55, public_place: 20, online: 15, school: 10 },
  self_harm: { home: 78, school: 10, institution: 5, other: 7 },
  suicide_attempt: { home: 80, school: 6, public_place: 6, institution: 3, other: 5 },
  substance_use: { street: 40, public_place: 30, home: 18, school: 12 },
  child_marriage: { home: 100 },
  other: { home: 50, school: 15, street: 10, public_place: 10, other: 15 },
};

/** Perpetrator relation by type; null = no perpetrator (self-harm and the like). */
const RELATION_BY_TYPE: Readonly<Record<ViolenceType, Partial<Record<PerpetratorRelation | 'none', number>>>> = {
  physical: {
    father: 30, mother: 20, stepparent: 14, sibling: 4, grandparent: 3, other_relative: 5, caregiver: 2, peer: 10,
    school_staff: 4, neighbour: 2, acquaintance: 2, stranger: 3, unknown: 1,
  },
  psychological: {
    mother: 24, father: 24, stepparent: 14, grandparent: 4, other_relative: 4, caregiver: 2, school_staff: 10, peer: 14,
    online_contact: 2, unknown: 2,
  },
  neglect: { mother: 58, father: 24, grandparent: 8, caregiver: 6, other_relative: 4 },
  bullying: { peer: 100 },
  cyberbullying: { peer: 62, online_contact: 28, unknown: 10 },
  domestic_violence_witness: { father: 62, stepparent: 28, other_relative: 10 },
  sexual: {
    acquaintance: 19, stepparent: 15, other_relative: 14, stranger: 14, neighbour: 10, father: 7, peer: 9,
    school_staff: 3, online_contact: 3, partner: 4, unknown: 2,
  },
  trafficking: { stranger: 45, acquaintance: 40, other_relative: 10, online_contact: 5 },
  labour_exploitation: { father: 25, mother: 10, acquaintance: 30, stranger: 25, other_relative: 10 },
  sexual_exploitation: { acquaintance: 45, stranger: 30, online_contact: 20, partner: 5 },
  online_sexual_abuse: { online_contact: 80, unknown: 15, peer: 5 },
  involvement_in_crime: { acquaintance: 50, peer: 30, stranger: 15, other_relative: 5 },
  self_harm: { none: 75, peer: 12, mother: 5, father: 5, stepparent: 3 },
  suicide_attempt: { none: 70, peer: 15, father: 6, mother: 4, stepparent: 5 },
  substance_use: { none: 60, acquaintance: 25, peer: 15 },
  child_marriage: { father: 45, other_relative: 30, partner: 25 },
  other: { none: 40, unknown: 30, other: 30 },
};

/** Age at the incident: [mean, sd, min, max]. */
const AGE_BY_TYPE: Readonly<Record<ViolenceType, readonly [number, number, number, number]>> = {
  physical: [9, 4, 0, 17],
  psychological: [10, 4, 2, 17],
  neglect: [5, 3.5, 0, 15],
  bullying: [12, 2.5, 6, 17],
  cyberbullying: [14, 2, 9, 17],
  domestic_violence_witness: [7, 4, 0, 17],
  sexual: [11, 3.5, 3, 17],
  trafficking: [15, 2, 8, 17],
  labour_exploitation: [14, 2, 8, 17],
  sexual_exploitation: [15.5, 1.3, 12, 17],
  online_sexual_abuse: [13, 2, 9, 17],
  involvement_in_crime: [15, 1.5, 10, 17],
  self_harm: [15, 1.5, 10, 17],
  suicide_attempt: [15, 1.5, 10, 17],
  substance_use: [15.5, 1.3, 11, 17],
  child_marriage: [16, 0.8, 14, 17],
  other: [10, 5, 0, 17],
};

/** Share of boys among victims, by type. */
const MALE_SHARE_BY_TYPE: Readonly<Record<ViolenceType, number>> = {
  physical: 0.56, psychological: 0.48, neglect: 0.52, bullying: 0.56, cyberbullying: 0.42,
  domestic_violence_witness: 0.5, sexual: 0.18, trafficking: 0.35, labour_exploitation: 0.65,
  sexual_exploitation: 0.1, online_sexual_abuse: 0.2, involvement_in_crime: 0.82, self_harm: 0.35,
  suicide_attempt: 0.4, substance_use: 0.68, child_marriage: 0, other: 0.5,
};

/** A second type that often comes with the first. */
const CO_TYPES: Partial<Record<ViolenceType, readonly ViolenceType[]>> = {
  physical: ['psychological', 'neglect', 'domestic_violence_witness'],
  psychological: ['physical', 'neglect'],
  neglect: ['psychological', 'physical'],
  bullying: ['cyberbullying', 'physical', 'psychological'],
  cyberbullying: ['bullying', 'psychological'],
  domestic_violence_witness: ['psychological', 'physical'],
  sexual: ['physical', 'psychological'],
  online_sexual_abuse: ['cyberbullying', 'psychological'],
  suicide_attempt: ['bullying', 'psychological'],
  self_harm: ['bullying', 'psychological'],
};

/** Multipliers of the type weights by channel (what each channel tends to receive). */
const TYPE_BY_CHANNEL: Partial<Record<Channel, Partial<Record<ViolenceType, number>>>> = {
  school: { bullying: 2.5, cyberbullying: 1.5, neglect: 1.2, self_harm: 1.5, trafficking: 0.2 },
  health: { physical: 1.5, suicide_attempt: 5, self_harm: 3, sexual: 1.6, neglect: 1.3, bullying: 0.3 },
  police: { physical: 1.3, sexual: 2, involvement_in_crime: 5, substance_use: 3, trafficking: 4, bullying: 0.4 },
  chat: { cyberbullying: 3, online_sexual_abuse: 3, self_harm: 2, psychological: 1.3 },
  online: { cyberbullying: 3, online_sexual_abuse: 3, self_harm: 1.5, psychological: 1.3 },
  guardianship: { neglect: 3, bullying: 0.3 },
};

const REPORTER_BY_CHANNEL: Readonly<Record<Channel, Partial<Record<ReporterRelation | 'anonymous', number>>>> = {
  hotline: { anonymous: 30, self: 18, parent: 24, relative: 9, neighbour: 9, teacher: 3, professional: 2, other: 5 },
  chat: { self: 55, anonymous: 30, parent: 8, other: 7 },
  online: { anonymous: 55, self: 25, parent: 10, other: 10 },
  email: { parent: 35, anonymous: 25, relative: 10, professional: 15, other: 15 },
  school: { teacher: 80, professional: 20 },
  psc: { parent: 50, relative: 20, neighbour: 10, other: 20 },
  police: { professional: 85, parent: 10, other: 5 },
  health: { professional: 95, parent: 5 },
  guardianship: { professional: 90, relative: 10 },
  ngo: { professional: 70, parent: 15, self: 15 },
  walk_in: { parent: 55, relative: 20, self: 15, neighbour: 10 },
  other: { anonymous: 30, other: 40, relative: 30 },
};

/** How likely the victim's IIN is known at intake, by channel. */
const IIN_KNOWN_BY_CHANNEL: Readonly<Record<Channel, number>> = {
  hotline: 0.3, chat: 0.08, online: 0.05, email: 0.3, school: 0.9, psc: 0.85, police: 0.8, health: 0.85,
  guardianship: 0.92, ngo: 0.5, walk_in: 0.6, other: 0.4,
};

const WEEKDAY_FACTOR = [0.72, 1.12, 1.1, 1.08, 1.05, 1.0, 0.78] as const; // Sunday first
const MONTH_FACTOR = [0.95, 1.0, 1.0, 1.05, 1.05, 0.9, 0.85, 0.9, 1.1, 1.1, 1.1, 1.0] as const;
const HOUR_FACTOR = [
  0.25, 0.15, 0.1, 0.08, 0.08, 0.12, 0.3, 0.6, 1.0, 1.35, 1.5, 1.5, 1.4, 1.4, 1.5, 1.55, 1.6, 1.6, 1.55, 1.45, 1.3,
  1.1, 0.8, 0.5,
] as const;

/**
 * Report volume over the period, per (day, hour) cell: yearly growth, month and weekday
 * seasonality, time of day. Memory: one number per hour of the period.
 */
class TimeTable {
  readonly firstDay: number;
  readonly #cumulative: Float64Array;

  constructor(from: number, to: number, growthPerYear: number) {
    this.firstDay = from;
    const days = to - from + 1;
    this.#cumulative = new Float64Array(days * 24);
    let total = 0;
    for (let d = 0; d < days; d++) {
      const day = from + d;
      const trend = Math.pow(1 + growthPerYear, d / 365.25);
      const md = isoDate(day).slice(5);
      const holiday = md === '12-31' || md === '01-01' || md === '01-02' ? 0.6 : 1;
      const dayWeight = trend * holiday * (WEEKDAY_FACTOR[weekday(day)] ?? 1) * (MONTH_FACTOR[monthOf(day) - 1] ?? 1);
      for (let h = 0; h < 24; h++) {
        total += dayWeight * (HOUR_FACTOR[h] ?? 1);
        this.#cumulative[d * 24 + h] = total;
      }
    }
  }

  /** The instant at quantile u ∈ [0, 1): [day, second of day]; monotone in u. */
  at(u: number): [number, number] {
    const c = this.#cumulative;
    const total = c[c.length - 1] ?? 0;
    const target = u * total;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((c[mid] ?? 0) > target) hi = mid;
      else lo = mid + 1;
    }
    const prev = lo === 0 ? 0 : (c[lo - 1] ?? 0);
    const cell = (c[lo] ?? 0) - prev;
    const frac = cell > 0 ? Math.min(0.999999, Math.max(0, (target - prev) / cell)) : 0;
    const hour = lo % 24;
    return [this.firstDay + Math.floor(lo / 24), hour * 3600 + Math.floor(frac * 3600)];
  }
}

function isoInstant(day: number, second: number): string {
  const hh = String(Math.floor(second / 3600)).padStart(2, '0');
  const mm = String(Math.floor((second % 3600) / 60)).padStart(2, '0');
  const ss = String(second % 60).padStart(2, '0');
  return `${isoDate(day)}T${hh}:${mm}:${ss}+05:00`;
}

/** A child known to the generator, kept for repeat reports about the same child. */
interface KnownChild {
  family: Family;
  /** Parents, step-parents, siblings… already named for this child's family, by relation and sex. */
  household: Map<string, PerpDraft>;
  /** Where the child was first reported. */
  regionCode: string;
  districtCode: string | null;
  name: PersonName;
  sex: Sex;
  birthDay: number;
  iin: string | null;
}

/** A perpetrator as generated, before deciding what the reporter knows of them. */
interface PerpDraft {
  relation: PerpetratorRelation;
  sex: Sex | null;
  person: (PersonName & { birthDay: number; iin: string | null }) | null;
}

interface IncidentDraft {
  types: ViolenceType[];
  occurredDay: number;
  place: Place;
  districtCode: string | null;
  schoolId: string | null;
  victims: KnownChild[];
  perps: PerpDraft[];
}

const RECENT_CHILDREN = 600;
const RECENT_INCIDENTS = 40;

/**
 * Report bodies for `POST /api/v1/reports` (plus `externalId`), in order of `receivedAt`,
 * spread over [from, to] with a yearly growth trend and weekly and daily rhythm.
 */
export function* generateReports(opts: GenerateReportsOptions): Generator<DemoReport, void, undefined> {
  const fromDay = dayNumber(opts.from);
  const toDay = dayNumber(opts.to);
  if (toDay < fromDay) throw new RangeError(`generateReports: "to" (${opts.to}) is before "from" (${opts.from})`);
  if (opts.regions.length === 0) throw new RangeError('generateReports: no regions');
  const prefix = opts.idPrefix ?? `demo-${opts.seed}`;
  const root = createRng(opts.seed).fork('reports');
  const timeRng = root.fork('time');
  const rng = root.fork('content');
  const table = new TimeTable(fromDay, toDay, opts.growthPerYear ?? 0.18);
  const iins = new IinAllocator(SERIALS_REPORT, `${opts.seed}:r`);

  const pickRegion = weightedSampler(opts.regions.map((r) => [r.code, r.weight ?? 1] as const));
  const districtPickers = new Map<string, (r: Rng) => string>();
  for (const region of opts.regions) {
    const inRegion = opts.districts.filter((d) => d.regionCode === region.code);
    if (inRegion.length === 0) continue;
    // A stable per-district weight, so that some districts see more reports than others.
    const weights = inRegion.map((d) => [d.code, 0.35 + (hash32(`${opts.seed}:district:${d.code}`) / 4294967296) * 1.65] as const);
    districtPickers.set(region.code, weightedSampler(weights));
  }
  const districtsOfRegion = new Map<string, string[]>();
  for (const d of opts.districts) {
    const list = districtsOfRegion.get(d.regionCode) ?? [];
    list.push(d.code);
    districtsOfRegion.set(d.regionCode, list);
  }
  const schoolPickers = new Map<string, (r: Rng) => string>();
  {
    const byDistrict = new Map<string, [string, number][]>();
    for (const s of opts.schools ?? []) {
      const list = byDistrict.get(s.districtCode) ?? [];
      list.push([s.id, Math.max(1, s.students ?? 500)]);
      byDistrict.set(s.districtCode, list);
    }
    for (const [code, list] of byDistrict) schoolPickers.set(code, weightedSampler(list));
  }

  const recentChildren: KnownChild[] = [];
  const recentIncidents: { channel: Channel; regionCode: string; districtCode: string | null; incidents: IncidentDraft[] }[] = [];
  const width = Math.max(7, String(opts.count).length);
  let u = 0;

  for (let i = 0; i < opts.count; i++) {
    // Sorted uniforms, generated in order (the i-th order statistic given the previous one).
    u = 1 - (1 - u) * Math.pow(1 - timeRng.next(), 1 / (opts.count - i));
    const [day, second] = table.at(u);
    const month = monthOf(day);
    const summer = month >= 6 && month <= 8;

    let channel = rng.weightedKey<Channel>(DEMO_REPORT_WEIGHTS.channel);
    let regionCode: string;
    let districtCode: string | null;
    let incidents: IncidentDraft[];

    const duplicateOf = recentIncidents.length > 0 && rng.chance(0.02) ? rng.pick(recentIncidents) : null;
    if (duplicateOf) {
      // The same incident reported again through another channel (for duplicate detection).
      ({ regionCode, districtCode } = duplicateOf);
      incidents = duplicateOf.incidents;
      if (channel === duplicateOf.channel) {
        const others = Object.entries(DEMO_REPORT_WEIGHTS.channel).filter(([c]) => c !== channel) as [Channel, number][];
        channel = rng.weighted(others);
      }
    } else {
      // Now and then a child already reported before (repeat reports, early-warning flags),
      // usually still living where the earlier report placed them.
      let repeatChild = recentChildren.length > 0 && rng.chance(0.06) ? rng.pick(recentChildren) : null;
      if (repeatChild && ageOn(repeatChild.birthDay, day) > 17) repeatChild = null;
      if (repeatChild && rng.chance(0.92)) {
        regionCode = repeatChild.regionCode;
        districtCode = repeatChild.districtCode;
      } else {
        regionCode = pickRegion(rng);
        districtCode = districtPickers.get(regionCode)?.(rng) ?? null;
      }
      const share = kazakhShare(regionCode);
      const home = { regionCode, districtCode };
      const nIncidents = rng.weighted(DEMO_REPORT_WEIGHTS.incidents);
      incidents = [];
      let victims: KnownChild[] | null = null;
      for (let k = 0; k < nIncidents; k++) {
        const type = pickType(rng, channel, summer, repeatChild ?? victims?.[0] ?? null, day);
        const lagDays = k === 0 ? reportLag(rng, type) : reportLag(rng, type) + rng.int(10, 200);
        if (!victims) victims = makeVictims(rng, type, day - lagDays, share, repeatChild, iins, home);
        const first = victims[0] as KnownChild;
        const occurredDay = Math.max(day - lagDays, first.birthDay); // never before the child was born
        const age = ageOn(first.birthDay, occurredDay);
        let place = rng.weightedKey<Place>(placeWeights(type, summer));
        if (place === 'school' && age < 6) place = 'preschool';
        if (place === 'preschool' && age >= 7) place = 'school';
        const incidentDistrict =
          districtCode !== null && rng.chance(0.05) ? rng.pick(districtsOfRegion.get(regionCode) ?? [districtCode]) : districtCode;
        const schoolId = place === 'school' && incidentDistrict !== null ? (schoolPickers.get(incidentDistrict)?.(rng) ?? null) : null;
        const types: ViolenceType[] = [type];
        const co = CO_TYPES[type]?.filter((t) => (PLACE_BY_TYPE[t][place] ?? 0) > 0) ?? [];
        if (co.length > 0 && rng.chance(0.22)) types.push(rng.pick(co));
        incidents.push({
          types,
          occurredDay,
          place,
          districtCode: incidentDistrict,
          schoolId,
          victims: victims.slice(0, k === 0 ? victims.length : 1),
          perps: makePerpetrators(rng, type, place, first, occurredDay, { share, iins }),
        });
      }
      for (const v of victims ?? []) {
        if (recentChildren.length < RECENT_CHILDREN) recentChildren.push(v);
        else recentChildren[rng.int(0, RECENT_CHILDREN - 1)] = v;
      }
      recentIncidents.push({ channel, regionCode, districtCode, incidents });
      if (recentIncidents.length > RECENT_INCIDENTS) recentIncidents.shift();
    }

    const main = incidents[0] as IncidentDraft;
    const mainType = main.types[0] as ViolenceType;
    const firstVictim = main.victims[0] as KnownChild;
    const firstPerp = main.perps[0] ?? null;
    const reporter = makeReporter(rng, channel, main, day, { share: kazakhShare(regionCode), iins });
    const language: NarrativeLanguage = rng.chance(0.15 + 0.4 * kazakhShare(regionCode)) ? 'kk' : 'ru';
    const narrative = buildNarrative(rng, {
      language,
      type: mainType,
      place: main.place,
      channel,
      child: { sex: firstVictim.sex, age: Math.max(0, ageOn(firstVictim.birthDay, main.occurredDay)) },
      siblings: main.victims.slice(1).map((v) => ({ sex: v.sex, age: Math.max(0, ageOn(v.birthDay, main.occurredDay)) })),
      perpetrator: firstPerp ? { relation: firstPerp.relation, sex: firstPerp.sex } : null,
      reporter: reporter.anonymous ? 'anonymous' : { relation: reporter.relation, sex: reporter.sex },
    });

    yield {
      externalId: `${prefix}-R-${String(i + 1).padStart(width, '0')}`,
      channel,
      regionCode,
      districtCode,
      receivedAt: isoInstant(day, second),
      narrative,
      narrativeLanguage: language,
      reporter,
      screening: screen(rng, main),
      incidents: incidents.map((inc) => presentIncident(rng, inc, channel)),
    };
  }
}

function placeWeights(type: ViolenceType, summer: boolean): Partial<Record<Place, number>> {
  const w = PLACE_BY_TYPE[type];
  if (!summer || w.school === undefined) return w;
  return { ...w, school: w.school * 0.25 };
}

function pickType(rng: Rng, channel: Channel, summer: boolean, child: KnownChild | null, day: number): ViolenceType {
  const mult = TYPE_BY_CHANNEL[channel] ?? {};
  const age = child ? ageOn(child.birthDay, day) : null;
  const entries: [ViolenceType, number][] = [];
  for (const t of VIOLENCE_TYPES) {
    let w = DEMO_REPORT_WEIGHTS.type[t] * (mult[t] ?? 1);
    if (summer && t === 'bullying') w *= 0.4;
    if (child) {
      const [, , min, max] = AGE_BY_TYPE[t];
      if (age === null || age < min || age > max) w = 0;
      if (t === 'child_marriage' && child.sex === 'male') w = 0;
    }
    entries.push([t, w]);
  }
  return entries.some(([, w]) => w > 0) ? rng.weighted(entries) : 'other';
}

/** Days between the incident and the report. */
function reportLag(rng: Rng, type: ViolenceType): number {
  const bucket = rng.weightedKey({ same: 28, next: 24, week: 26, months: 18, year: type === 'sexual' ? 12 : 4 });
  switch (bucket) {
    case 'same':
      return 0;
    case 'next':
      return 1;
    case 'week':
      return rng.int(2, 7);
    case 'months':
      return rng.int(8, 60);
    case 'year':
      return rng.int(61, 365);
  }
}

/** How many children of one family a report names, by type (siblings are harmed together at home). */
function victimCount(rng: Rng, type: ViolenceType): number {
  switch (type) {
    case 'neglect':
    case 'domestic_violence_witness':
      return rng.weighted<number>([[1, 66], [2, 25], [3, 9]]);
    case 'physical':
    case 'psychological':
      return rng.weighted<number>([[1, 86], [2, 11], [3, 3]]);
    case 'sexual':
    case 'labour_exploitation':
      return rng.weighted<number>([[1, 94], [2, 6]]);
    case 'bullying':
    case 'cyberbullying':
    case 'trafficking':
    case 'sexual_exploitation':
    case 'online_sexual_abuse':
    case 'involvement_in_crime':
    case 'self_harm':
    case 'suicide_attempt':
    case 'substance_use':
    case 'child_marriage':
    case 'other':
      return 1;
  }
}

function makeVictims(
  rng: Rng,
  type: ViolenceType,
  occurredDay: number,
  share: number,
  repeat: KnownChild | null,
  iins: IinAllocator,
  home: { regionCode: string; districtCode: string | null },
): KnownChild[] {
  if (repeat) return [repeat];
  const family = sampleFamily(rng, { kazakhShare: share, generation: 'child' });
  const household = new Map<string, PerpDraft>();
  const [mean, sd, min, max] = AGE_BY_TYPE[type];
  const age = rng.normalInt(mean, sd, min, max);
  const sex: Sex = rng.chance(MALE_SHARE_BY_TYPE[type]) ? 'male' : 'female';
  const victims = [makeChild(rng, family, household, sex, age, occurredDay, iins, home)];
  const n = victimCount(rng, type);
  for (let k = 1; k < n; k++) {
    const sibAge = Math.min(17, Math.max(0, age + rng.pick([-6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5])));
    const sibSex: Sex = rng.chance(0.5) ? 'male' : 'female';
    victims.push(makeChild(rng, family, household, sibSex, sibAge, occurredDay, iins, home));
  }
  return victims;
}

function makeChild(
  rng: Rng,
  family: Family,
  household: Map<string, PerpDraft>,
  sex: Sex,
  age: number,
  onDay: number,
  iins: IinAllocator,
  home: { regionCode: string; districtCode: string | null },
): KnownChild {
  const [lo, hi] = birthDayRange(onDay, age);
  const birthDay = rng.int(lo, hi);
  const name = nameInFamily(rng, family, sex, 'child');
  return { family, household, name, sex, birthDay, iin: iins.allocate(birthDay, sex), ...home };
}

/** Share of men among perpetrators, by relation. */
const PERP_MALE_SHARE: Readonly<Record<PerpetratorRelation, number>> = {
  mother: 0, father: 1, stepparent: 0.85, sibling: 0.75, grandparent: 0.45, other_relative: 0.7, caregiver: 0.4,
  school_staff: 0.35, peer: 0.62, partner: 0.97, neighbour: 0.75, acquaintance: 0.8, stranger: 0.9,
  online_contact: 0.85, unknown: 0.8, other: 0.7,
};

const SEXUAL_TYPES: ReadonlySet<ViolenceType> = new Set(['sexual', 'sexual_exploitation', 'online_sexual_abuse', 'child_marriage']);

function perpSex(rng: Rng, relation: PerpetratorRelation, type: ViolenceType, victim: KnownChild): Sex | null {
  if (relation === 'unknown' && rng.chance(0.6)) return null;
  let p = PERP_MALE_SHARE[relation];
  if (type === 'domestic_violence_witness') p = relation === 'mother' ? 0 : 1;
  else if (SEXUAL_TYPES.has(type) && relation !== 'mother') p = Math.max(p, 0.95);
  else if (relation === 'peer') p = victim.sex === 'male' ? 0.85 : 0.3; // children fight mostly within their sex
  return rng.chance(p) ? 'male' : 'female';
}

/** Relations plausible at each place; a type's relation weights are filtered through these. */
const RELATIONS_AT_PLACE: Readonly<Record<Place, ReadonlySet<PerpetratorRelation | 'none'> | null>> = {
  home: new Set(['mother', 'father', 'stepparent', 'sibling', 'grandparent', 'other_relative', 'caregiver', 'partner', 'neighbour', 'acquaintance', 'none']),
  school: new Set(['peer', 'school_staff', 'none']),
  preschool: new Set(['school_staff', 'caregiver', 'peer', 'none']),
  institution: new Set(['caregiver', 'school_staff', 'peer', 'unknown', 'none']),
  street: new Set(['peer', 'stranger', 'acquaintance', 'neighbour', 'other_relative', 'father', 'mother', 'sibling', 'partner', 'unknown', 'other', 'none']),
  public_place: new Set(['peer', 'stranger', 'acquaintance', 'neighbour', 'other_relative', 'father', 'mother', 'partner', 'unknown', 'other', 'none']),
  online: new Set(['online_contact', 'peer', 'acquaintance', 'unknown', 'none']),
  other: null,
};

const FALLBACK_RELATIONS: Readonly<Record<Place, Partial<Record<PerpetratorRelation, number>>>> = {
  home: { father: 1, mother: 1 },
  school: { peer: 3, school_staff: 1 },
  preschool: { school_staff: 1 },
  institution: { caregiver: 1 },
  street: { stranger: 1, peer: 1 },
  public_place: { stranger: 1, acquaintance: 1 },
  online: { online_contact: 1 },
  other: { unknown: 1 },
};

function relationWeights(type: ViolenceType, place: Place): Partial<Record<PerpetratorRelation | 'none', number>> {
  const table = RELATION_BY_TYPE[type];
  const allowed = RELATIONS_AT_PLACE[place];
  if (!allowed) return table;
  const out: Partial<Record<PerpetratorRelation | 'none', number>> = {};
  let any = false;
  for (const [rel, w] of Object.entries(table) as [PerpetratorRelation | 'none', number][]) {
    if (allowed.has(rel) && w > 0) {
      out[rel] = w;
      any = true;
    }
  }
  return any ? out : FALLBACK_RELATIONS[place];
}

function makePerpetrators(rng: Rng, type: ViolenceType, place: Place, victim: KnownChild, onDay: number, ctx: PersonContext): PerpDraft[] {
  const first = rng.weightedKey(relationWeights(type, place));
  if (first === 'none') return [];
  const relations: PerpetratorRelation[] = [first];
  if (type === 'neglect' && (first === 'mother' || first === 'father') && rng.chance(0.35)) {
    relations.push(first === 'mother' ? 'father' : 'mother');
  }
  if ((type === 'bullying' || type === 'cyberbullying') && first === 'peer') {
    const extra = rng.weighted<number>([[0, 65], [1, 25], [2, 10]]);
    for (let k = 0; k < extra; k++) relations.push('peer');
  }
  return relations.map((relation) => makePerp(rng, relation, type, victim, onDay, ctx));
}

interface PersonContext {
  share: number;
  iins: IinAllocator;
}

/** Relations that belong to the child's household: the same person in every report about the child. */
const HOUSEHOLD_RELATIONS: ReadonlySet<PerpetratorRelation> = new Set(['mother', 'father', 'stepparent', 'sibling', 'grandparent', 'caregiver']);

function makePerp(rng: Rng, relation: PerpetratorRelation, type: ViolenceType, victim: KnownChild, onDay: number, ctx: PersonContext): PerpDraft {
  const sex = perpSex(rng, relation, type, victim);
  const unnamed =
    relation === 'unknown' ||
    (relation === 'stranger' && rng.chance(0.8)) ||
    (relation === 'online_contact' && rng.chance(0.9)) ||
    (relation === 'other' && rng.chance(0.5));
  if (unnamed || sex === null) return { relation, sex, person: null };
  if (!HOUSEHOLD_RELATIONS.has(relation)) return newPerson(rng, relation, sex, victim, onDay, ctx);
  const key = `${relation}:${sex}`;
  let member = victim.household.get(key);
  if (!member) {
    member = newPerson(rng, relation, sex, victim, onDay, ctx);
    victim.household.set(key, member);
  }
  return member;
}

/** An adult of family `f` (married into it when female): own given name and patronymic. */
function adultOf(rng: Rng, f: Family, sex: Sex): PersonName {
  const first = sampleFirstName(rng, f.ethnicity, sex, 'adult');
  const ownFather = sampleFirstName(rng, f.ethnicity, 'male', 'adult');
  const middleName = f.ethnicity === 'kk' && rng.chance(0.15) ? kazakhPatronymic(ownFather, sex) : russianPatronymic(ownFather, sex);
  const n = { lastName: surnameFor(f.surname, sex), firstName: first, middleName };
  return f.russifiedSpelling ? mapName(n, toRussianCyrillic) : n;
}

function newPerson(rng: Rng, relation: PerpetratorRelation, sex: Sex, victim: KnownChild, onDay: number, ctx: PersonContext): PerpDraft {
  const family = victim.family;
  const victimAge = Math.max(0, ageOn(victim.birthDay, onDay));
  const otherFamily = (generation: Generation): Family => sampleFamily(rng, { kazakhShare: ctx.share, generation });
  let name: PersonName;
  let age: number;
  switch (relation) {
    case 'father':
      name = fatherInFamily(rng, family);
      age = victimAge + rng.normalInt(31, 6, 18, 55);
      break;
    case 'mother':
      // Kazakh women often keep their own surname.
      name = adultOf(rng, family.ethnicity === 'kk' && rng.chance(0.2) ? otherFamily('adult') : family, 'female');
      age = victimAge + rng.normalInt(28, 5, 16, 48);
      break;
    case 'sibling':
      name = nameInFamily(rng, family, sex, 'child');
      age = victimAge + rng.int(2, 9);
      break;
    case 'grandparent':
      name = adultOf(rng, family, sex);
      age = victimAge + rng.normalInt(55, 6, 38, 80);
      break;
    case 'other_relative':
      name = adultOf(rng, rng.chance(0.6) ? family : otherFamily('adult'), sex);
      age = victimAge + rng.normalInt(22, 8, 5, 60);
      break;
    case 'peer':
      name = nameInFamily(rng, otherFamily('child'), sex, 'child');
      age = Math.max(3, victimAge + rng.int(-1, 2));
      break;
    case 'partner':
      name = adultOf(rng, otherFamily('adult'), sex);
      age = rng.normalInt(24, 5, 18, 45);
      break;
    case 'stepparent':
    case 'caregiver':
    case 'school_staff':
    case 'neighbour':
    case 'acquaintance':
    case 'stranger':
    case 'online_contact':
    case 'unknown':
    case 'other':
      name = adultOf(rng, otherFamily('adult'), sex);
      age = relation === 'stepparent' ? victimAge + rng.normalInt(30, 6, 18, 55) : rng.normalInt(36, 10, 18, 75);
      break;
  }
  const birthDay = rng.int(...birthDayRange(onDay, age));
  const knowsIin = rng.chance(0.25);
  return { relation, sex, person: { ...name, birthDay, iin: knowsIin ? ctx.iins.allocate(birthDay, sex) : null } };
}

function makeReporter(rng: Rng, channel: Channel, incident: IncidentDraft, day: number, ctx: PersonContext): DemoReporter {
  let relation = rng.weightedKey(REPORTER_BY_CHANNEL[channel]);
  if (relation === 'anonymous') return { anonymous: true };
  const victim = incident.victims[0] as KnownChild;
  if (relation === 'self' && ageOn(victim.birthDay, day) < 9) relation = 'parent';
  const perpRelations = new Set(incident.perps.map((p) => p.relation));
  if (relation === 'parent' && perpRelations.has('mother') && perpRelations.has('father')) relation = 'relative';

  let name: PersonName;
  let sex: Sex;
  let birthDay: number | null = null;
  switch (relation) {
    case 'self':
      name = victim.name;
      sex = victim.sex;
      birthDay = victim.birthDay;
      break;
    case 'parent': {
      // The parent who is not the perpetrator; otherwise mothers call more often than fathers.
      if (perpRelations.has('mother')) sex = 'male';
      else if (perpRelations.has('father') || perpRelations.has('stepparent')) sex = 'female';
      else sex = rng.chance(0.75) ? 'female' : 'male';
      const parent = makePerp(rng, sex === 'male' ? 'father' : 'mother', 'other', victim, day, ctx);
      name = parent.person ?? fatherInFamily(rng, victim.family);
      break;
    }
    case 'relative':
    case 'neighbour':
    case 'teacher':
    case 'professional':
    case 'other': {
      const femaleShare = relation === 'teacher' || relation === 'professional' ? 0.8 : 0.7;
      sex = rng.chance(femaleShare) ? 'female' : 'male';
      const f = relation === 'relative' && rng.chance(0.5) ? victim.family : sampleFamily(rng, { kazakhShare: ctx.share, generation: 'adult' });
      name = adultName(rng, f, sex);
      break;
    }
  }
  const written = writeName(rng, name);
  return {
    anonymous: false,
    relation,
    iin: null,
    lastName: written.lastName,
    firstName: written.firstName,
    middleName: rng.chance(0.6) ? written.middleName : null,
    birthDate: birthDay !== null ? isoDate(birthDay) : null,
    sex,
  };
}

function screen(rng: Rng, incident: IncidentDraft): DemoReport['screening'] {
  const types = new Set(incident.types);
  const danger =
    (types.has('sexual') ? 0.4 : 0) +
    (types.has('suicide_attempt') ? 0.6 : 0) +
    (types.has('trafficking') ? 0.5 : 0) +
    (types.has('child_marriage') ? 0.4 : 0) +
    (types.has('physical') ? 0.18 : 0) +
    (types.has('self_harm') ? 0.25 : 0) +
    (types.has('sexual_exploitation') ? 0.4 : 0) +
    0.03;
  const injured =
    (types.has('physical') ? 0.35 : 0) +
    (types.has('sexual') ? 0.3 : 0) +
    (types.has('suicide_attempt') ? 0.7 : 0) +
    (types.has('self_harm') ? 0.6 : 0) +
    0.02;
  const familial = new Set<PerpetratorRelation>(['mother', 'father', 'stepparent', 'sibling', 'grandparent', 'other_relative', 'caregiver', 'partner']);
  const near = new Set<PerpetratorRelation>(['school_staff', 'peer', 'neighbour', 'online_contact']);
  let access = 0.05;
  for (const p of incident.perps) {
    if (familial.has(p.relation)) access = Math.max(access, 0.8);
    else if (near.has(p.relation)) access = Math.max(access, 0.5);
    else access = Math.max(access, 0.15);
  }
  if (incident.perps.length === 0) access = 0;
  return {
    immediateDanger: rng.chance(Math.min(0.95, danger)),
    childInjured: rng.chance(Math.min(0.95, injured)),
    perpetratorHasAccess: rng.chance(access),
  };
}

/** What the reporter knows of a child: IIN by channel, birth date usually, patronymic often. */
function presentChild(rng: Rng, child: KnownChild, channel: Channel): DemoPersonInput {
  const iin = child.iin !== null && rng.chance(IIN_KNOWN_BY_CHANNEL[channel]) ? child.iin : null;
  const name = writeName(rng, child.name);
  return {
    iin,
    lastName: name.lastName,
    firstName: name.firstName,
    middleName: rng.chance(iin !== null ? 0.9 : 0.5) ? name.middleName : null,
    birthDate: iin !== null || rng.chance(0.75) ? isoDate(child.birthDay) : null,
    sex: child.sex,
  };
}

function presentPerp(rng: Rng, perp: PerpDraft): DemoPerpetrator {
  if (!perp.person) return perp.sex === null ? { relation: perp.relation } : { relation: perp.relation, sex: perp.sex };
  const p = perp.person;
  const name = writeName(rng, p);
  return {
    relation: perp.relation,
    iin: p.iin,
    lastName: name.lastName,
    firstName: name.firstName,
    middleName: rng.chance(0.6) ? name.middleName : null,
    birthDate: p.iin !== null || rng.chance(0.4) ? isoDate(p.birthDay) : null,
    sex: perp.sex ?? 'male',
  };
}

function presentIncident(rng: Rng, inc: IncidentDraft, channel: Channel): DemoIncident {
  const out: DemoIncident = {
    types: inc.types.slice(),
    occurredOn: isoDate(inc.occurredDay),
    place: inc.place,
    districtCode: inc.districtCode,
    victims: inc.victims.map((v) => presentChild(rng, v, channel)),
    perpetrators: inc.perps.map((p) => presentPerp(rng, p)),
  };
  if (inc.schoolId !== null) out.schoolId = inc.schoolId;
  return out;
}
