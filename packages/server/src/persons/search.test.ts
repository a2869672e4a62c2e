import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, sampleReport, type Harness, type TestUser } from '../test/harness.ts';

const child = (lastName: string, firstName: string, birthDate: string, sex: 'female' | 'male') =>
  ({ types: ['physical'], victims: [{ lastName, firstName, birthDate, sex }], perpetrators: [] });

describe('person search across scripts', () => {
  let h: Harness;
  let operator: TestUser;
  let askarId: string;
  beforeAll(async () => {
    h = await createHarness();
    operator = await h.user('hotline_operator');
    const res = await h.call(operator, 'POST', '/api/v1/reports', sampleReport({ incidents: [child('Мырзахметов', 'Асқар', '2012-04-05', 'male')] }));
    askarId = res.json.incidents[0].victims[0].id;
    // distractors with similar names
    const others: [string, string, string, 'female' | 'male'][] = [
      ['Мырзахметова', 'Асель', '2011-01-01', 'female'], ['Мырзаев', 'Асқар', '2013-02-02', 'male'], ['Ахметов', 'Аскар', '2010-03-03', 'male'],
      ['Myrzabekov', 'Askhat', '2012-04-05', 'male'], ['Сейітов', 'Ерлан', '2009-09-09', 'male'], ['Жұмабекова', 'Гүлнар', '2015-05-05', 'female'],
    ];
    for (const [l, f, b, s] of others) await h.call(operator, 'POST', '/api/v1/reports', sampleReport({ incidents: [child(l, f, b, s)] }));
  });
  afterAll(async () => { await h.close(); });

  it.each([
    'Askar Myrzakhmetov', 'Asqar Myrzahmetov', 'Асқар Мырзахметов', 'Аскар Мырзахметов', 'Мырзахметов Аскар',
    'myrzakhmetov', 'Mirzakhmetov Askar', 'ASQAR MYRZAHMETOV', 'Мырзахметов',
    // a typo, and a word still being typed
    'Myrzakhmedov Askar', 'Асқар Мырзахм',
  ])('finds the right person first for "%s"', async (q) => {
    const res = await h.call(operator, 'GET', `/api/v1/persons/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    expect(res.json.items[0]?.id).toBe(askarId);
    expect(res.json.items[0].score).toBeGreaterThan(0.5);
  });

  it('ranks the birth date in when it is given', async () => {
    const res = await h.call(operator, 'GET', `/api/v1/persons/search?q=${encodeURIComponent('Асқар')}&birthDate=2012-04-05`);
    expect(res.json.items[0].id).toBe(askarId);
    expect(res.json.items[0].age).toBeGreaterThanOrEqual(14);
  });

  it('finds by IIN exactly', async () => {
    const res = await h.call(operator, 'POST', '/api/v1/reports', sampleReport({ incidents: [{ types: ['neglect'], victims: [{ iin: '061211600012', lastName: 'Абенова', firstName: 'Дана' }], perpetrators: [] }] }));
    const id = res.json.incidents[0].victims[0].id;
    const found = await h.call(operator, 'GET', '/api/v1/persons/search?q=061211600012');
    expect(found.json.items.map((p: { id: string }) => p.id)).toEqual([id]);
  });

  it('audits searches without names in the audit details', async () => {
    await h.call(operator, 'GET', `/api/v1/persons/search?q=${encodeURIComponent('Мырзахметов')}`);
    const audit = await h.call(h.admin, 'GET', `/api/v1/audit?userId=${operator.id}&action=read`);
    const search = audit.json.items.find((e: { entityType: string }) => e.entityType === 'person_search');
    expect(search.details.results).toContain(askarId);
    expect(JSON.stringify(audit.json)).not.toMatch(/Мырзахметов/);
  });

  it('duplicate check: the same child among many namesakes, by birth date, also misspelled', async () => {
    // 80 children called Ерлан Ахметов, born on other days, registered before the one we look for
    const { insertPersons } = await import('./repository.ts');
    const namesakes = Array.from({ length: 80 }, (_, i) => ({
      lastName: 'Ахметов', firstName: 'Ерлан', middleName: null, sex: 'male' as const,
      birthDate: `2011-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`,
    })).filter((p) => p.birthDate !== '2012-06-15');
    await insertPersons(h.deps.db, namesakes, { regionCode: 'KZ-75', districtCode: null, createdBy: operator.id, now: new Date() });
    const res = await h.call(operator, 'POST', '/api/v1/reports', sampleReport({ incidents: [child('Ахметов', 'Ерлан', '2012-06-15', 'male')] }));
    const erlanId = res.json.incidents[0].victims[0].id;
    for (const [lastName, firstName] of [['Akhmetov', 'Yerlan'], ['Ахметов', 'Ерлан'], ['Ahmetov', 'Erlan'], ['Akhmetov', 'Erlam']]) {
      const match = await h.call(operator, 'POST', '/api/v1/persons/match', { lastName, firstName, birthDate: '2012-06-15' });
      expect(match.status).toBe(200);
      expect(match.json.items[0]?.person.id, `${lastName} ${firstName}`).toBe(erlanId);
      expect(match.json.items[0].reasons).toContain('birth_date');
      // namesakes born on other days are not offered as the same child
      expect(match.json.items.filter((m: { reasons: string[] }) => m.reasons.includes('birth_date_differs'))).toEqual([]);
    }
  });

  it('validates the query', async () => {
    expect((await h.call(operator, 'GET', '/api/v1/persons/search?q=a')).status).toBe(400);
    expect((await h.call(operator, 'GET', '/api/v1/persons/search?q=abc&birthDate=2020-13-45')).status).toBe(400);
  });
});
