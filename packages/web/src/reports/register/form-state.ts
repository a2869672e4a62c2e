// The registration form's state, its defaults for the user's agency, client-side checks that use
// the same field paths as the server (`incidents.0.victims.0.iin`), the request body, and the
// draft kept in localStorage. Pure functions (apart from the storage helpers), unit-tested.
import {
  checkIinAgainst, parseIin, roleHas,
  type AgencyType, type Channel, type PerpetratorRelation, type Place, type ReporterRelation, type Sex, type ViolenceType,
} from '@qorgau/core';
import type { OpenReportRef, Person } from '../../persons/types.ts';
import type { User } from '../../types.ts';
import type { IncidentBody, NewPersonBody, PerpetratorBody, ReportBody, VictimBody } from '../types.ts';
import { fromKzInput } from '../../format.ts';

export type YesNo = '' | 'yes' | 'no';
export const SCREENING_KEYS = ['immediateDanger', 'childInjured', 'perpetratorHasAccess'] as const;
export type ScreeningKey = (typeof SCREENING_KEYS)[number];

export interface PersonDraft {
  key: string;
  /** a person picked from the register: sent as `{id}` */
  existing: Person | null;
  /** the picked person's open reports of the last 30 days (to add to instead) */
  existingOpenReports?: OpenReportRef[];
  iin: string;
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  sex: '' | Sex;
}

export interface PerpetratorDraft {
  key: string;
  /** only the relation (and maybe sex) is known */
  unidentified: boolean;
  relation: '' | PerpetratorRelation;
  person: PersonDraft;
}

export interface QualificationDraft {
  key: string;
  code: 'criminal' | 'administrative';
  article: string;
}

export interface IncidentDraft {
  key: string;
  types: ViolenceType[];
  occurredOn: string;
  place: '' | Place;
  districtCode: string;
  settlementCode: string;
  schoolId: string;
  showInjuries: boolean;
  injuries: string;
  showLegal: boolean;
  qualifications: QualificationDraft[];
  victims: PersonDraft[];
  perpetrators: PerpetratorDraft[];
}

export interface ReporterDraft {
  lastName: string;
  firstName: string;
  relation: '' | ReporterRelation;
  phone: string;
}

export interface ReportDraft {
  version: 1;
  channel: Channel;
  regionCode: string;
  districtCode: string;
  /** `datetime-local` value; empty: the time of registration */
  receivedAt: string;
  anonymous: boolean;
  reporter: ReporterDraft;
  narrative: string;
  screening: Record<ScreeningKey, YesNo>;
  incidents: IncidentDraft[];
}

