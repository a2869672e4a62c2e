import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legalArticles } from '../db/schema.ts';
import { createHarness, type Harness, type TestUser } from '../test/harness.ts';
import { legalArticlesLoader } from './legal-articles.ts';

describe('legal articles', () => {
  let h: Harness;
  let operator: TestUser;
  beforeAll(async () => {
    h = await createHarness();
    operator = await h.user('hotline_operator');
  });
  afterAll(async () => { await h.close(); });

  it('are loaded at start and listed to signed-in users in numeric order', async () => {
    const res = await h.call(operator, 'GET', '/api/v1/reference/legal-articles');
    expect(res.status).toBe(200);
    const criminal = res.json.items.filter((a: { code: string }) => a.code === 'criminal').map((a: { article: string }) => a.article);
    for (const a of ['106', '107', '108', '109', '109-1', '110', '120', '121', '122', '123', '124', '125', '128', '132', '133', '134', '135', '136', '140', '144', '145']) expect(criminal).toContain(a);
    expect(criminal.indexOf('109')).toBeLessThan(criminal.indexOf('109-1'));
    expect(criminal.indexOf('109-1')).toBeLessThan(criminal.indexOf('110'));
    const rape = res.json.items.find((a: { code: string; article: string }) => a.code === 'criminal' && a.article === '120');
    expect(rape).toEqual({ code: 'criminal', article: '120', title: { kk: 'Зорлау', ru: 'Изнасилование', en: 'Rape' }, active: true });
    const admin = res.json.items.filter((a: { code: string }) => a.code === 'administrative').map((a: { article: string }) => a.article);
    expect(admin).toEqual(expect.arrayContaining(['73', '127']));
    expect((await h.call(null, 'GET', '/api/v1/reference/legal-articles')).status).toBe(401);
  });

  it('are edited by administrators only, audited, and the edit survives a reload of the file', async () => {
    const body = { titleKk: 'Азаптау (өзгертілген)', titleRu: 'Истязание (изм.)', titleEn: 'Torment (edited)', active: false };
    expect((await h.call(operator, 'PUT', '/api/v1/reference/legal-articles/criminal/110', body)).status).toBe(403);
    const res = await h.call(h.admin, 'PUT', '/api/v1/reference/legal-articles/criminal/110', body);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ code: 'criminal', article: '110', title: { kk: body.titleKk, ru: body.titleRu, en: body.titleEn }, active: false });
    const audit = await h.call(h.admin, 'GET', '/api/v1/audit?entityId=criminal/110');
    expect(audit.json.items[0]).toMatchObject({ action: 'update', entityType: 'legal_article', userId: h.admin.id });
    expect(audit.json.items[0].details.fields.sort()).toEqual(['active', 'titleEn', 'titleKk', 'titleRu']);

    // a changed file is loaded again: new articles arrive, edited ones stay as edited
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgau-legal-'));
    const file = path.join(dir, 'legal-articles.csv');
    fs.writeFileSync(file, 'code,article,title_kk,title_ru,title_en\ncriminal,110,A,B,C\ncriminal,999-9,Жаңа,Новая,New\n');
    await legalArticlesLoader(file).load(h.deps.db);
    fs.rmSync(dir, { recursive: true });
    const [edited] = await h.deps.db.select().from(legalArticles).where(and(eq(legalArticles.code, 'criminal'), eq(legalArticles.article, '110')));
    expect(edited).toMatchObject({ titleRu: 'Истязание (изм.)', active: false });
    const active = await h.call(operator, 'GET', '/api/v1/reference/legal-articles?active=true');
    const articles = active.json.items.map((a: { article: string }) => a.article);
    expect(articles).toContain('999-9');
    expect(articles).not.toContain('110');
  });

  it('says which field is wrong, with 400', async () => {
    const ok = { titleKk: 'a', titleRu: 'b', titleEn: 'c', active: true };
    const cases: [string, unknown, string][] = [
      ['/api/v1/reference/legal-articles/civil/120', ok, 'params.code'],
      ['/api/v1/reference/legal-articles/criminal/12a', ok, 'params.article'],
      ['/api/v1/reference/legal-articles/criminal/120', { ...ok, titleRu: ' ' }, 'titleRu'],
      ['/api/v1/reference/legal-articles/criminal/120', { titleKk: 'a', titleRu: 'b', titleEn: 'c' }, 'active'],
    ];
    for (const [url, body, field] of cases) {
      const res = await h.call(h.admin, 'PUT', url, body);
      expect(res.status, url).toBe(400);
      expect(res.json.error.details.map((d: { path: string }) => d.path), field).toContain(field);
    }
  });
});
