import { describe, expect, it } from 'vitest';
import {
  checkDraft, contactBody, elapsedSeconds, expectedPriority, fieldOfPath, filterChi, firstProblem, formatDuration, isPristine, loadDraft,
  newClientId, newDraft, parseAge, parseDraft, storeDraft, withChi, withOutcome, type ConsoleDraft,
} from './draft.ts';
import { isFinal, readOutbox, writeOutbox, type OutboxEntry } from './outbox.ts';
import type { ChiCategory } from './types.ts';

const T0 = new Date('2026-11-23T10:00:00+05:00');
const CHILD = {
  id: '0b5e9c1e-3f7a-4c55-9d1c-1a2b3c4d5e6f', iin: null, lastName: 'Мұратова', firstName: 'Нұрай', middleName: null,
  birthDate: '2021-12-06', sex: 'female' as const, age: 4,
};

function chi(code: string, en: string, ru: string, category: [string, string, string], violenceTypes: string[] = []): ChiCategory {
  return { code, category: category[0], label: { en, ru, kk: ru }, categoryLabel: { en: category[1], ru: category[2], kk: category[2] }, violenceTypes };
}
const VIOLENCE: [string, string, string] = ['violence', 'Violence', 'Насилие'];
const MENTAL: [string, string, string] = ['mental_health', 'Mental health', 'Психическое здоровье'];
const CATEGORIES = [
  chi('violence/bullying', 'Bullying', 'Буллинг (травля)', VIOLENCE, ['bullying']),
  chi('violence/cyberbullying', 'Cyberbullying', 'Кибербуллинг', VIOLENCE, ['cyberbullying']),
  chi('violence/physical-violence', 'Physical violence', 'Физическое насилие', VIOLENCE, ['physical', 'not_a_type']),
  chi('mental_health/self-harming-behaviour', 'Self-harming behaviour', 'Самоповреждение', MENTAL, ['self_harm']),
  chi('mental_health/emotional-distress-fear', 'Emotional distress: fear and anxiety problems', 'Эмоциональный дистресс: страх и тревога', MENTAL),
];

class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  get length() { return this.map.size; }
  clear() { this.map.clear(); }
  getItem(key: string) { return this.map.get(key) ?? null; }
  key(i: number) { return [...this.map.keys()][i] ?? null; }
  removeItem(key: string) { this.map.delete(key); }
  setItem(key: string, value: string) { this.map.set(key, value); }
}

function complete(d: ConsoleDraft): ConsoleDraft {
  return { ...d, callerType: 'parent', chiCode: 'violence/bullying', outcome: 'advice' };
}

