// The console's draft of the contact in progress: pure functions to create it, keep it in
// localStorage (so that a reload mid-call loses nothing), check it and turn it into the body of
// `POST /api/v1/contacts`. No React here, so that all of it is unit-tested.
import { VIOLENCE_TYPES, type Locale, type PerpetratorRelation, type Place, type Sex, type ViolenceType } from '@qorgau/core';
import type { Person } from '../persons/types.ts';
import {
  CALLER_TYPES, CONTACT_OUTCOMES, REPORTER_RELATION_OF, SCREENING_QUESTIONS, type CallerType, type ChiCategory, type ConsoleIncidentBody,
  type ContactBody, type ContactOutcome, type Screening,
} from './types.ts';

export interface PickedPerson extends Person {
  age: number | null;
}

export interface ReportDraft {
  districtCode: string;
  narrative: string;
  types: ViolenceType[];
  /** true while the types follow the chosen CHI category; false once the operator changed them */
  typesFromChi: boolean;
  place: Place | '';
  perpetratorRelation: PerpetratorRelation | '';
  /** a new child's last name, if the caller gives it (the contact itself keeps only the first name) */
  childLastName: string;
  callerName: string;
  callerPhone: string;
}

export interface ConsoleDraft {
  version: 1;
  /** idempotency key of the contact: a retried save keeps one contact */
  clientId: string;
  startedAt: string;
  endedAt: string | null;
  callerType: CallerType | null;
  regionCode: string;
  childQuery: string;
  person: PickedPerson | null;
  newChild: { firstName: string; approxAge: string; sex: Sex | '' };
  chiCode: string;
  screening: Screening;
  outcome: ContactOutcome | null;
  /** the open report the contact adds to (outcome added_to_report) */
  openReport: { id: string; number: string } | null;
  report: ReportDraft;
  summary: string;
}

export function emptyReportDraft(): ReportDraft {
  return {
    districtCode: '', narrative: '', types: [], typesFromChi: true, place: '', perpetratorRelation: '', childLastName: '',
    callerName: '', callerPhone: '',
  };
}

/** A UUID; `crypto.randomUUID` exists only in secure contexts, `getRandomValues` everywhere. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function newDraft(now: Date, clientId: string = newClientId()): ConsoleDraft {
  return {
    version: 1, clientId, startedAt: now.toISOString(), endedAt: null, callerType: null, regionCode: '', childQuery: '', person: null,
    newChild: { firstName: '', approxAge: '', sex: '' }, chiCode: '', screening: {}, outcome: null, openReport: null,
    report: emptyReportDraft(), summary: '',
  };
}

/** Nothing entered yet beyond starting the call (an accidental start may then be cancelled). */
export function isPristine(d: ConsoleDraft): boolean {
  const fresh = newDraft(new Date(d.startedAt), d.clientId);
  return JSON.stringify({ ...d, endedAt: null }) === JSON.stringify(fresh);
}

// ---- storage ---------------------------------------------------------------------------------

export const draftKey = (userId: string) => `qorgau.console.draft.${userId}`;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a stored draft; anything malformed is ignored (and a partial one filled up). */
export function parseDraft(text: string | null): ConsoleDraft | null {
  if (!text) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(raw) || raw.version !== 1 || typeof raw.clientId !== 'string' || typeof raw.startedAt !== 'string') return null;
  if (Number.isNaN(new Date(raw.startedAt).getTime())) return null;
  const base = newDraft(new Date(raw.startedAt), raw.clientId);
  const d = { ...base, ...raw } as ConsoleDraft;
  d.newChild = { ...base.newChild, ...(isRecord(raw.newChild) ? raw.newChild : {}) };
  d.report = { ...base.report, ...(isRecord(raw.report) ? raw.report : {}) };
  d.screening = isRecord(raw.screening) ? raw.screening : {};
  if (d.callerType && !(CALLER_TYPES as readonly string[]).includes(d.callerType)) d.callerType = null;
  if (d.outcome && !(CONTACT_OUTCOMES as readonly string[]).includes(d.outcome)) d.outcome = null;
  if (!Array.isArray(d.report.types)) d.report.types = [];
  return d;
}

export function loadDraft(storage: Storage, userId: string): ConsoleDraft | null {
  try {
    return parseDraft(storage.getItem(draftKey(userId)));
  } catch {
    return null;
  }
}

export function storeDraft(storage: Storage, userId: string, draft: ConsoleDraft | null): void {
  try {
    if (draft) storage.setItem(draftKey(userId), JSON.stringify(draft));
    else storage.removeItem(draftKey(userId));
  } catch {
    // storage full or disabled: the draft lives in memory only
  }
}

// ---- changes -------------------------------------------------------------------------------

/** Violence types a CHI subcategory maps to, limited to the typology's codes. */
export function chiViolenceTypes(chi: ChiCategory | undefined): ViolenceType[] {
  return (chi?.violenceTypes ?? []).filter((t): t is ViolenceType => (VIOLENCE_TYPES as readonly string[]).includes(t));
}

