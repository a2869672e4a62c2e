// The hotline console, driven with the keyboard only (after signing in): a call that registers a
// report for a child found by a Latin spelling of a Cyrillic name, then a call whose draft and
// timer survive a reload. Screenshots go to docs/screenshots/console-*.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, launchBrowser, newSession, screenshot, signIn, type Locale } from '../lib.ts';

const browser: Browser = await launchBrowser();

/** Passport (ICAO 9303) transliteration, as a caller's name would be typed from a document. */
const ICAO: Record<string, string> = {
  а: 'a', ә: 'a', б: 'b', в: 'v', г: 'g', ғ: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', қ: 'k',
  л: 'l', м: 'm', н: 'n', ң: 'n', о: 'o', ө: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ұ: 'u', ү: 'u', ф: 'f', х: 'kh',
  һ: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: 'ie', ы: 'y', і: 'i', ь: '', э: 'e', ю: 'iu', я: 'ia',
};
function latin(name: string): string {
  return [...name].map((ch) => {
    const lower = ch.toLowerCase();
    const out = ICAO[lower];
    if (out === undefined) return ch;
    return ch === lower ? out : out.charAt(0).toUpperCase() + out.slice(1);
  }).join('');
}

interface DemoChild {
  id: string;
  lastName: string;
  firstName: string;
  birthDate: string;
}

/** A demo child victim with a Kazakh Cyrillic name and a birth date (so that an age is shown). */
async function findDemoChild(page: Page): Promise<DemoChild> {
  const list = await page.request.get('/api/v1/reports?limit=60&channel=hotline');
  assert.equal(list.status(), 200);
  for (const summary of (await list.json()).items) {
    const report = await (await page.request.get(`/api/v1/reports/${summary.id}`)).json();
    for (const incident of report.incidents ?? []) {
      for (const v of incident.victims ?? []) {
        const name = `${v.lastName} ${v.firstName}`;
        const age = v.birthDate ? new Date().getFullYear() - Number(v.birthDate.slice(0, 4)) : 99;
        if (v.birthDate && age >= 3 && age < 17 && /[әғқңөұүһі]/i.test(name) && v.lastName && !v.middleName) {
          return { id: v.id, lastName: v.lastName, firstName: v.firstName, birthDate: v.birthDate };
        }
      }
    }
  }
  throw new Error('no demo child with a Kazakh name and a birth date in the first hotline reports');
}

/** A demo child victim of a hotline report of the last 30 days that is still open (offered to add to). */
async function findChildWithOpenReport(page: Page): Promise<{ child: DemoChild; report: { id: string; number: string } }> {
  const me = await (await page.request.get('/api/v1/auth/me')).json();
  const headers = { 'X-CSRF-Token': me.csrfToken as string };
  const list = await (await page.request.get('/api/v1/reports?limit=40&channel=hotline&status=registered')).json();
  for (const summary of list.items) {
    const report = await (await page.request.get(`/api/v1/reports/${summary.id}`)).json();
    for (const v of report.incidents?.[0]?.victims ?? []) {
      if (!v.lastName || !v.birthDate || !/[а-яәғқңөұүһі]/i.test(v.lastName)) continue;
      const match = await page.request.post('/api/v1/persons/match', {
        headers, data: { lastName: v.lastName, firstName: v.firstName, birthDate: v.birthDate },
      });
      if (match.status() !== 200) continue;
      const item = (await match.json()).items.find((m: { person: { id: string } }) => m.person.id === v.id);
      const open = item?.openReports?.[0];
      if (open) return { child: { id: v.id, lastName: v.lastName, firstName: v.firstName, birthDate: v.birthDate }, report: { id: open.id, number: open.number } };
    }
  }
  throw new Error('no demo child with an open hotline report');
}

const activeOption = (page: Page) =>
  page.evaluate(() => {
    const id = document.activeElement?.getAttribute('aria-activedescendant');
    const el = id ? document.getElementById(id) : null;
    return el ? { person: el.dataset.personId ?? null, code: el.dataset.code ?? null, text: el.textContent } : null;
  });

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

async function waitForFocus(page: Page, testId: string): Promise<void> {
  await page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, testId, { timeout: 5000 })
    .catch(async () => assert.fail(`expected the focus on ${testId}, it is on ${await focusedTestId(page)}`));
}

async function checked(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).isChecked();
}

const CATEGORY_TYPED: Record<Locale, string> = { kk: 'физикалық', ru: 'физич', en: 'physical' };
const NEGLECT_TYPED: Record<Locale, string> = { kk: 'қараусыз', ru: 'пренебр', en: 'neglect' };

