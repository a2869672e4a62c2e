import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VIOLENCE_TYPES } from '@qorgau/core';
import en from '../../i18n/en.json' with { type: 'json' };
import kk from '../../i18n/kk.json' with { type: 'json' };
import ru from '../../i18n/ru.json' with { type: 'json' };
import { PUBLIC_TYPES } from '../../public/api.ts';
import {
  agencyDefaults, checkDraft, CLIENT_ERRORS, clearDraft, DRAFT_MAX_AGE_MS, draftKey, expandForErrors, fieldPaths, iinProblem,
  initialDraft, isBlank, loadDraft, localToInstant, newPerpetrator, reportBody, saveDraft, SCREENING_KEYS, valueAt,
  type ReportDraft,
} from './form-state.ts';

const user = { agencyType: 'hotline' as const, regionCode: null, districtCode: null, schoolId: null };
const NOW = new Date('2026-11-20T10:00:00+05:00');

function filled(): ReportDraft {
  const d = initialDraft(user);
  d.regionCode = 'KZ-75';
  d.narrative = 'Соседка слышит крики ребёнка';
  const inc = d.incidents[0]!;
  inc.types = ['physical'];
  inc.victims[0]!.firstName = 'Айгерім';
  inc.victims[0]!.lastName = 'Серікова';
  return d;
}

describe('agency defaults', () => {
  it('shapes the form for the agency', () => {
    expect(agencyDefaults({ agencyType: 'education', districtCode: '751110000', schoolId: 's1' })).toMatchObject({
      channel: 'school', place: 'school', districtCode: '751110000', schoolId: 's1', showLegal: false, showInjuries: false,
    });
    expect(agencyDefaults({ agencyType: 'police', districtCode: null, schoolId: null })).toMatchObject({ channel: 'police', showLegal: true });
    expect(agencyDefaults({ agencyType: 'health', districtCode: null, schoolId: null })).toMatchObject({ channel: 'health', showInjuries: true });
    expect(agencyDefaults({ agencyType: 'akimat', districtCode: null, schoolId: null }).channel).toBe('psc');
    expect(agencyDefaults({ agencyType: null, districtCode: null, schoolId: null }).channel).toBe('other');
    expect(initialDraft({ ...user, regionCode: 'KZ-79' }).regionCode).toBe('KZ-79');
  });
});

describe('checks', () => {
  it('accepts a complete draft and names every missing field by its server path', () => {
    expect([...checkDraft(filled(), { canImport: false, now: NOW })]).toEqual([]);
    const d = initialDraft(user);
    d.anonymous = false;
    d.incidents[0]!.perpetrators.push(newPerpetrator());
    const problems = checkDraft(d, { canImport: false, now: NOW });
    expect(Object.fromEntries(problems)).toEqual({
      regionCode: CLIENT_ERRORS.required,
      narrative: CLIENT_ERRORS.required,
      'reporter.firstName': CLIENT_ERRORS.required,
      'reporter.relation': CLIENT_ERRORS.required,
      'incidents.0.types': CLIENT_ERRORS.typesRequired,
      'incidents.0.victims.0.firstName': CLIENT_ERRORS.required,
      'incidents.0.perpetrators.0.relation': CLIENT_ERRORS.required,
      'incidents.0.perpetrators.0.firstName': CLIENT_ERRORS.nameOrUnidentified,
    });
  });

  it('checks the IIN check digit and its agreement with birth date and sex', () => {
    const p = { iin: '061211600012', birthDate: '', sex: '' as const };
    expect(iinProblem(p)).toBeNull();
    expect(iinProblem({ ...p, iin: '061211600013' })).toBe(CLIENT_ERRORS.iinChecksum);
    expect(iinProblem({ ...p, iin: '06121160001' })).toBe(CLIENT_ERRORS.iinFormat);
    expect(iinProblem({ ...p, birthDate: '2006-12-12' })).toBe(CLIENT_ERRORS.iinBirthDate);
    expect(iinProblem({ iin: '061211600012', birthDate: '2006-12-11', sex: 'male' })).toBe(CLIENT_ERRORS.iinSex);
    const d = filled();
    d.incidents[0]!.victims[0]!.iin = '061211600013';
    expect(checkDraft(d, { canImport: false, now: NOW }).get('incidents.0.victims.0.iin')).toBe(CLIENT_ERRORS.iinChecksum);
  });

  it('an unidentified perpetrator needs only the relation; legal rows need an article', () => {
    const d = filled();
    d.incidents[0]!.perpetrators.push({ ...newPerpetrator(), unidentified: true, relation: 'stranger' });
    d.incidents[0]!.qualifications.push({ key: 'q', code: 'criminal', article: '12a' });
    expect(Object.fromEntries(checkDraft(d, { canImport: false, now: NOW }))).toEqual({
      'incidents.0.legalQualification.0.article': CLIENT_ERRORS.article,
    });
  });
});