/** Choosing the subject preselects the report's violence types, unless the operator chose them. */
export function withChi(d: ConsoleDraft, chi: ChiCategory | undefined): ConsoleDraft {
  const next = { ...d, chiCode: chi?.code ?? '' };
  if (d.report.typesFromChi) next.report = { ...d.report, types: chiViolenceTypes(chi) };
  return next;
}

export function withOutcome(d: ConsoleDraft, outcome: ContactOutcome | null): ConsoleDraft {
  return { ...d, outcome, openReport: outcome === 'added_to_report' ? d.openReport : null };
}

// ---- checks --------------------------------------------------------------------------------

export type FieldKey =
  | 'callerType' | 'regionCode' | 'person' | 'childFirstName' | 'childAge' | 'chiCode' | 'outcome' | 'openReport'
  | 'narrative' | 'types' | 'districtCode' | 'callerName' | 'callerPhone' | 'summary';

/** Field order on the screen: the first problem gets the focus. */
export const FIELD_ORDER: readonly FieldKey[] = [
  'callerType', 'regionCode', 'person', 'childFirstName', 'childAge', 'chiCode', 'outcome', 'openReport', 'districtCode',
  'narrative', 'types', 'callerName', 'callerPhone', 'summary',
];

/** i18n keys of the messages, under `console.invalid`. */
export type Problem = 'required' | 'age' | 'noOpenReport' | 'childNeeded' | 'phone';
export type Problems = Partial<Record<FieldKey, Problem>>;

export function parseAge(text: string): number | null | 'invalid' {
  const s = text.trim();
  if (!s) return null;
  if (!/^\d{1,2}$/.test(s)) return 'invalid';
  const n = Number(s);
  return n <= 25 ? n : 'invalid';
}

export function checkDraft(d: ConsoleDraft): Problems {
  const p: Problems = {};
  if (!d.callerType) p.callerType = 'required';
  if (!d.chiCode) p.chiCode = 'required';
  if (!d.outcome) p.outcome = 'required';
  if (!d.person && parseAge(d.newChild.approxAge) === 'invalid') p.childAge = 'age';
  if (d.outcome === 'report_registered') {
    if (!d.regionCode) p.regionCode = 'required';
    if (!d.person && !d.newChild.firstName.trim()) p.childFirstName = 'childNeeded';
    if (!d.report.narrative.trim()) p.narrative = 'required';
    if (!d.report.types.length) p.types = 'required';
    const phone = d.report.callerPhone.trim();
    if (phone && !/^\+?[\d\s()-]{5,20}$/.test(phone)) p.callerPhone = 'phone';
    if (phone && !d.report.callerName.trim() && d.callerType !== 'anonymous') p.callerName = 'required';
  }
  if (d.outcome === 'added_to_report') {
    if (!d.person) p.person = 'childNeeded';
    else if (!d.openReport) p.openReport = 'noOpenReport';
    if (!d.report.types.length) p.types = 'required';
  }
  return p;
}

export function firstProblem(p: Problems): FieldKey | null {
  return FIELD_ORDER.find((k) => p[k]) ?? null;
}

/** A server 400's `details[].path` → the console field that shows it. */
export function fieldOfPath(path: string): FieldKey | null {
  const p = path.replace(/^body\./, '');
  if (/^report\.narrative/.test(p)) return 'narrative';
  if (/^report\.(regionCode|districtCode)/.test(p)) return p.includes('district') ? 'districtCode' : 'regionCode';
  if (/^report\.incidents\.\d+\.types/.test(p)) return 'types';
  if (/^report\.incidents\.\d+\.districtCode/.test(p)) return 'districtCode';
  if (/^report\.incidents\.\d+\.victims/.test(p)) return p.endsWith('approxAge') ? 'childAge' : p.includes('.id') ? 'person' : 'childFirstName';
  if (/^report\.reporter\.phone/.test(p)) return 'callerPhone';
  if (/^report\.reporter/.test(p)) return 'callerName';
  if (/^child\.personId/.test(p)) return 'person';
  if (/^child\.approxAge/.test(p)) return 'childAge';
  if (/^child/.test(p)) return 'childFirstName';
  if (/^(types|incident)/.test(p)) return 'types';
  const top: Record<string, FieldKey> = {
    callerType: 'callerType', regionCode: 'regionCode', chiCode: 'chiCode', outcome: 'outcome', reportId: 'openReport', summary: 'summary',
  };
  return top[p.split('.')[0] ?? ''] ?? null;
}

// ---- the request ---------------------------------------------------------------------------

const orNull = (s: string) => (s.trim() ? s.trim() : null);

function childOf(d: ConsoleDraft): ContactBody['child'] {
  if (d.person) return { personId: d.person.id };
  const firstName = orNull(d.newChild.firstName);
  const age = parseAge(d.newChild.approxAge);
  const approxAge = typeof age === 'number' ? age : null;
  const sex = d.newChild.sex || null;
  return firstName || approxAge !== null || sex ? { firstName, approxAge, sex } : null;
}