let counter = 0;
/** Keys for list rows (React keys; also survive in the stored draft). */
export function newKey(): string {
  counter += 1;
  return `${Date.now().toString(36)}-${counter.toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

export function newPerson(): PersonDraft {
  return { key: newKey(), existing: null, iin: '', lastName: '', firstName: '', middleName: '', birthDate: '', sex: '' };
}

export function newPerpetrator(): PerpetratorDraft {
  return { key: newKey(), unidentified: false, relation: '', person: newPerson() };
}

export function newQualification(): QualificationDraft {
  return { key: newKey(), code: 'criminal', article: '' };
}

/** What the form starts with for a user of this agency. */
export interface AgencyDefaults {
  channel: Channel;
  place: '' | Place;
  districtCode: string;
  schoolId: string;
  showLegal: boolean;
  showInjuries: boolean;
  anonymous: boolean;
}

const AGENCY_CHANNEL: Partial<Record<AgencyType, Channel>> = {
  hotline: 'hotline',
  education: 'school',
  police: 'police',
  health: 'health',
  social_protection: 'guardianship',
  ngo: 'ngo',
  akimat: 'psc',
};

export function agencyDefaults(user: Pick<User, 'agencyType' | 'districtCode' | 'schoolId'>): AgencyDefaults {
  const agency = user.agencyType;
  const school = agency === 'education';
  return {
    channel: (agency && AGENCY_CHANNEL[agency]) ?? 'other',
    place: school ? 'school' : '',
    districtCode: user.districtCode ?? '',
    schoolId: school ? (user.schoolId ?? '') : '',
    showLegal: agency === 'police',
    showInjuries: agency === 'health',
    // callers to the helpline often do not give their name
    anonymous: agency === 'hotline',
  };
}

export function newIncident(d: Pick<AgencyDefaults, 'place' | 'districtCode' | 'schoolId' | 'showLegal' | 'showInjuries'>): IncidentDraft {
  return {
    key: newKey(), types: [], occurredOn: '', place: d.place, districtCode: d.districtCode, settlementCode: '', schoolId: d.schoolId,
    showInjuries: d.showInjuries, injuries: '', showLegal: d.showLegal, qualifications: [],
    victims: [newPerson()], perpetrators: [],
  };
}

export function initialDraft(user: Pick<User, 'agencyType' | 'regionCode' | 'districtCode' | 'schoolId'>): ReportDraft {
  const d = agencyDefaults(user);
  return {
    version: 1,
    channel: d.channel,
    regionCode: user.regionCode ?? '',
    districtCode: d.districtCode,
    receivedAt: '',
    anonymous: d.anonymous,
    reporter: { lastName: '', firstName: '', relation: '', phone: '' },
    narrative: '',
    screening: { immediateDanger: '', childInjured: '', perpetratorHasAccess: '' },
    incidents: [newIncident(d)],
  };
}

// ---- checks ---------------------------------------------------------------------------------

/** Catalogue keys of the client-side messages (intake.errors.*). */
export const CLIENT_ERRORS = {
  required: 'intake.errors.required',
  typesRequired: 'intake.errors.typesRequired',
  iinFormat: 'intake.errors.iinFormat',
  iinChecksum: 'intake.errors.iinChecksum',
  iinDate: 'intake.errors.iinDate',
  iinCentury: 'intake.errors.iinCentury',
  iinBirthDate: 'intake.errors.iinBirthDate',
  iinSex: 'intake.errors.iinSex',
  futureDate: 'intake.errors.futureDate',
  dateRange: 'intake.errors.dateRange',
  phone: 'intake.errors.phone',
  article: 'intake.errors.article',
  tooLong: 'intake.errors.tooLong',
  nameOrUnidentified: 'intake.errors.nameOrUnidentified',
} as const;
export type ClientError = (typeof CLIENT_ERRORS)[keyof typeof CLIENT_ERRORS];

export const NARRATIVE_MAX = 20_000;
const ARTICLE = /^\d{1,3}(-\d{1,2})?( ч\.\s?\d| part \d)?$/;
const PHONE = /^\+?[\d\s()-]{5,20}$/;

function today(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** The IIN's own problem, or its disagreement with the birth date and sex typed beside it. */
export function iinProblem(p: Pick<PersonDraft, 'iin' | 'birthDate' | 'sex'>): ClientError | null {
  const iin = p.iin.trim();
  if (!iin) return null;
  const parsed = parseIin(iin);
  if (!parsed.ok) {
    return parsed.reason === 'format' ? CLIENT_ERRORS.iinFormat
      : parsed.reason === 'checksum' ? CLIENT_ERRORS.iinChecksum
        : parsed.reason === 'date' ? CLIENT_ERRORS.iinDate : CLIENT_ERRORS.iinCentury;
  }
  const mismatch = checkIinAgainst(iin, { birthDate: p.birthDate || null, sex: p.sex || null });
  if (mismatch === 'birth_date_mismatch') return CLIENT_ERRORS.iinBirthDate;
  if (mismatch === 'sex_mismatch') return CLIENT_ERRORS.iinSex;
  return null;
}

function checkPerson(p: PersonDraft, path: string, out: Map<string, ClientError>, now: Date): void {
  if (p.existing) return;
  if (!p.firstName.trim()) out.set(`${path}.firstName`, CLIENT_ERRORS.required);
  const iin = iinProblem(p);
  if (iin) out.set(`${path}.iin`, iin);
  if (p.birthDate && (p.birthDate < '1900-01-01' || p.birthDate > today(now))) out.set(`${path}.birthDate`, CLIENT_ERRORS.dateRange);
}

export function checkIncident(inc: IncidentDraft, path: string, out: Map<string, ClientError>, now: Date): void {
  if (inc.types.length === 0) out.set(`${path}.types`, CLIENT_ERRORS.typesRequired);
  if (inc.occurredOn && inc.occurredOn > today(now)) out.set(`${path}.occurredOn`, CLIENT_ERRORS.futureDate);
  if (inc.injuries.length > 5000) out.set(`${path}.injuries`, CLIENT_ERRORS.tooLong);
  inc.qualifications.forEach((q, k) => {
    if (!q.article.trim()) out.set(`${path}.legalQualification.${k}.article`, CLIENT_ERRORS.required);
    else if (!ARTICLE.test(q.article.trim())) out.set(`${path}.legalQualification.${k}.article`, CLIENT_ERRORS.article);
  });
  inc.victims.forEach((v, j) => checkPerson(v, `${path}.victims.${j}`, out, now));
  inc.perpetrators.forEach((p, j) => {
    const at = `${path}.perpetrators.${j}`;
    if (!p.relation) out.set(`${at}.relation`, CLIENT_ERRORS.required);
    if (p.unidentified || p.person.existing) return;
    const named = p.person.firstName.trim() || p.person.lastName.trim() || p.person.iin.trim();
    if (!named) out.set(`${at}.firstName`, CLIENT_ERRORS.nameOrUnidentified);
    else checkPerson(p.person, at, out, now);
  });
}

/** Every problem the client can see, keyed by the server's field path. */
export function checkDraft(d: ReportDraft, opts: { canImport: boolean; now?: Date }): Map<string, ClientError> {
  const now = opts.now ?? new Date();
  const out = new Map<string, ClientError>();
  if (!d.regionCode) out.set('regionCode', CLIENT_ERRORS.required);
  if (!d.narrative.trim()) out.set('narrative', CLIENT_ERRORS.required);
  else if (d.narrative.length > NARRATIVE_MAX) out.set('narrative', CLIENT_ERRORS.tooLong);
  if (opts.canImport && d.receivedAt) {
    const at = new Date(fromKzInput(d.receivedAt) ?? NaN);
    if (Number.isNaN(at.getTime())) out.set('receivedAt', CLIENT_ERRORS.required);
    else if (at.getTime() > now.getTime() + 60_000) out.set('receivedAt', CLIENT_ERRORS.futureDate);
  }
  if (!d.anonymous) {
    if (!d.reporter.firstName.trim()) out.set('reporter.firstName', CLIENT_ERRORS.required);
    if (!d.reporter.relation) out.set('reporter.relation', CLIENT_ERRORS.required);
    if (d.reporter.phone.trim() && !PHONE.test(d.reporter.phone.trim())) out.set('reporter.phone', CLIENT_ERRORS.phone);
  }
  d.incidents.forEach((inc, i) => checkIncident(inc, `incidents.${i}`, out, now));
  return out;
}

// ---- request body ---------------------------------------------------------------------------

const orNull = (s: string) => (s.trim() ? s.trim() : null);

function personBody(p: PersonDraft): NewPersonBody {
  return {
    iin: orNull(p.iin),
    lastName: p.lastName.trim(),
    firstName: p.firstName.trim(),
    middleName: orNull(p.middleName),
    birthDate: p.birthDate || null,
    sex: p.sex || null,
  };
}

export function victimBody(p: PersonDraft): VictimBody {
  return p.existing ? { id: p.existing.id } : personBody(p);
}

function perpetratorBody(p: PerpetratorDraft): PerpetratorBody {
  const relation = p.relation as PerpetratorRelation;
  if (p.person.existing) return { id: p.person.existing.id, relation };
  if (p.unidentified) return p.person.sex ? { relation, sex: p.person.sex } : { relation };
  return { ...personBody(p.person), relation };
}

export function incidentBody(inc: IncidentDraft): IncidentBody {
  return {
    types: inc.types,
    occurredOn: inc.occurredOn || null,
    place: inc.place || null,
    districtCode: inc.districtCode || null,
    settlementCode: inc.settlementCode || null,
    schoolId: inc.place === 'school' ? inc.schoolId || null : null,
    // a collapsed section hides what was typed, it does not drop it
    injuries: orNull(inc.injuries),
    legalQualification: inc.qualifications.map((q) => ({ code: q.code, article: q.article.trim() })),
    victims: inc.victims.map(victimBody),
    perpetrators: inc.perpetrators.map(perpetratorBody),
  };
}

/** `2026-11-20T10:15` (local) → `2026-11-20T10:15:00+05:00`. */
/** A datetime-local value, read as Kazakhstan time, as an instant with its offset. */
export function localToInstant(value: string): string {
  return `${value}:00+05:00`;
}

export function reportBody(d: ReportDraft, opts: { canImport: boolean }): ReportBody {
  const screening: ReportBody['screening'] = {};
  for (const key of SCREENING_KEYS) if (d.screening[key]) screening[key] = d.screening[key] === 'yes';
  return {
    channel: d.channel,
    regionCode: d.regionCode,
    districtCode: d.districtCode || null,
    ...(opts.canImport && d.receivedAt ? { receivedAt: localToInstant(d.receivedAt) } : {}),
    narrative: d.narrative.trim(),
    reporter: d.anonymous
      ? { anonymous: true }
      : {
        anonymous: false,
        lastName: d.reporter.lastName.trim(),
        firstName: d.reporter.firstName.trim(),
        relation: d.reporter.relation as ReporterRelation,
        phone: orNull(d.reporter.phone),
      },
    screening,
    incidents: d.incidents.map(incidentBody),
  };
}

export function canImport(user: Pick<User, 'role'>): boolean {
  return roleHas(user.role, 'reports.import');
}

// ---- the draft in localStorage --------------------------------------------------------------

/** Drafts older than this are dropped rather than restored (a shared computer should not keep them). */
export const DRAFT_MAX_AGE_MS = 7 * 24 * 3_600_000;

export function draftKey(userId: string): string {
  return `qorgau.intakeDraft.${userId}`;
}

interface StoredDraft {
  savedAt: number;
  draft: ReportDraft;
}

function looksLikeDraft(value: unknown): value is ReportDraft {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Partial<ReportDraft>;
  return d.version === 1 && Array.isArray(d.incidents) && d.incidents.length > 0 && typeof d.narrative === 'string'
    && typeof d.reporter === 'object' && typeof d.screening === 'object';
}

export function loadDraft(userId: string, now = Date.now()): ReportDraft | null {
  try {
    const raw = localStorage.getItem(draftKey(userId));
    if (!raw) return null;
    const stored = JSON.parse(raw) as Partial<StoredDraft>;
    if (typeof stored.savedAt !== 'number' || now - stored.savedAt > DRAFT_MAX_AGE_MS || !looksLikeDraft(stored.draft)) {
      localStorage.removeItem(draftKey(userId));
      return null;
    }
    return stored.draft;
  } catch {
    return null;
  }
}

export function saveDraft(userId: string, draft: ReportDraft, now = Date.now()): void {
  try {
    localStorage.setItem(draftKey(userId), JSON.stringify({ savedAt: now, draft } satisfies StoredDraft));
  } catch {
    // storage full or unavailable: the form still works, only without the safety net
  }
}

export function clearDraft(userId: string): void {
  try {
    localStorage.removeItem(draftKey(userId));
  } catch {
    // nothing to do
  }
}

/** Whether anything was typed beyond the defaults (an untouched form is not worth restoring). */
export function isBlank(d: ReportDraft, defaults: ReportDraft): boolean {
  const strip = (x: ReportDraft) => JSON.stringify(x, (k, v: unknown) => (k === 'key' ? undefined : v));
  return strip(d) === strip(defaults);
}

// ---- server errors --------------------------------------------------------------------------

const PERSON_FIELDS = ['id', 'iin', 'lastName', 'firstName', 'middleName', 'birthDate', 'sex'] as const;

/** Every field path the form shows a message at; a server detail for any other path is listed in the summary. */
export function fieldPaths(d: ReportDraft): string[] {
  const out = ['channel', 'regionCode', 'districtCode', 'receivedAt', 'narrative', 'reporter', 'reporter.firstName',
    'reporter.lastName', 'reporter.relation', 'reporter.phone'];
  d.incidents.forEach((inc, i) => {
    const p = `incidents.${i}`;
    out.push(p, `${p}.types`, `${p}.occurredOn`, `${p}.place`, `${p}.districtCode`, `${p}.settlementCode`, `${p}.schoolId`,
      `${p}.injuries`, `${p}.legalQualification`, `${p}.victims`);
    inc.qualifications.forEach((_, k) => out.push(`${p}.legalQualification.${k}.code`, `${p}.legalQualification.${k}.article`));
    inc.victims.forEach((_, j) => out.push(`${p}.victims.${j}`, ...PERSON_FIELDS.map((f) => `${p}.victims.${j}.${f}`)));
    inc.perpetrators.forEach((_, j) => out.push(`${p}.perpetrators.${j}`, `${p}.perpetrators.${j}.relation`, ...PERSON_FIELDS.map((f) => `${p}.perpetrators.${j}.${f}`)));
  });
  return out;
}

/** The value at `incidents.0.victims.0.iin` in a request body (undefined where there is none). */
export function valueAt(body: unknown, path: string): unknown {
  let node: unknown = body;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * Sections to open so that every field with a problem can be seen and focused: an incident's
 * injuries or legal qualification, when a path points into them.
 */
export function expandForErrors(d: ReportDraft, paths: Iterable<string>): ReportDraft {
  let changed = false;
  const incidents = d.incidents.map((inc) => ({ ...inc }));
  for (const path of paths) {
    const m = /^incidents\.(\d+)\.(injuries|legalQualification)/.exec(path);
    const inc = m ? incidents[Number(m[1])] : undefined;
    if (!m || !inc) continue;
    if (m[2] === 'injuries' && !inc.showInjuries) { inc.showInjuries = true; changed = true; }
    if (m[2] === 'legalQualification' && !inc.showLegal) { inc.showLegal = true; changed = true; }
  }
  return changed ? { ...d, incidents } : d;
}