describe('the console draft', () => {
  it('starts with a fresh client id and the start time', () => {
    const d = newDraft(T0);
    expect(d.clientId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newClientId()).not.toBe(d.clientId);
    expect(d.startedAt).toBe(T0.toISOString());
    expect(isPristine(d)).toBe(true);
    expect(isPristine({ ...d, summary: 'x' })).toBe(false);
    expect(isPristine({ ...d, endedAt: new Date().toISOString() })).toBe(true);
  });

  it('survives a reload through storage, per user', () => {
    const storage = new MemoryStorage();
    const d = { ...complete(newDraft(T0)), person: CHILD, summary: 'Сұрақ' };
    storeDraft(storage, 'user-a', d);
    expect(loadDraft(storage, 'user-a')).toEqual(d);
    expect(loadDraft(storage, 'user-b')).toBeNull();
    storeDraft(storage, 'user-a', null);
    expect(loadDraft(storage, 'user-a')).toBeNull();
  });

  it('ignores malformed drafts and fills partial ones', () => {
    expect(parseDraft('{')).toBeNull();
    expect(parseDraft(JSON.stringify({ version: 2, clientId: 'x', startedAt: T0.toISOString() }))).toBeNull();
    expect(parseDraft(JSON.stringify({ version: 1, clientId: 'abcdefgh', startedAt: 'yesterday' }))).toBeNull();
    const partial = parseDraft(JSON.stringify({ version: 1, clientId: 'abcdefgh', startedAt: T0.toISOString(), callerType: 'alien', report: { narrative: 'n' } }));
    expect(partial?.callerType).toBeNull();
    expect(partial?.report.narrative).toBe('n');
    expect(partial?.report.types).toEqual([]);
    expect(partial?.newChild).toEqual({ firstName: '', approxAge: '', sex: '' });
  });

  it('preselects violence types from the category until the operator changes them', () => {
    let d = withChi(newDraft(T0), CATEGORIES[2]);
    expect(d.chiCode).toBe('violence/physical-violence');
    expect(d.report.types).toEqual(['physical']); // unknown codes dropped
    d = withChi(d, CATEGORIES[0]);
    expect(d.report.types).toEqual(['bullying']);
    d = { ...d, report: { ...d.report, types: ['bullying', 'psychological'], typesFromChi: false } };
    d = withChi(d, CATEGORIES[2]);
    expect(d.report.types).toEqual(['bullying', 'psychological']);
  });

  it('asks for caller type, subject and outcome, and more for a report', () => {
    const d = newDraft(T0);
    expect(checkDraft(d)).toEqual({ callerType: 'required', chiCode: 'required', outcome: 'required' });
    expect(firstProblem(checkDraft(d))).toBe('callerType');
    expect(checkDraft(complete(d))).toEqual({});
    const report = { ...complete(d), outcome: 'report_registered' as const };
    expect(checkDraft(report)).toEqual({ regionCode: 'required', childFirstName: 'childNeeded', narrative: 'required', types: 'required' });
    expect(checkDraft({ ...report, newChild: { firstName: 'Дана', approxAge: '30', sex: '' } }).childAge).toBe('age');
    expect(checkDraft({ ...complete(d), outcome: 'added_to_report' }).person).toBe('childNeeded');
    expect(checkDraft({ ...complete(d), person: CHILD, outcome: 'added_to_report' }).openReport).toBe('noOpenReport');
  });

  it('reads approximate ages of children', () => {
    expect(parseAge('')).toBeNull();
    expect(parseAge(' 7 ')).toBe(7);
    expect(parseAge('0')).toBe(0);
    expect(parseAge('26')).toBe('invalid');
    expect(parseAge('7.5')).toBe('invalid');
  });

  it('builds an advice-only contact with an unidentified child', () => {
    const d = { ...complete(newDraft(T0, 'client-0001')), newChild: { firstName: ' Дана ', approxAge: '9', sex: 'female' as const }, summary: '  ' };
    const body = contactBody(d, new Date(T0.getTime() + 95_000));
    expect(body).toEqual({
      clientId: 'client-0001', channel: 'hotline', regionCode: null, startedAt: T0.toISOString(), endedAt: new Date(T0.getTime() + 95_000).toISOString(),
      callerType: 'parent', child: { firstName: 'Дана', approxAge: 9, sex: 'female' }, chiCode: 'violence/bullying', screening: {},
      outcome: 'advice', summary: null,
    });
    // an ended call keeps its end; no child at all is null
    const ended = contactBody({ ...complete(newDraft(T0)), endedAt: '2026-11-23T05:01:00.000Z' }, new Date());
    expect(ended.endedAt).toBe('2026-11-23T05:01:00.000Z');
    expect(ended.child).toBeNull();
  });

  it('builds a contact that registers a report for a known child', () => {
    const d: ConsoleDraft = {
      ...newDraft(T0, 'client-0002'), callerType: 'anonymous', regionCode: 'KZ-75', person: CHILD, chiCode: 'violence/physical-violence',
      screening: { immediateDanger: true, childInjured: false }, outcome: 'report_registered',
      report: { ...newDraft(T0).report, districtCode: '751110000', narrative: ' Ұрды. ', types: ['physical'], place: 'home', perpetratorRelation: 'father', callerName: 'Ignored' },
    };
    const body = contactBody(d, T0);
    expect(body.child).toEqual({ personId: CHILD.id });
    expect(body.report).toEqual({
      channel: 'hotline', regionCode: 'KZ-75', districtCode: '751110000', narrative: 'Ұрды.', reporter: { anonymous: true },
      screening: { immediateDanger: true, childInjured: false },
      incidents: [{ types: ['physical'], place: 'home', districtCode: '751110000', victims: [{ id: CHILD.id }], perpetrators: [{ relation: 'father' }] }],
    });
    expect(body.reportId).toBeUndefined();
  });

  it('names the reporter from the caller type and a new victim with an approximate age', () => {
    const d: ConsoleDraft = {
      ...newDraft(T0), callerType: 'teacher', regionCode: 'KZ-79', chiCode: 'violence/bullying', outcome: 'report_registered',
      newChild: { firstName: 'Әлихан', approxAge: '11', sex: 'male' },
      report: { ...newDraft(T0).report, narrative: 'n', types: ['bullying'], childLastName: 'Серіков', callerName: 'Гүлнар', callerPhone: '+7 701 000 00 00' },
    };
    const report = contactBody(d, T0).report!;
    expect(report.reporter).toEqual({ anonymous: false, lastName: '', firstName: 'Гүлнар', relation: 'teacher', phone: '+7 701 000 00 00' });
    expect(report.incidents[0]!.victims).toEqual([{ lastName: 'Серіков', firstName: 'Әлихан', approxAge: 11, sex: 'male' }]);
    expect(report.incidents[0]!.perpetrators).toEqual([]);
  });

  it('adds to an open report by id, without a district of its own', () => {
    const d: ConsoleDraft = {
      ...withOutcome(complete({ ...newDraft(T0), person: CHILD, regionCode: 'KZ-75' }), 'added_to_report'),
      openReport: { id: '5f0e8a52-6f0e-4c4e-9a50-b7d0a3f7c001', number: '75-2026-000123' },
      report: { ...newDraft(T0).report, districtCode: '751110000', types: ['neglect'] },
    };
    const body = contactBody(d, T0);
    expect(body.outcome).toBe('added_to_report');
    expect(body.reportId).toBe('5f0e8a52-6f0e-4c4e-9a50-b7d0a3f7c001');
    expect(body.report).toBeUndefined();
    // another outcome forgets the open report
    expect(withOutcome(d, 'advice').openReport).toBeNull();
  });

  it('maps server error paths to the console fields', () => {
    expect(fieldOfPath('body.report.narrative')).toBe('narrative');
    expect(fieldOfPath('report.incidents.0.types')).toBe('types');
    expect(fieldOfPath('report.incidents.0.victims.0.firstName')).toBe('childFirstName');
    expect(fieldOfPath('report.incidents.0.districtCode')).toBe('districtCode');
    expect(fieldOfPath('report.reporter.phone')).toBe('callerPhone');
    expect(fieldOfPath('child.personId')).toBe('person');
    expect(fieldOfPath('reportId')).toBe('openReport');
    expect(fieldOfPath('chiCode')).toBe('chiCode');
    expect(fieldOfPath('clientId')).toBeNull();
  });

  it('predicts the priority from the screening answers', () => {
    expect(expectedPriority({})).toBeNull();
    expect(expectedPriority({ immediateDanger: false })).toBe('P3');
    expect(expectedPriority({ perpetratorHasAccess: true })).toBe('P2');
    expect(expectedPriority({ immediateDanger: true, childInjured: true })).toBe('P1');
  });

  it('shows the call time as mm:ss', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(65.9)).toBe('01:05');
    expect(formatDuration(3600 + 62)).toBe('1:01:02');
    const d = { startedAt: T0.toISOString(), endedAt: null };
    expect(elapsedSeconds(d, new Date(T0.getTime() + 12_500))).toBe(12);
    expect(elapsedSeconds({ ...d, endedAt: new Date(T0.getTime() + 30_000).toISOString() }, new Date(T0.getTime() + 99_000))).toBe(30);
  });
});

