// Statistics screens end to end: the analyst reads the dashboard (KPI cards, the map of the 20
// regions), clicks a region on the map and sees its districts, in kk, ru and en; the supervisor
// follows a figure into the filtered reports list; the official table is shown and downloaded as
// XLSX and PDF; the public page shows the suppressed table without signing in.
// Screenshots: stats-dashboard.png, stats-map-region.png, stats-tables.png, public-stats.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  DEMO_PASSWORD, apiLogin, baseUrl, label, launchBrowser, newSession, screenshot, signIn, switchLanguage, untranslatedKeys, type Locale,
} from '../lib.ts';

const browser: Browser = await launchBrowser();

/** Today in Kazakhstan (UTC+5). */
const kzToday = () => new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10);

/**
 * The rollup job counts the demo register in the background (every 15 s after the start): wait
 * until this year's figures are there and nothing is left to recount.
 */
async function waitForRollup(): Promise<void> {
  const token = await apiLogin('analyst');
  const today = kzToday();
  const deadline = Date.now() + 180_000;
  let last = '';
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl()}/api/v1/stats/dashboard?from=${today.slice(0, 4)}-01-01&to=${today}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await response.json();
    last = JSON.stringify({ status: response.status, pending: body.pending, totals: body.totals });
    if (response.status === 200 && body.pending === 0 && body.totals.incidents > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  assert.fail(`the statistics rollup did not catch up within 3 minutes (${last})`);
}

async function pageTitle(page: Page): Promise<string> {
  return ((await page.locator('#page-title').textContent()) ?? '').trim();
}

/**
 * Where a place lies on the map: the boundaries span lon 46.4919–87.3127 and lat 40.5911–55.4318,
 * drawn with x scaled by cos 48.5° (0.66), kept in proportion and centred in the chart less its
 * margin (MAP_MARGIN of kz-map.tsx, 4 px).
 */
async function mapPoint(page: Page, testId: string, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const map = page.getByTestId(testId);
  await map.scrollIntoViewIfNeeded();
  const box = await map.boundingBox();
  assert.ok(box, 'the map is on the page');
  const [west, east, south, north] = [46.4919, 87.3127, 40.5911, 55.4318];
  const aspect = ((east - west) / (north - south)) * 0.66;
  const inner = { x: box.x + 4, y: box.y + 4, width: box.width - 8, height: box.height - 8 };
  const width = Math.min(inner.width, inner.height * aspect);
  const height = width / aspect;
  const left = inner.x + (inner.width - width) / 2;
  const top = inner.y + (inner.height - height) / 2;
  return { x: left + ((lon - west) / (east - west)) * width, y: top + ((north - lat) / (north - south)) * height };
}

/** The dashboard has its figures and the map its 20 regions, drawn. */
async function waitForDashboard(page: Page): Promise<void> {
  await page.getByTestId('stats-kpi-incidents').waitFor();
  await page.locator('[data-testid="stats-map"][data-regions="20"] svg path').first().waitFor();
  await page.getByTestId('stats-region-table').waitFor();
}

