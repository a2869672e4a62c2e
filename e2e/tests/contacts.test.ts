// Helpline contacts: the supervisor browses the line's contacts, filters by outcome through the
// address, opens one with its summary, in ru, kk and en; the Almaty coordinator sees only the
// region's; the operator sees their own without the "only mine" switch; a school specialist has
// no such screen. Screenshots: contacts-list.png, contacts-detail.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser } from 'playwright-core';
import { apiLogin, baseUrl, DEMO_PASSWORD, label, launchBrowser, newSession, screenshot, signIn, switchLanguage, untranslatedKeys } from '../lib.ts';

const browser: Browser = await launchBrowser();

async function contactsOf(username: string): Promise<{ items: { regionCode: string | null; outcome: string; operatorId: string }[] }> {
  const token = await apiLogin(username);
  const res = await fetch(`${baseUrl()}/api/v1/contacts?limit=200`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  return (await res.json()) as { items: { regionCode: string | null; outcome: string; operatorId: string }[] };
}

try {
  await test('the supervisor filters the line\'s contacts by outcome and opens one, in three languages', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await signIn(page, 'supervisor', DEMO_PASSWORD);
      if (await page.evaluate(() => document.documentElement.lang) !== 'ru') await switchLanguage(page, 'ru');
      await page.getByTestId('nav-contacts').click();
      await page.waitForURL(/\/contacts/);
      await page.getByTestId('contact-row').first().waitFor();
      const outcomes = new Set(await page.getByTestId('contact-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-outcome'))));
      assert.ok(outcomes.size >= 3, `contacts of several outcomes: ${[...outcomes].join(', ')}`);
      assert.equal(await page.getByTestId('contacts-filter-mine').count(), 1, 'a supervisor may narrow to their own');

      await page.getByTestId('contacts-filter-outcome').selectOption('advice');
      await page.waitForURL(/outcome=advice/);
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('[data-testid="contact-row"]')];
        return rows.length > 0 && rows.every((r) => r.getAttribute('data-outcome') === 'advice');
      });
      await screenshot(page, 'contacts-list.png');

      await page.getByTestId('contact-row-open').first().click();
      await page.waitForURL(/contact=/);
      const summary = page.getByTestId('contact-detail-summary');
      await summary.waitFor();
      const text = (await summary.textContent()) ?? '';
      assert.ok(text.length > 20 && text !== label('ru', 'contacts.detail.noSummary'), 'an advice contact has its counsellor\'s summary');
      await screenshot(page, 'contacts-detail.png');

      // the drawer survives a reload (it is in the address) and closes with Escape
      await page.reload();
      await page.getByTestId('contact-detail-summary').waitFor();
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !window.location.search.includes('contact='));

      for (const locale of ['kk', 'en'] as const) {
        await switchLanguage(page, locale);
        await page.getByRole('heading', { name: label(locale, 'contacts.title') }).waitFor();
        assert.deepEqual(await untranslatedKeys(page), [], `no missing strings in ${locale}`);
      }
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  await test('the coordinator sees the region\'s contacts, the operator their own, a school specialist none', async () => {
    const region = await contactsOf('coordinator.almaty');
    assert.ok(region.items.length > 0, 'the Almaty coordinator lists contacts');
    assert.ok(region.items.every((c) => c.regionCode === 'KZ-75'), 'only those of Almaty');
    const own = await contactsOf('operator');
    assert.ok(own.items.length > 0);
    assert.equal(new Set(own.items.map((c) => c.operatorId)).size, 1, 'the operator sees only their own');

    const { context, page, pageErrors } = await newSession(browser, { locale: 'en-GB' });
    try {
      await signIn(page, 'coordinator.almaty', DEMO_PASSWORD);
      await page.getByTestId('nav-contacts').click();
      await page.getByTestId('contact-row').first().waitFor();
      await context.clearCookies();

      await signIn(page, 'operator', DEMO_PASSWORD);
      await page.getByTestId('nav-contacts').click();
      await page.getByTestId('contact-row').first().waitFor();
      assert.equal(await page.getByTestId('contacts-filter-mine').count(), 0, 'an operator sees only their own anyway');
      await context.clearCookies();

      await signIn(page, 'school.almaty', DEMO_PASSWORD);
      assert.equal(await page.getByTestId('nav-contacts').count(), 0);
      await page.goto('/contacts');
      assert.equal(await page.getByTestId('contacts-table').count(), 0, 'no contacts screen for a school specialist');
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
} finally {
  await browser.close();
}
