// The public side without an account: the report form in Kazakh, the tracking code, and the
// status page. Screenshots: public-form-kk.png, public-status.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser } from 'playwright-core';
import { label, launchBrowser, newSession, screenshot, untranslatedKeys, waitForHtmlLang } from '../lib.ts';

const browser: Browser = await launchBrowser();

try {
  await test('a child reports in Kazakh without signing in, gets a tracking code and sees the status', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'kk-KZ' });
    try {
      await page.goto('/public/report');
      await page.getByTestId('public-form').waitFor({ state: 'visible' });
      await waitForHtmlLang(page, 'kk');
      assert.equal(new URL(page.url()).pathname, '/public/report', 'the public form is not sent to sign-in');
      assert.equal((await page.locator('#page-title').textContent())?.trim(), label('kk', 'public.form.title'));
      // emergency numbers and the helpline are on the page
      const emergency = (await page.getByTestId('public-emergency').textContent()) ?? '';
      for (const n of ['112', '102', '103', '111']) assert.ok(emergency.includes(n), `emergency number ${n} shown`);
      assert.ok(await page.getByTestId('lang-switch').isVisible(), 'the language switch is visible');
      assert.deepEqual(await untranslatedKeys(page), [], 'every text of the form is translated');

      // the labels of the form are the Kazakh ones
      await page.getByLabel(label('kk', 'public.form.region')).selectOption('KZ-75');
      const narrative = 'Көршінің баласын әкесі күнде ұрады, бала мектепке көгеріп келеді.';
      await page.getByLabel(label('kk', 'public.form.narrative')).fill(narrative);
      assert.equal(
        ((await page.getByTestId('public-narrative-count').textContent()) ?? '').includes(String(narrative.length)),
        true,
        'the counter follows the text',
      );
      await page.getByTestId('public-type-physical').check();
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, 'public-form-kk.png');

      await page.getByTestId('public-submit').click();
      const codeEl = page.getByTestId('public-tracking-code');
      await codeEl.waitFor({ state: 'visible' });
      const code = ((await codeEl.textContent()) ?? '').trim();
      assert.ok(code.length >= 6, `a tracking code is shown (${code})`);
      assert.equal((await page.locator('#page-title').textContent())?.trim(), label('kk', 'public.done.title'));

      await page.getByTestId('public-check-status').click();
      const value = page.getByTestId('public-status-value');
      await value.waitFor({ state: 'visible' });
      assert.equal(await value.getAttribute('data-status'), 'registered');
      assert.equal((await value.textContent())?.trim(), label('kk', 'public.status.registered'));
      assert.equal(new URL(page.url()).pathname, '/public/status');
      assert.deepEqual(await untranslatedKeys(page), []);
      await screenshot(page, 'public-status.png');

      // a code typed in lower case with spaces finds the same report; an unknown one says so
      await page.getByTestId('public-status-code').fill('nosuchcode');
      await page.getByTestId('public-status-check').click();
      await page.getByTestId('public-status-not-found').waitFor({ state: 'visible' });
      await page.getByTestId('public-status-code').fill(` ${code.toLowerCase()} `);
      await page.getByTestId('public-status-check').click();
      await page.getByTestId('public-status-value').waitFor({ state: 'visible' });

      // still signed out: the staff pages send to sign-in
      await page.goto('/reports');
      await page.getByTestId('login-username').waitFor({ state: 'visible' });
      assert.ok(await page.getByTestId('login-public-report').isVisible(), 'the sign-in page links to the public form');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });
} finally {
  await browser.close();
}