try {
  await waitForRollup();

  await test('the analyst reads the dashboard and the map, drills into a region and sees its districts, in three languages', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await signIn(page, 'analyst', DEMO_PASSWORD);
      // a taller window, so that the pictures hold the cards and the whole map
      await page.setViewportSize({ width: 1280, height: 1000 });
      await page.getByTestId('nav-stats').click();
      await page.waitForURL(/\/stats$/);
      await waitForDashboard(page);
      await page.getByTestId('stats-period').selectOption('last12');
      await page.waitForURL(/period=last12/);
      assert.equal(await pageTitle(page), label('ru', 'stats.title'));

      // four KPI cards, each with a number and a comparison with the previous period
      for (const key of ['incidents', 'reports', 'victims', 'contacts']) {
        const card = page.getByTestId(`stats-kpi-${key}`);
        assert.match((await card.getByTestId('stats-kpi-value').textContent()) ?? '', /^\d[\d\s]*$/, `${key}: a count`);
        await card.getByTestId('stats-growth').waitFor();
      }
      assert.notEqual((await page.getByTestId('stats-kpi-incidents').getByTestId('stats-kpi-value').textContent())?.trim(), '0', 'this year has incidents');
      // the map: 20 regions from the boundaries, with their attribution; the table lists the same 20
      assert.equal(await page.getByTestId('stats-map').getAttribute('data-regions'), '20');
      assert.ok((await page.locator('[data-testid="stats-map"] svg path').count()) >= 20, 'the regions are drawn');
      assert.match((await page.getByTestId('stats-map-attribution').textContent()) ?? '', /geokz.*CC BY 4\.0/);
      assert.equal(await page.getByTestId('stats-area-row').count(), 20, 'every region in the table');
      for (const chart of ['stats-trend', 'stats-by-type', 'stats-by-channel', 'stats-by-age', 'stats-by-sex', 'stats-by-relation', 'stats-timeliness']) {
        await page.getByTestId(chart).waitFor();
      }
      // without the reports capability there is nothing to drill into
      assert.equal(await page.getByTestId('stats-drill').count(), 0, 'no drill-down links for an analyst');
      assert.equal(await page.locator('[data-testid^="stats-drill-"]').count(), 0, 'no drill-down links in the table');
      // no population figures in the demo: the rate is offered but explained as unavailable
      await page.getByTestId('stats-rate-disabled').waitFor();
      await screenshot(page, 'stats-dashboard.png');

      // the table sorts by any column
      await page.getByTestId('stats-sort-name').click();
      const names = await page.locator('[data-testid="stats-area-row"] td:first-child').allTextContents();
      assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'ru')), 'sorted by name');

      // a click on the city of Karaganda opens Karaganda Region and lists its districts
      const map = page.getByTestId('stats-map');
      const karaganda = await mapPoint(page, 'stats-map', 73.1, 49.8);
      await page.mouse.click(karaganda.x, karaganda.y);
      await page.waitForURL(/regionCode=KZ-\d\d/);
      const region = new URL(page.url()).searchParams.get('regionCode') ?? '';
      assert.equal(region, 'KZ-35', 'the region under the pointer');
      await page.getByTestId('stats-districts').waitFor();
      await page.getByTestId('stats-district-table').waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="stats-district-table"] [data-testid="stats-area-row"]').length > 0);
      const districtCodes = await page.locator('[data-testid="stats-district-table"] [data-testid="stats-area-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code') ?? ''));
      assert.ok(districtCodes.every((c) => /^\d{9}$/.test(c)), `districts by KATO code (${districtCodes.join(', ')})`);
      assert.equal(await map.getAttribute('data-selected'), region, 'the region is marked on the map');
      await page.locator(`[data-testid="stats-region"] option[value="${region}"]`).waitFor({ state: 'attached' });
      assert.equal(await page.getByTestId('stats-region').inputValue(), region, 'the dashboard is filtered to the region');
      await page.locator('[data-testid="stats-ranking-chart"] svg').first().waitFor();
      // the map panel just under the application's header
      await page.evaluate(() => window.scrollTo(0, document.querySelector('[data-testid="stats-map-panel"]')!.getBoundingClientRect().top + window.scrollY - 72));
      await screenshot(page, 'stats-map-region.png');

      for (const locale of ['kk', 'en', 'ru'] as const satisfies readonly Locale[]) {
        await switchLanguage(page, locale);
        await page.waitForFunction((title) => document.getElementById('page-title')?.textContent === title, label(locale, 'stats.title'));
        await page.getByTestId('stats-district-table').waitFor();
        assert.deepEqual(await untranslatedKeys(page), [], `the dashboard is translated (${locale})`);
      }

      // back to the whole country
      await page.getByTestId('stats-back-country').click();
      await page.waitForURL((url) => !url.searchParams.has('regionCode'));
      await page.getByTestId('stats-region-table').waitFor();

      // another period: last year in full
      await page.getByTestId('stats-period').selectOption('lastYear');
      await page.waitForURL(/period=lastYear/);
      const year = Number(kzToday().slice(0, 4)) - 1;
      await page.waitForFunction((y) => document.querySelector('[data-testid="stats-from"]')?.getAttribute('value') === `${y}-01-01`, year);
      await page.getByTestId('stats-kpi-incidents').waitFor();
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });

  await test('the supervisor follows the figures into the filtered reports list', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'en-GB' });
    try {
      await signIn(page, 'supervisor', DEMO_PASSWORD);
      await page.goto('/stats?period=last12');
      await waitForDashboard(page);
      const from = await page.getByTestId('stats-from').inputValue();
      const to = await page.getByTestId('stats-to').inputValue();

      // a region's count in the table opens that region's reports of the period
      const link = page.locator('[data-testid="stats-region-table"] a[data-testid^="stats-drill-KZ-"]').first();
      const region = ((await link.getAttribute('data-testid')) ?? '').replace('stats-drill-', '');
      await link.click();
      await page.waitForURL(/\/reports\?/);
      const params = new URL(page.url()).searchParams;
      assert.deepEqual([params.get('regionCode'), params.get('from'), params.get('to')], [region, from, to]);
      await page.getByTestId('report-row').first().waitFor();
      assert.equal(await page.getByTestId('reports-filter-regionCode').inputValue(), region, 'the list is filtered by the region');
      assert.equal(await page.getByTestId('reports-filter-from').inputValue(), from);

      // a type in the by-type list opens the reports of that type
      await page.goBack();
      await waitForDashboard(page);
      const typeLink = page.locator('[data-testid="stats-type-list-item"] a[data-testid="stats-drill"]').first();
      const type = (await page.locator('[data-testid="stats-type-list-item"]').first().getAttribute('data-key')) ?? '';
      await typeLink.click();
      await page.waitForURL(/\/reports\?/);
      assert.equal(new URL(page.url()).searchParams.get('type'), type);
      await page.getByTestId('report-row').first().waitFor();
      assert.equal(await page.getByTestId('reports-filter-type').inputValue(), type, 'the list is filtered by the type');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });

  await test('the official table is shown and downloads as XLSX and PDF', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await signIn(page, 'analyst', DEMO_PASSWORD);
      await page.goto('/stats');
      await page.getByTestId('stats-to-tables').click();
      await page.waitForURL(/\/stats\/tables/);
      await page.getByTestId('stats-official-table').waitFor();
      assert.equal(await page.getByTestId('stats-official-row').count(), 20, 'one row per region');
      await page.getByTestId('stats-official-total').waitFor();
      assert.equal(await page.getByTestId('stats-table-language').inputValue(), 'ru', 'the document is in the reader\'s language by default');
      assert.match((await page.getByTestId('stats-table-title').textContent()) ?? '', /Случаи насилия/);
      await screenshot(page, 'stats-tables.png');

      // the document in Kazakh, whatever the interface language
      await page.getByTestId('stats-table-language').selectOption('kk');
      await page.waitForFunction(() => /зорлық-зомбылық/.test(document.querySelector('[data-testid="stats-table-title"]')?.textContent ?? ''));
      assert.match(await page.getByTestId('stats-download-pdf').getAttribute('href') ?? '', /locale=kk&format=pdf/);

      for (const [format, magic] of [['xlsx', 'PK'], ['pdf', '%PDF']] as const) {
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`stats-download-${format}`).click()]);
        assert.match(download.suggestedFilename(), new RegExp(`^qorgau-region-type-.*\\.${format}$`));
        const file = await download.path();
        const head = fs.readFileSync(file).subarray(0, magic.length).toString('latin1');
        assert.equal(head, magic, `the ${format} file starts with ${magic}`);
      }
      assert.deepEqual(await untranslatedKeys(page), [], 'the tables page is translated');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });

  await test('anyone sees the public figures with small counts hidden, without signing in', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'kk-KZ' });
    try {
      await page.goto('/public/report');
      await page.getByTestId('public-nav-stats').click();
      await page.waitForURL(/\/public\/stats/);
      await page.getByTestId('public-stats-table').waitFor();
      assert.equal(await page.getByTestId('public-stats-row').count(), 20, 'every region');
      const cells = await page.locator('[data-testid="public-stats-table"] td').allTextContents();
      assert.ok(cells.includes('<5'), 'small counts are shown as "<5"');
      assert.ok(cells.every((c) => !/^[1-4]$/.test(c.trim())), 'no count from 1 to 4 is published');
      await page.getByTestId('public-stats-legend').waitFor();
      await page.locator('[data-testid="public-stats-map"][data-regions="20"] svg path').first().waitFor();
      assert.equal(await page.getByTestId('user-menu').count(), 0, 'not signed in');
      await page.getByTestId('public-stats-year').selectOption(String(Number(kzToday().slice(0, 4)) - 1));
      await page.waitForURL(/year=\d{4}/);
      await page.getByTestId('public-stats-table').waitFor();
      for (const locale of ['ru', 'en', 'kk'] as const satisfies readonly Locale[]) {
        await switchLanguage(page, locale);
        await page.waitForFunction((title) => document.getElementById('page-title')?.textContent === title, label(locale, 'public.stats.title'));
        await page.waitForFunction((region) => document.querySelector('[data-testid="public-stats-table"] th')?.textContent === region, label(locale, 'public.stats.region'));
        assert.deepEqual(await untranslatedKeys(page), [], `the public page is translated (${locale})`);
      }
      await page.evaluate(() => window.scrollTo(0, document.querySelector('[data-testid="public-stats-year"]')!.getBoundingClientRect().top + window.scrollY - 120));
      await screenshot(page, 'public-stats.png');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });
} finally {
  await browser.close();
}
