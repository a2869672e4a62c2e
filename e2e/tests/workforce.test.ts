// School registry and workforce end to end: the analyst sees under-served schools on the map of
// regions; the Almaty coordinator plans an allocation of new positions in kk, ru and en, checks a
// school import (dry run with errors) and opens a school with its specialists.
// Screenshots: workforce-map.png, workforce-plan.png, schools-import.png, school-page.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, label, launchBrowser, newSession, screenshot, signIn, switchLanguage, untranslatedKeys, type Locale } from '../lib.ts';

const browser: Browser = await launchBrowser();

try {
  await test('the analyst sees under-served schools by region on the map', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await signIn(page, 'analyst', DEMO_PASSWORD);
      await page.setViewportSize({ width: 1280, height: 1000 });
      await page.getByTestId('nav-workforce').click();
      await page.waitForURL(/\/workforce/);
      await page.locator('[data-testid="workforce-map"][data-regions="20"] svg path').first().waitFor();
      await page.getByTestId('workforce-totals').waitFor();
      await page.locator('[data-testid="workforce-schools"] tbody tr').first().waitFor();
      assert.ok((await page.locator('[data-testid="workforce-schools"] tbody tr').count()) > 0, 'the demo has under-served schools');
      await screenshot(page, 'workforce-map.png');
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  await test('the coordinator plans an allocation in three languages and exports it', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await signIn(page, 'coordinator.almaty', DEMO_PASSWORD);
      await page.setViewportSize({ width: 1280, height: 1000 });
      await page.goto('/workforce?tab=plan');
      await page.getByTestId('plan-positions').fill('3');
      await page.getByTestId('plan-run').click();
      await page.getByTestId('plan-table').waitFor();
      const added = await page.locator('[data-testid="plan-table"] tbody tr').count();
      assert.ok(added > 0, 'schools get positions');
      assert.match((await page.getByTestId('plan-explanation').textContent()) ?? '', /0[.,]5/);
      for (const locale of ['kk', 'en', 'ru'] as const satisfies readonly Locale[]) {
        await switchLanguage(page, locale);
        await page.waitForFunction((text) => document.body.textContent?.includes(text), label(locale, 'workforce.plan.why'));
        assert.deepEqual(await untranslatedKeys(page), [], `the planner is translated (${locale})`);
      }
      const href = await page.getByTestId('plan-xlsx').getAttribute('href');
      assert.match(href ?? '', /allocation\.xlsx\?/);
      const xlsx = await page.request.get(href ?? '');
      assert.equal(xlsx.status(), 200);
      await screenshot(page, 'workforce-plan.png');
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  await test('the coordinator checks a school import and opens a school', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'en-GB' });
    try {
      await signIn(page, 'coordinator.almaty', DEMO_PASSWORD);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByTestId('nav-schools').click();
      await page.locator('[data-testid="schools-table"] tbody tr').first().waitFor();
      await page.getByTestId('school-import').click();
      const csv = [
        'external_id,name_kk,name_ru,name_en,district_code,settlement_code,students,students_sen,languages,lat,lon',
        'E2E-1,№ 1 мектеп,Школа № 1,School No. 1,751110000,,800,10,kk;ru,43.25,76.93',
        'E2E-2,№ 2 мектеп,Школа № 2,School No. 2,751110000,,-3,0,kk;xx,43.25,76.93',
        'E2E-3,№ 3 мектеп,Школа № 3,School No. 3,791110000,,500,0,ru,42.3,69.6',
      ].join('\r\n');
      await page.locator('input[type="file"]').setInputFiles({ name: 'schools.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByTestId('schools-import-check').click();
      await page.getByTestId('schools-import-errors').waitFor();
      const rows = await page.locator('[data-testid="schools-import-errors"] tbody tr').count();
      assert.equal(rows, 3, 'students, languages and territory');
      await screenshot(page, 'schools-import.png');

      await page.getByTestId('nav-schools').click();
      await page.locator('[data-testid="schools-table"] tbody tr a').first().click();
      await page.getByTestId('school-card').waitFor();
      assert.deepEqual(await untranslatedKeys(page), []);
      await screenshot(page, 'school-page.png');
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
} finally {
  await browser.close();
}