describe('the subject picker', () => {
  const codes = (groups: ReturnType<typeof filterChi>) => groups.flatMap((g) => g.items.map((i) => i.code));

  it('lists everything, grouped, with nothing typed', () => {
    const groups = filterChi(CATEGORIES, '', 'ru');
    expect(groups.map((g) => g.label)).toEqual(['Насилие', 'Психическое здоровье']);
    expect(codes(groups)).toEqual(CATEGORIES.map((c) => c.code));
  });

  it('puts the label that starts with the typed letters first', () => {
    expect(codes(filterChi(CATEGORIES, 'булл', 'ru'))).toEqual(['violence/bullying', 'violence/cyberbullying']);
    expect(codes(filterChi(CATEGORIES, 'самоп', 'ru'))[0]).toBe('mental_health/self-harming-behaviour');
    // words in any order, a word of the label, the English label, and the category
    expect(codes(filterChi(CATEGORIES, 'тревога страх', 'ru'))).toEqual(['mental_health/emotional-distress-fear']);
    expect(codes(filterChi(CATEGORIES, 'physical', 'ru'))).toEqual(['violence/physical-violence']);
    expect(codes(filterChi(CATEGORIES, 'психическое', 'ru'))).toHaveLength(2);
    expect(filterChi(CATEGORIES, 'zzz', 'ru')).toEqual([]);
  });

  it('orders groups by their best match', () => {
    const groups = filterChi(CATEGORIES, 'self', 'en');
    expect(groups[0]!.category).toBe('mental_health');
  });
});

describe('the outbox', () => {
  it('is kept per user and tolerates garbage', () => {
    const storage = new MemoryStorage();
    const entry = { clientId: 'c-1', body: { chiCode: 'x' }, state: 'pending', attempts: 0 } as unknown as OutboxEntry;
    writeOutbox(storage, 'u', [entry]);
    expect(readOutbox(storage, 'u')).toEqual([entry]);
    expect(readOutbox(storage, 'v')).toEqual([]);
    storage.setItem('qorgau.console.outbox.v', '{not json');
    expect(readOutbox(storage, 'v')).toEqual([]);
    writeOutbox(storage, 'u', []);
    expect(storage.length).toBe(1);
  });

  it('retries what may succeed later and gives up on refusals', () => {
    const e = (status: number) => ({ code: 'x', message: '', details: [], status });
    expect(isFinal(null)).toBe(false); // network
    expect(isFinal(e(500))).toBe(false);
    expect(isFinal(e(503))).toBe(false);
    expect(isFinal(e(429))).toBe(false);
    expect(isFinal(e(401))).toBe(false);
    expect(isFinal(e(400))).toBe(true);
    expect(isFinal(e(403))).toBe(true);
  });
});