/** The incident as the report (or the open report added to) receives it. */
export function incidentOf(d: ConsoleDraft): ConsoleIncidentBody {
  const age = parseAge(d.newChild.approxAge);
  return {
    types: d.report.types,
    place: d.report.place || null,
    // an open report lies in a region the console does not know: its incident takes no district
    districtCode: d.outcome === 'report_registered' ? d.report.districtCode || null : null,
    victims: [d.person ? { id: d.person.id } : {
      lastName: d.report.childLastName.trim(), firstName: d.newChild.firstName.trim(), approxAge: typeof age === 'number' ? age : null,
      sex: d.newChild.sex || null,
    }],
    perpetrators: d.report.perpetratorRelation ? [{ relation: d.report.perpetratorRelation }] : [],
  };
}

/** Only the answered questions are sent. */
export function screeningOf(d: ConsoleDraft): Screening {
  const out: Screening = {};
  for (const q of SCREENING_QUESTIONS) if (typeof d.screening[q] === 'boolean') out[q] = d.screening[q];
  return out;
}

/** The body of `POST /contacts`; call only after `checkDraft` found nothing. */
export function contactBody(d: ConsoleDraft, now: Date): ContactBody {
  if (!d.callerType || !d.outcome) throw new Error('contactBody: the draft is incomplete');
  const body: ContactBody = {
    clientId: d.clientId,
    channel: 'hotline',
    regionCode: d.regionCode || null,
    startedAt: d.startedAt,
    endedAt: d.endedAt ?? now.toISOString(),
    callerType: d.callerType,
    child: childOf(d),
    chiCode: d.chiCode,
    screening: screeningOf(d),
    outcome: d.outcome,
    summary: orNull(d.summary),
  };
  if (d.outcome === 'report_registered') {
    const callerName = d.report.callerName.trim();
    const reporter = d.callerType !== 'anonymous' && callerName
      ? { anonymous: false as const, lastName: '', firstName: callerName, relation: REPORTER_RELATION_OF[d.callerType], phone: orNull(d.report.callerPhone) }
      : { anonymous: true as const };
    body.report = {
      channel: 'hotline', regionCode: d.regionCode, districtCode: d.report.districtCode || null, narrative: d.report.narrative.trim(),
      reporter, screening: screeningOf(d), incidents: [incidentOf(d)],
    };
  }
  if (d.outcome === 'added_to_report' && d.openReport) {
    body.reportId = d.openReport.id;
    body.incident = incidentOf(d);
  }
  return body;
}

/** Priority the server will give (docs/register.md): immediate danger → P1; injured or access → P2. */
export function expectedPriority(s: Screening): 'P1' | 'P2' | 'P3' | null {
  if (s.immediateDanger) return 'P1';
  if (s.childInjured || s.perpetratorHasAccess) return 'P2';
  return SCREENING_QUESTIONS.some((q) => typeof s[q] === 'boolean') ? 'P3' : null;
}

// ---- time ----------------------------------------------------------------------------------

/** `mm:ss`, or `h:mm:ss` from one hour. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

export function elapsedSeconds(d: Pick<ConsoleDraft, 'startedAt' | 'endedAt'>, now: Date): number {
  const end = d.endedAt ? new Date(d.endedAt) : now;
  return Math.max(0, Math.floor((end.getTime() - new Date(d.startedAt).getTime()) / 1000));
}

// ---- the subject picker ------------------------------------------------------------------------

/** Lower case without diacritics, so that "е" finds "ё" and "u" finds "ü". */
export function fold(s: string): string {
  return s.toLocaleLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
}

export interface ChiGroup {
  category: string;
  label: string;
  items: ChiCategory[];
}

/**
 * CHI subcategories matching what was typed, grouped by category: every word typed must occur in
 * the label or the category's label (in the reader's language, or in English). Groups and items
 * are ordered by how well they match, so that Enter takes the best one.
 */
export function filterChi(items: readonly ChiCategory[], query: string, locale: Locale): ChiGroup[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const scored: { item: ChiCategory; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    if (!words.length) {
      scored.push({ item, score: 0, index });
      return;
    }
    const label = fold(item.label[locale]);
    const labelEn = fold(item.label.en);
    const category = fold(`${item.categoryLabel[locale]} ${item.categoryLabel.en}`);
    const all = `${label} ${labelEn} ${category}`;
    if (!words.every((w) => all.includes(w))) return;
    const first = words[0]!;
    const wordStart = (text: string) => text.split(/[\s,()/-]+/).some((part) => part.startsWith(first));
    const score = label.startsWith(first) ? 0 : wordStart(label) ? 1 : label.includes(first) ? 2 : wordStart(labelEn) ? 3 : labelEn.includes(first) ? 4 : 5;
    scored.push({ item, score, index });
  });
  const groups = new Map<string, { group: ChiGroup; best: number; index: number }>();
  for (const s of scored.sort((a, b) => a.score - b.score || a.index - b.index)) {
    const g = groups.get(s.item.category);
    if (g) g.group.items.push(s.item);
    else groups.set(s.item.category, { group: { category: s.item.category, label: s.item.categoryLabel[locale], items: [s.item] }, best: s.score, index: s.index });
  }
  return [...groups.values()].sort((a, b) => a.best - b.best || a.index - b.index).map((g) => g.group);
}