describe('request body', () => {
  it('builds the API.md body', () => {
    const d = filled();
    d.screening.immediateDanger = 'yes';
    d.screening.childInjured = 'no';
    const inc = d.incidents[0]!;
    inc.perpetrators.push({ ...newPerpetrator(), unidentified: true, relation: 'stranger' });
    inc.perpetrators.push({ ...newPerpetrator(), relation: 'father', person: { ...newPerpetrator().person, firstName: 'Ерлан' } });
    inc.victims.push({ ...inc.victims[0]!, key: 'x', existing: { id: 'p-1', iin: null, lastName: 'A', firstName: 'B', middleName: null, birthDate: null, sex: null } });
    const body = reportBody(d, { canImport: false });
    expect(body).toMatchObject({
      channel: 'hotline', regionCode: 'KZ-75', districtCode: null, reporter: { anonymous: true },
      screening: { immediateDanger: true, childInjured: false },
    });
    expect(body).not.toHaveProperty('receivedAt');
    expect(body.incidents[0]).toEqual({
      types: ['physical'], occurredOn: null, place: null, districtCode: null, settlementCode: null, schoolId: null, injuries: null,
      legalQualification: [],
      victims: [
        { iin: null, lastName: 'Серікова', firstName: 'Айгерім', middleName: null, birthDate: null, sex: null },
        { id: 'p-1' },
      ],
      perpetrators: [
        { relation: 'stranger' },
        { iin: null, lastName: '', firstName: 'Ерлан', middleName: null, birthDate: null, sex: null, relation: 'father' },
      ],
    });
  });

  it('sends receivedAt only for importers, as an instant with offset', () => {
    const d = { ...filled(), receivedAt: '2026-11-19T08:30' };
    expect(reportBody(d, { canImport: false })).not.toHaveProperty('receivedAt');
    expect(reportBody(d, { canImport: true }).receivedAt).toMatch(/^2026-11-19T08:30:00[+-]\d{2}:\d{2}$/);
    expect(localToInstant('2026-01-02T03:04')).toMatch(/^2026-01-02T03:04:00[+-]\d{2}:\d{2}$/);
  });
});

describe('server errors', () => {
  it('finds values by path and lists the paths the form shows', () => {
    const body = reportBody(filled(), { canImport: false });
    expect(valueAt(body, 'incidents.0.victims.0.firstName')).toBe('Айгерім');
    expect(valueAt(body, 'incidents.3.types')).toBeUndefined();
    expect(fieldPaths(filled())).toContain('incidents.0.victims.0.iin');
  });

  it('opens collapsed sections that hold a problem', () => {
    const d = filled();
    const opened = expandForErrors(d, ['incidents.0.legalQualification.0.article']);
    expect(opened.incidents[0]!.showLegal).toBe(true);
    expect(expandForErrors(d, ['narrative'])).toBe(d);
  });
});

describe('draft storage', () => {
  const store = new Map<string, string>();
  beforeEach(() => {
    store.clear();
    globalThis.localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
      clear: () => store.clear(),
      key: () => null,
      length: 0,
    };
  });
  afterEach(() => {
    // @ts-expect-error cleanup of the stub
    delete globalThis.localStorage;
  });

  it('keeps a draft per user, drops old or damaged ones, and clears', () => {
    const d = filled();
    saveDraft('u1', d, 1000);
    expect(loadDraft('u2', 1000)).toBeNull();
    expect(loadDraft('u1', 2000)).toEqual(d);
    expect(loadDraft('u1', 1000 + DRAFT_MAX_AGE_MS + 1)).toBeNull();
    expect(store.has(draftKey('u1'))).toBe(false);
    store.set(draftKey('u1'), '{not json');
    expect(loadDraft('u1')).toBeNull();
    saveDraft('u1', d);
    clearDraft('u1');
    expect(loadDraft('u1')).toBeNull();
  });

  it('an untouched form is blank', () => {
    expect(isBlank(initialDraft(user), initialDraft(user))).toBe(true);
    expect(isBlank(filled(), initialDraft(user))).toBe(false);
  });
});

describe('keys built at run time', () => {
  const catalogs = { kk, ru, en } as Record<string, unknown>;
  const has = (lang: string, key: string) => {
    let node: unknown = catalogs[lang];
    for (const part of key.split('.')) node = typeof node === 'object' && node ? (node as Record<string, unknown>)[part] : undefined;
    return typeof node === 'string' && node.length > 0;
  };
  const keys = [
    ...Object.values(CLIENT_ERRORS),
    ...SCREENING_KEYS.map((k) => `intake.screening.${k}`),
    ...['iin', 'name', 'similar_name', 'birth_date', 'birth_date_differs'].map((r) => `intake.match.reason.${r}`),
    ...['registered', 'in_progress', 'closed'].map((s) => `report.status.${s}`),
    ...['registered', 'in_progress', 'closed'].map((s) => `public.status.${s}`),
    ...['n112', 'n102', 'n103', 'n111'].map((s) => `public.emergency.${s}`),
    ...PUBLIC_TYPES.map((c) => `public.types.${c}`),
  ];
  it.each(['kk', 'ru', 'en'])('%s has them all', (lang) => {
    expect(keys.filter((k) => !has(lang, k))).toEqual([]);
    expect(PUBLIC_TYPES.every((c) => (VIOLENCE_TYPES as readonly string[]).includes(c))).toBe(true);
  });
});
