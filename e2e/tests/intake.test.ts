// Registering a report through the form: by keyboard only (Tab, typing, arrows, Enter, Space),
// the report page, escaping of typed markup, and the reports list.
// Screenshots: register-form.png, report-page.png, reports-list.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeIin } from '@qorgau/core';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, launchBrowser, newSession, screenshot, signIn, untranslatedKeys } from '../lib.ts';

const browser: Browser = await launchBrowser();

const REPORT_URL = /\/reports\/[0-9a-f-]{36}$/;
const NUMBER = /^\d{2}-\d{4}-\d{6}$/;

/** Presses Tab (Shift+Tab with `back`) until the element with this test id has the focus. */
async function tabTo(page: Page, testId: string, opts: { back?: boolean; max?: number } = {}): Promise<void> {
  const max = opts.max ?? 250;
  for (let i = 0; i < max; i++) {
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
    if (focused === testId) return;
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${testId}`);
}

/** With a <select> focused, moves through its options with the arrow keys until `value` is chosen. */
async function arrowTo(page: Page, testId: string, value: string): Promise<void> {
  const select = page.getByTestId(testId);
  const options = await select.evaluate((el) => [...(el as HTMLSelectElement).options].map((o) => o.value));
  const target = options.indexOf(value);
  assert.ok(target >= 0, `${testId} offers ${value}`);
  for (let i = 0; i < options.length + 1; i++) {
    const current = options.indexOf(await select.inputValue());
    if (current === target) return;
    await page.keyboard.press(current < target ? 'ArrowDown' : 'ArrowUp');
  }
  throw new Error(`could not reach ${value} in ${testId}`);
}

async function reportNumber(page: Page): Promise<string> {
  await page.waitForURL(REPORT_URL);
  const el = page.getByTestId('report-number');
  await el.waitFor({ state: 'visible' });
  return ((await el.textContent()) ?? '').trim();
}

try {
  await test('an operator registers a report with the keyboard only and sees its page', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await signIn(page, 'operator', DEMO_PASSWORD);
      await page.goto('/reports/new');
      await page.getByTestId('intake-form').waitFor({ state: 'visible' });
      assert.deepEqual(await untranslatedKeys(page), [], 'every text of the form is translated');
      // start from the page heading, as after navigation
      await page.locator('#page-title').focus();

      await tabTo(page, 'intake-region');
      await arrowTo(page, 'intake-region', 'KZ-75');
      await tabTo(page, 'intake-narrative');
      await page.keyboard.type('Соседка сообщает: отец бьёт сына, мальчик приходит в школу с синяками.');
      // screening: "no" for danger (arrow from "yes" selects "no"), "yes" for injured (Space)
      await tabTo(page, 'intake-screening-immediateDanger-yes');
      await page.keyboard.press('ArrowRight');
      await tabTo(page, 'intake-screening-childInjured-yes');
      await page.keyboard.press('Space');

      await tabTo(page, 'incident-0-type-physical');
      await page.keyboard.press('Space');
      await tabTo(page, 'incident-0-place');
      await arrowTo(page, 'incident-0-place', 'home');

      // the child: an IIN fills in the birth date and sex
      const iin = makeIin('2014-03-02', 'male', 4711) ?? makeIin('2014-03-02', 'male', 4712);
      assert.ok(iin);
      await tabTo(page, 'incident-0-victim-0-iin');
      await page.keyboard.type(iin);
      await page.getByTestId('incident-0-victim-0-iin-derived').waitFor({ state: 'visible' });
      assert.equal(await page.getByTestId('incident-0-victim-0-birth').inputValue(), '2014-03-02');
      assert.equal(await page.getByTestId('incident-0-victim-0-sex').inputValue(), 'male');
      await tabTo(page, 'incident-0-victim-0-last');
      await page.keyboard.type('Клавиатуров');
      await tabTo(page, 'incident-0-victim-0-first');
      await page.keyboard.type('Тимур');

      // an alleged perpetrator known only by relation
      await tabTo(page, 'incident-0-perp-add');
      await page.keyboard.press('Enter');
      await tabTo(page, 'incident-0-perp-0-relation', { back: true });
      await arrowTo(page, 'incident-0-perp-0-relation', 'father');
      await tabTo(page, 'incident-0-perp-0-unidentified');
      await page.keyboard.press('Space');
      assert.equal(await page.getByTestId('incident-0-perp-0-unidentified').isChecked(), true);

      // a tall window, so that the picture shows the whole form down to the child and the perpetrator
      await page.setViewportSize({ width: 1280, height: 2200 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, 'register-form.png');
      await page.setViewportSize({ width: 1280, height: 800 });

      await tabTo(page, 'intake-submit');
      await page.keyboard.press('Enter');
      const number = await reportNumber(page);
      assert.match(number, NUMBER);
      assert.ok(number.startsWith('75-'), `the number carries the region (${number})`);
      assert.match((await page.getByTestId('report-narrative').textContent()) ?? '', /отец бьёт сына/);
      assert.equal(await page.getByTestId('report-priority').textContent().then((s) => s?.startsWith('P2')), true, 'an injured child is P2');
      const victims = (await page.getByTestId('report-incident-0-victims').textContent()) ?? '';
      assert.ok(victims.includes('Клавиатуров Тимур'), 'the child is listed');
      await page.getByTestId('history-item').first().waitFor({ state: 'visible' }).catch(() => undefined);
      await page.setViewportSize({ width: 1280, height: 1900 });
      await screenshot(page, 'report-page.png');
      await page.setViewportSize({ width: 1280, height: 800 });

      // the draft is gone once registered
      await page.goto('/reports/new');
      await page.getByTestId('intake-form').waitFor({ state: 'visible' });
      assert.equal(await page.getByTestId('intake-draft-restored').count(), 0, 'no draft is offered after registration');
      assert.equal(await page.getByTestId('intake-narrative').inputValue(), '');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });

  await test('the draft survives a reload, and markup typed into the narrative is shown as text', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'en-GB' });
    try {
      await signIn(page, 'operator', DEMO_PASSWORD);
      await page.goto('/reports/new');
      await page.getByTestId('intake-form').waitFor({ state: 'visible' });
      const markup = `<script>window.__qorgauXss = 1</script><b id="bold-injected">bold</b><img src="x" onerror="window.__qorgauXss = 2">`;
      await page.getByTestId('intake-region').selectOption('KZ-71');
      await page.getByTestId('intake-narrative').fill(markup);
      await page.getByTestId('incident-0-type-psychological').check();
      await page.getByTestId('incident-0-victim-0-first').fill('<i>Ali</i>');

      // nothing typed is lost on reload
      await page.waitForTimeout(600);
      await page.reload();
      await page.getByTestId('intake-draft-restored').waitFor({ state: 'visible' });
      assert.equal(await page.getByTestId('intake-narrative').inputValue(), markup);
      // the region's options arrive with the reference data, after the draft is restored
      await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid="intake-region"]')?.value === 'KZ-71', null, { timeout: 15_000 });
      assert.equal(await page.getByTestId('intake-region').inputValue(), 'KZ-71');
      assert.equal(await page.getByTestId('incident-0-type-psychological').isChecked(), true);

      // a wrong IIN is caught before sending, next to the field
      await page.getByTestId('incident-0-victim-0-iin').fill('061211600013');
      await page.getByTestId('intake-submit').click();
      await page.getByTestId('intake-error').first().waitFor({ state: 'visible' });
      assert.equal(await page.getByTestId('incident-0-victim-0-iin').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'incident-0-victim-0-iin', 'focus goes to the field');
      await page.getByTestId('incident-0-victim-0-iin').fill('');

      await page.getByTestId('intake-submit').click();
      const number = await reportNumber(page);
      assert.match(number, NUMBER);
      const shown = page.getByTestId('report-narrative');
      assert.equal(await shown.textContent(), markup, 'the narrative is shown exactly as typed');
      assert.equal(await shown.locator('b, img, script').count(), 0, 'no element was created from the text');
      assert.equal(await page.locator('#bold-injected').count(), 0);
      assert.equal(await page.evaluate(() => (window as unknown as { __qorgauXss?: number }).__qorgauXss), undefined, 'no script ran');
      assert.ok(((await page.getByTestId('report-incident-0-victims').textContent()) ?? '').includes('<i>Ali</i>'));
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });

  await test('the reports list filters through the address and loads more with the cursor', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'en-GB' });
    try {
      await signIn(page, 'operator', DEMO_PASSWORD);
      await page.getByTestId('nav-reports').click();
      await page.getByTestId('report-row').first().waitFor({ state: 'visible' });
      const first = await page.getByTestId('report-row').count();
      assert.equal(first, 50, 'a first page of 50');
      await page.getByTestId('reports-load-more').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="report-row"]').length > 50);

      await page.getByTestId('reports-filter-regionCode').selectOption('KZ-75');
      await page.waitForURL(/regionCode=KZ-75/);
      await page.getByTestId('reports-filter-status').selectOption('registered');
      await page.waitForURL(/status=registered/);
      // the rows of the previous filter stay until the new ones arrive
      await page.waitForFunction(() => {
        const links = [...document.querySelectorAll('[data-testid="report-row-link"]')];
        return links.length > 0 && links.every((a) => a.textContent?.startsWith('75-'));
      });
      const numbers = await page.getByTestId('report-row-link').allTextContents();
      assert.ok(numbers.length > 0 && numbers.every((n) => n.startsWith('75-')), 'only Almaty reports');
      // the filter is in the address: a reload keeps it
      await page.reload();
      await page.getByTestId('report-row').first().waitFor({ state: 'visible' });
      // (the region list arrives after the rows)
      await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid="reports-filter-regionCode"]')?.value === 'KZ-75');
      assert.equal(await page.getByTestId('reports-filter-status').inputValue(), 'registered');
      await screenshot(page, 'reports-list.png');

      await page.goto('/reports/00000000-0000-0000-0000-000000000000');
      await page.getByTestId('report-not-found').waitFor({ state: 'visible' });
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });
} finally {
  await browser.close();
}
