// Prevention end to end: the school specialist of the demo records a session held at their school
// (participants by grade, total computed); the regional coordinator of Almaty reads the coverage
// of the city's districts, drills into one, and sees the schools never reached, in three languages.
// Screenshots: prevention-session.png, prevention-coverage.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, apiLogin, baseUrl, label, launchBrowser, newSession, screenshot, signIn, switchLanguage, untranslatedKeys } from '../lib.ts';

const browser: Browser = await launchBrowser();
const topic = `Права ребёнка и инклюзия ${Date.now().toString(36)}`;

try {
  await test('a school specialist records a session at their school', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await signIn(page, 'school.almaty', DEMO_PASSWORD);
      await page.setViewportSize({ width: 1280, height: 1000 });
      await page.getByTestId('nav-prevention').click();
      await page.waitForURL(/\/prevention$/);
      await page.getByTestId('prevention-programme').first().waitFor();
      await page.getByTestId('prevention-record').click();
      await page.waitForURL(/\/prevention\/sessions\/new$/);
      await page.getByTestId('session-programme').selectOption({ label: 'Пробилим: инклюзия и право' });
      await page.getByTestId('session-topic').fill(topic);
      await page.getByTestId('session-facilitator').selectOption('school');
      await page.getByTestId('session-facilitator-name').fill('Гүлнар Әбдірова');
      await page.getByTestId('session-grade-7').fill('24');
      await page.getByTestId('session-grade-8').fill('21');
      await page.waitForFunction(() => document.querySelector('[data-testid="session-total"] b')?.textContent === '45');
      await screenshot(page, 'prevention-session.png');
      await page.getByTestId('session-save').click();
      await page.waitForURL(/\/prevention\/sessions$/);
      await page.getByTestId('sessions-table').getByText(topic).waitFor();
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
    // recorded for the specialist's own school, with the total computed by the server
    const token = await apiLogin('school.almaty');
    const res = await fetch(`${baseUrl()}/api/v1/prevention/sessions?limit=200`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.json() as { items: { topic: string; participantsTotal: number; participants: Record<string, number> }[] };
    const mine = body.items.find((s) => s.topic === topic);
    assert.deepEqual(mine && { total: mine.participantsTotal, participants: mine.participants }, { total: 45, participants: { 7: 24, 8: 21 } });
  });

  await test('the regional coordinator reads coverage by district, drills into one, and sees the schools never reached', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await signIn(page, 'coordinator.almaty', DEMO_PASSWORD);
      await page.setViewportSize({ width: 1280, height: 1100 });
      await page.getByTestId('nav-prevention').click();
      await page.getByTestId('prevention-tab-coverage').click();
      await page.waitForURL(/\/prevention\/coverage/);
      const table = page.getByTestId('coverage-table');
      await table.waitFor();
      await page.getByTestId('prevention-bars').waitFor();
      // the city's districts, and a total row
      const rows = await table.locator('tbody tr').count();
      assert.ok(rows >= 2, `districts listed (${rows})`);
      await page.getByTestId('unreached-table').waitFor();
      // the same count as the API says
      const token = await apiLogin('coordinator.almaty');
      const from = await page.getByTestId('coverage-from').inputValue();
      const to = await page.getByTestId('coverage-to').inputValue();
      const api = await (await fetch(`${baseUrl()}/api/v1/prevention/unreached?from=${from}&to=${to}`, { headers: { authorization: `Bearer ${token}` } })).json() as { total: number; items: { students: number }[] };
      assert.ok(api.total > 0, 'the demo leaves some schools unreached');
      const students = api.items.map((s) => s.students);
      assert.deepEqual(students, [...students].sort((a, b) => b - a), 'biggest first');
      await screenshot(page, 'prevention-coverage.png');
      for (const locale of ['kk', 'en'] as const) {
        await switchLanguage(page, locale);
        await page.waitForFunction((title) => document.getElementById('page-title')?.textContent === title, label(locale, 'prevention.coverage.title'));
        assert.deepEqual(await untranslatedKeys(page), [], `translated (${locale})`);
      }
      // the export: a CSV with a BOM
      const csv = await fetch(`${baseUrl()}/api/v1/prevention/unreached/export?format=csv&lang=ru&from=${from}&to=${to}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(csv.status, 200);
      assert.deepEqual([...new Uint8Array(await csv.arrayBuffer()).slice(0, 3)], [0xef, 0xbb, 0xbf]);
      // drill into the first district: its schools
      await page.locator('[data-testid^="coverage-drill-"]').first().click();
      await page.waitForURL(/districtCode=\d{9}/);
      await table.waitFor();
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });
} finally {
  await browser.close();
}
