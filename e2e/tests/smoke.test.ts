// Smoke test of the web shell: sign in, role-shaped navigation, the three languages, sign out.
// Screenshots go to docs/screenshots/ (foundation-*.png).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  DEMO_PASSWORD,
  adminPassword,
  label,
  launchBrowser,
  newSession,
  screenshot,
  signIn,
  signOut,
  switchLanguage,
  untranslatedKeys,
  waitForHtmlLang,
  waitForText,
  type Locale,
} from '../lib.ts';

// Top-level tests awaited one after another share one browser, closed after the last one
// (a root-level after() hook would run after the first awaited test).
const browser: Browser = await launchBrowser();

function pathname(page: Page): string {
  return new URL(page.url()).pathname;
}

async function pageTitle(page: Page): Promise<string> {
  return ((await page.locator('#page-title').textContent()) ?? '').trim();
}

try {
  await test('admin signs in, switches kk → ru → en, sees users and audit, signs out', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'kk-KZ' });
    try {
      await page.goto('/');
      await page.getByTestId('login-username').waitFor({ state: 'visible' });
      assert.equal(pathname(page), '/login', 'a signed-out visitor is sent to the sign-in page');
      // no stored choice: the browser's language (kk) is used
      await waitForHtmlLang(page, 'kk');
      assert.equal((await page.getByTestId('login-submit').textContent())?.trim(), label('kk', 'login.submit'));
      await screenshot(page, 'foundation-login.png');
      assert.deepEqual(await untranslatedKeys(page), [], 'every string on the sign-in page is translated');

      await signIn(page, 'admin', adminPassword());
      await page.getByTestId('nav-users').waitFor({ state: 'visible' });
      assert.ok(await page.getByTestId('nav-audit').isVisible(), 'admin sees the audit trail in the navigation');

      const seen = new Set<string>();
      for (const locale of ['kk', 'ru', 'en'] as const satisfies readonly Locale[]) {
        await switchLanguage(page, locale);
        await waitForText(page, 'nav-users', label(locale, 'nav.users'));
        await waitForText(page, 'nav-audit', label(locale, 'nav.audit'));
        assert.equal(await pageTitle(page), label(locale, 'home.title'));
        assert.equal(
          (await page.getByTestId('lang-switch').textContent())?.trim(),
          { kk: 'Қазақша', ru: 'Русский', en: 'English' }[locale],
          'the switch names the language in use',
        );
        seen.add(`${label(locale, 'nav.users')}|${label(locale, 'home.title')}`);
        assert.deepEqual(await untranslatedKeys(page), [], `every string on the home page is translated (${locale})`);
      if (locale === 'kk' || locale === 'ru') await screenshot(page, `foundation-home-${locale}.png`);
      }
      assert.equal(seen.size, 3, 'each language shows different words');

      await page.getByTestId('nav-users').click();
      await page.getByTestId('users-table').waitFor({ state: 'visible' });
      assert.equal(pathname(page), '/users');
      assert.equal(await pageTitle(page), label('en', 'users.title'));
      // the demo users are listed (the rows arrive after the table)
      await page.getByTestId('user-row-operator').waitFor({ state: 'visible' });
      await screenshot(page, 'foundation-users-en.png');

      await page.getByTestId('nav-audit').click();
      await page.getByTestId('audit-table').waitFor({ state: 'visible' });
      // the audit trail has entries (at least this sign-in)
      await page.getByTestId('audit-row').first().waitFor({ state: 'visible' });
      await screenshot(page, 'foundation-audit-en.png');

      await signOut(page);
      assert.equal(pathname(page), '/login');
      // the session is gone on the server too, not only in this page
      await page.reload();
      await page.getByTestId('login-username').waitFor({ state: 'visible' });
      assert.equal(pathname(page), '/login');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });

  await test('the chosen language is remembered for the user, not only in the browser', async () => {
    // a new profile whose browser prefers Russian; admin chose English in the previous test
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await page.goto('/');
      await waitForHtmlLang(page, 'ru');
      await signIn(page, 'admin', adminPassword());
      await waitForHtmlLang(page, 'en');
      await waitForText(page, 'nav-users', label('en', 'nav.users'));
      await signOut(page);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  await test('a hotline operator has no user administration', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await page.goto('/');
      await page.getByTestId('login-username').fill('operator');
      await page.getByTestId('login-password').fill('not-the-password');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('login-error').waitFor({ state: 'visible' });
      assert.equal(pathname(page), '/login');

      await signIn(page, 'operator', DEMO_PASSWORD);
      await page.getByTestId('nav-home').waitFor({ state: 'visible' });
      assert.equal(await page.getByTestId('nav-users').count(), 0, 'no Users entry for an operator');
      assert.equal(await page.getByTestId('nav-roles').count(), 0, 'no Role settings entry for an operator');

      // typing the address does not open the screen either
      await page.goto('/users');
      await page.locator('#page-title').waitFor({ state: 'visible' });
      const locale = (await page.evaluate(() => document.documentElement.lang)) as Locale;
      assert.equal(await pageTitle(page), label(locale, 'notFound.title'));
      assert.equal(await page.getByTestId('users-table').count(), 0);

      await signOut(page);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
} finally {
  await browser.close();
}