try {
  await test('an operator takes a call with the keyboard only and registers a report', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'kk-KZ' });
    try {
      await signIn(page, 'operator', DEMO_PASSWORD);
      // the console is the operator's first navigation entry
      const firstNav = await page.locator('#main-navigation a').first().getAttribute('data-testid');
      assert.equal(firstNav, 'nav-console');
      const child = await findDemoChild(page);
      const typed = latin(`${child.lastName} ${child.firstName}`);
      assert.notEqual(typed, `${child.lastName} ${child.firstName}`, 'the typed name is a Latin spelling');

      await page.goto('/console');
      await page.getByTestId('console-start').waitFor();
      const locale = (await page.evaluate(() => document.documentElement.lang)) as Locale;
      await page.getByTestId('console-recent-table').waitFor();
      await screenshot(page, 'console-idle.png');

      // ? shows every key
      await page.keyboard.press('?');
      await page.getByTestId('console-help-table').waitFor();
      assert.match((await page.getByTestId('console-help-table').textContent()) ?? '', /F2.*F4.*Ctrl\+Enter/s);
      await screenshot(page, 'console-help.png');
      await page.keyboard.press('Escape');
      await page.getByTestId('console-help-table').waitFor({ state: 'hidden' });

      // F2 starts the contact and its timer; the focus is on the caller type
      await page.keyboard.press('F2');
      await page.getByTestId('console-timer').waitFor();
      await waitForFocus(page, 'console-caller-type-child');
      // a digit chooses the caller type (2 = parent) and moves on to the child
      await page.keyboard.press('2');
      assert.ok(await checked(page, 'console-caller-type-parent'));
      await waitForFocus(page, 'console-child-search-input');

      // the child by a Latin spelling of a Cyrillic name; arrows to it, Enter
      await page.keyboard.type(typed, { delay: 15 });
      await page.locator(`[data-testid="console-child-search-option"][data-person-id="${child.id}"]`).waitFor();
      for (let i = 0; i < 15 && (await activeOption(page))?.person !== child.id; i++) await page.keyboard.press('ArrowDown');
      assert.equal((await activeOption(page))?.person, child.id, 'the demo child is offered');
      const offered = await page.locator(`[data-testid="console-child-search-option"][data-person-id="${child.id}"]`).textContent();
      assert.ok(offered?.includes(child.firstName), 'the option shows the name as written');
      await screenshot(page, 'console-child-search.png');
      await page.keyboard.press('Enter');
      const picked = page.getByTestId('console-child-picked');
      await picked.waitFor();
      assert.equal(await picked.getAttribute('data-person-id'), child.id);
      assert.ok(((await picked.textContent()) ?? '').includes(child.firstName));

      // the subject: a few letters of a category in the UI language, Enter
      await waitForFocus(page, 'console-chi-input');
      await page.keyboard.type(CATEGORY_TYPED[locale], { delay: 20 });
      await page.waitForFunction(() => Boolean(document.activeElement?.getAttribute('aria-activedescendant')));
      assert.equal((await activeOption(page))?.code, 'violence/physical-violence');
      await page.keyboard.press('Enter');

      // screening: Y, N, Y — immediate danger shows the P1 warning
      await waitForFocus(page, 'console-screening-immediateDanger-yes');
      await page.keyboard.press('y');
      await waitForFocus(page, 'console-screening-childInjured-yes');
      await page.keyboard.press('n');
      await page.keyboard.press('y');
      await page.getByTestId('console-p1').waitFor();
      assert.equal((await page.getByTestId('console-priority').textContent())?.trim(), 'P1');
      assert.ok(await checked(page, 'console-screening-immediateDanger-yes'));
      assert.ok(await checked(page, 'console-screening-childInjured-no'));
      assert.ok(await checked(page, 'console-screening-perpetratorHasAccess-yes'));

      // outcome: arrows to "report registered", Enter opens the short report
      await waitForFocus(page, 'console-outcome-advice');
      for (let i = 0; i < 5 && !(await checked(page, 'console-outcome-report_registered')); i++) await page.keyboard.press('ArrowDown');
      assert.ok(await checked(page, 'console-outcome-report_registered'));
      await page.keyboard.press('Enter');
      await page.getByTestId('console-report-form').waitFor();
      await waitForFocus(page, 'console-report-types-input');
      // the violence type comes from the category; one more is added by typing
      const chosen = page.getByTestId('console-report-types-chosen');
      assert.equal(await chosen.locator('[data-type="physical"]').count(), 1, 'physical violence preselected');
      await page.keyboard.type(locale === 'en' ? 'psycho' : 'псих', { delay: 20 });
      await page.keyboard.press('Enter');
      await chosen.locator('[data-type="psychological"]').waitFor();
      await page.keyboard.press('Escape');

      // the region (caller section), then district, place, relation, narrative
      await page.keyboard.press('Alt+C');
      await page.keyboard.press('Tab');
      await waitForFocus(page, 'console-region');
      await page.keyboard.press('ArrowDown');
      assert.notEqual(await page.getByTestId('console-region').inputValue(), '');
      await page.keyboard.press('Alt+R');
      await waitForFocus(page, 'console-report-types-input');
      await page.keyboard.press('Tab');
      await waitForFocus(page, 'console-report-district');
      await page.waitForFunction(() => (document.querySelector('[data-testid="console-report-district"]') as HTMLSelectElement).options.length > 1);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Tab');
      await waitForFocus(page, 'console-report-relation');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Tab');
      await waitForFocus(page, 'console-report-narrative');
      await page.keyboard.type('Ата-анасы баланы ұрады, бүгін де ұрды. Көршілер айқайды естіді.', { delay: 2 });
      await page.keyboard.press('Alt+M');
      await waitForFocus(page, 'console-summary');
      await page.keyboard.type('Қоңырау шалушы — анасы. Полицияға 102 хабарланды, хабарлама тіркелді.', { delay: 2 });
      assert.notEqual(await page.getByTestId('console-report-district').inputValue(), '');
      assert.notEqual(await page.getByTestId('console-report-place').inputValue(), '');
      await screenshot(page, 'console-call.png');
      await page.getByTestId('console-screening').scrollIntoViewIfNeeded();
      await screenshot(page, 'console-p1.png');

      // Ctrl+Enter saves; the result shows the report number and the console is free again
      await page.keyboard.press('Control+Enter');
      await page.locator('[data-testid="console-result"][data-status="saved"]').waitFor();
      const number = ((await page.getByTestId('console-result-report').textContent()) ?? '').trim();
      assert.match(number, /^\d{2}-\d{4}-\d{6}$/);
      await page.getByTestId('console-start').waitFor();
      await page.locator('[data-testid="console-recent-report"]', { hasText: number }).waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, 'console-saved.png');

      // the report exists with the child as victim
      const reportId = await page.getByTestId('console-result-report').evaluate((a) => (a as HTMLAnchorElement).pathname.split('/').pop());
      const report = await (await page.request.get(`/api/v1/reports/${reportId}`)).json();
      assert.equal(report.number, number);
      assert.equal(report.channel, 'hotline');
      assert.equal(report.priority, 'P1');
      assert.deepEqual([...report.incidents[0].types].sort(), ['physical', 'psychological']);
      assert.equal(report.incidents[0].victims[0].id, child.id);
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });

  await test('a reload mid-call keeps the draft and the running timer', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await signIn(page, 'operator', DEMO_PASSWORD);
      await page.goto('/console');
      await page.getByTestId('console-start').waitFor();
      const locale = (await page.evaluate(() => document.documentElement.lang)) as Locale;
      await page.keyboard.press('F2');
      await waitForFocus(page, 'console-caller-type-child');
      await page.keyboard.press('7'); // anonymous
      await waitForFocus(page, 'console-child-search-input');
      await page.keyboard.press('Tab');
      await waitForFocus(page, 'console-child-first-name');
      await page.keyboard.type('Дана');
      await page.keyboard.press('Tab');
      await page.keyboard.type('9');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space'); // the first option of sex: female
      await page.keyboard.press('Alt+S');
      await page.keyboard.type(locale === 'en' ? 'bully' : 'буллинг', { delay: 20 });
      await page.keyboard.press('Enter');
      await page.keyboard.press('Alt+M');
      await page.keyboard.type('Звонок прерван, перезвонит.');
      const clientId = await page.getByTestId('console-callbar').getAttribute('data-client-id');
      await page.waitForTimeout(2200);
      const before = Number(await page.getByTestId('console-timer').getAttribute('data-seconds'));
      assert.ok(before >= 2, `the timer runs (${before} s)`);

      await page.reload();
      await page.getByTestId('console-callbar').waitFor();
      assert.equal(await page.getByTestId('console-callbar').getAttribute('data-client-id'), clientId, 'the same contact (clientId)');
      assert.equal(await page.getByTestId('console-child-first-name').inputValue(), 'Дана');
      assert.equal(await page.getByTestId('console-child-age').inputValue(), '9');
      assert.ok(await checked(page, 'console-child-sex-female'));
      assert.ok(await checked(page, 'console-caller-type-anonymous'));
      assert.equal(await page.getByTestId('console-summary').inputValue(), 'Звонок прерван, перезвонит.');
      const chi = (await (await page.request.get('/api/v1/reference/chi-categories')).json()).items;
      const bullying = chi.find((c: { code: string }) => c.code === 'violence/bullying');
      assert.equal(await page.getByTestId('console-chi-input').inputValue(), bullying.label[locale], 'the subject is kept');
      const after = Number(await page.getByTestId('console-timer').getAttribute('data-seconds'));
      assert.ok(after >= before, `the timer continues from the start of the call (${before} s → ${after} s)`);
      await page.waitForTimeout(1200);
      const later = Number(await page.getByTestId('console-timer').getAttribute('data-seconds'));
      assert.ok(later > after, 'and keeps running');
      await screenshot(page, 'console-restored.png');

      // an advice-only contact is saved too: F4 ends the call, Alt+O, Space, Ctrl+Enter
      await page.keyboard.press('F4');
      await page.waitForFunction(() => document.querySelector('[data-testid="console-end"]') === null);
      const stopped = Number(await page.getByTestId('console-timer').getAttribute('data-seconds'));
      await page.waitForTimeout(1100);
      assert.equal(Number(await page.getByTestId('console-timer').getAttribute('data-seconds')), stopped, 'F4 stops the timer');
      await page.keyboard.press('Alt+O');
      await waitForFocus(page, 'console-outcome-advice');
      await page.keyboard.press('Space');

      // the first save reaches the server but its answer is lost: the console retries by itself,
      // and the clientId keeps it to one contact
      const mine = async () => (await (await page.request.get('/api/v1/contacts?mine=true&limit=200')).json()).items.length as number;
      const countBefore = await mine();
      let attempts = 0;
      await page.route('**/api/v1/contacts', async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        attempts += 1;
        if (attempts === 1) {
          await route.fetch();
          return route.abort('connectionreset');
        }
        return route.continue();
      });
      await page.keyboard.press('Control+Enter');
      // the console is free at once, before the server has answered
      await page.getByTestId('console-start').waitFor();
      await page.locator('[data-testid="console-result"][data-status="retrying"]').waitFor();
      await page.locator('[data-testid="console-result"][data-status="saved"]').waitFor();
      assert.equal(attempts, 2);
      assert.equal(await mine(), countBefore + 1, 'one contact for two attempts');
      assert.equal(await page.getByTestId('console-result-report').count(), 0, 'no report for advice');
      // the draft is gone once saved
      const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('qorgau.console.')));
      assert.deepEqual(stored, []);
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });
  await test('a call about a child with an open report adds to that report', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'en-GB' });
    try {
      await signIn(page, 'operator', DEMO_PASSWORD);
      const { child, report } = await findChildWithOpenReport(page);
      const before = (await (await page.request.get(`/api/v1/reports/${report.id}`)).json()).incidents.length;
      await page.goto('/console');
      await page.getByTestId('console-start').waitFor();
      const locale = (await page.evaluate(() => document.documentElement.lang)) as Locale;

      await page.keyboard.press('F2');
      await waitForFocus(page, 'console-caller-type-child');
      await page.keyboard.press('1'); // the child calls
      await waitForFocus(page, 'console-child-search-input');
      await page.keyboard.type(latin(`${child.firstName} ${child.lastName}`), { delay: 15 });
      await page.locator(`[data-testid="console-child-search-option"][data-person-id="${child.id}"]`).waitFor();
      for (let i = 0; i < 15 && (await activeOption(page))?.person !== child.id; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await waitForFocus(page, 'console-chi-input');
      await page.locator('[data-testid="console-open-report"]', { hasText: report.number }).waitFor();
      await page.keyboard.type(NEGLECT_TYPED[locale], { delay: 20 });
      assert.equal((await activeOption(page))?.code, 'violence/neglect-or-negligent-treatment');
      await page.keyboard.press('Enter');
      await waitForFocus(page, 'console-screening-immediateDanger-yes');
      await page.keyboard.press('n');
      await page.keyboard.press('n');
      await page.keyboard.press('y');
      assert.equal((await page.getByTestId('console-priority').textContent())?.trim(), 'P2');

      // Alt+A: add to the open report; the incident's type comes from the category
      await page.keyboard.press('Alt+A');
      assert.ok(await checked(page, 'console-outcome-added_to_report'));
      await waitForFocus(page, 'console-report-types-input');
      await page.getByTestId('console-report-types-chosen').locator('[data-type="neglect"]').waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('console-child').scrollIntoViewIfNeeded();
      await screenshot(page, 'console-open-report.png');

      await page.keyboard.press('Control+Enter');
      await page.locator('[data-testid="console-result"][data-status="saved"]').waitFor();
      assert.equal(((await page.getByTestId('console-result-report').textContent()) ?? '').trim(), report.number);
      assert.equal(await page.getByTestId('console-result-incident-error').count(), 0);
      // the contact is saved before the incident is added: wait for the report to have it
      let after = before;
      for (let i = 0; i < 20 && after === before; i++) {
        await page.waitForTimeout(250);
        after = (await (await page.request.get(`/api/v1/reports/${report.id}`)).json()).incidents.length;
      }
      assert.equal(after, before + 1, 'one incident added to the open report');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });
} finally {
  await browser.close();
}
