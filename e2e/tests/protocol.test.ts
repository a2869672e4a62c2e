// The response protocol: a regular user reads the protocol in force in the three languages; the
// administrator edits a draft with the live preview, meets a problem at its field, saves and
// activates it; then units and routing. Screenshots: protocol-view.png, protocol-editor.png,
// units-routing.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escalationLevelLabels, priorityLabels } from '@qorgau/core';
import type { Browser, Page } from 'playwright-core';
import {
  DEMO_PASSWORD, adminPassword, label, launchBrowser, newSession, screenshot, signIn, switchLanguage, untranslatedKeys, waitForText,
  type Locale,
} from '../lib.ts';

const browser: Browser = await launchBrowser();

function pathname(page: Page): string {
  return new URL(page.url()).pathname;
}

async function text(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).first().textContent()) ?? '').trim();
}

/** A catalogue string with its {{placeholders}} filled in. */
function fill(locale: Locale, key: string, values: Record<string, string | number>): string {
  return label(locale, key).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name]));
}

async function dueOf(page: Page, ruleId: string): Promise<number> {
  const due = await page.getByTestId(`preview-task-${ruleId}`).getAttribute('data-due');
  assert.ok(due, `the preview has a task of rule ${ruleId}`);
  return new Date(due).getTime();
}

/** The API with the session's CSRF token (for restoring what the test changed). */
async function apiCall(page: Page, method: 'GET' | 'POST', path: string, data?: unknown): Promise<any> {
  const me = await (await page.request.get('/api/v1/auth/me')).json();
  const response = await page.request.fetch(`/api/v1${path}`, { method, data, headers: { 'X-CSRF-Token': me.csrfToken as string } });
  assert.ok(response.ok(), `${method} ${path}: HTTP ${response.status()}`);
  return response.status() === 204 ? null : response.json();
}

try {
  await test('a guardianship officer reads the protocol in force in kk, ru and en', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await signIn(page, 'guardian.almaty', DEMO_PASSWORD);
      await page.getByTestId('nav-protocol').click();
      await page.getByTestId('protocol-priority-rules').waitFor({ state: 'visible' });
      assert.equal(pathname(page), '/protocol');
      assert.equal(await page.getByTestId('protocol-new-draft').count(), 0, 'no editing for a regular user');

      for (const locale of ['kk', 'ru', 'en'] as const) {
        await switchLanguage(page, locale);
        await waitForText(page, 'nav-protocol', label(locale, 'protocol.nav'));
        assert.equal(((await page.locator('#page-title').textContent()) ?? '').trim(), label(locale, 'protocol.title'));
        // priority: immediate danger → P1
        const danger = page.getByTestId('priority-rule-danger');
        assert.equal(await danger.getAttribute('data-priority'), 'P1');
        const dangerText = (await danger.textContent()) ?? '';
        assert.ok(dangerText.includes(label(locale, 'protocol.screening.immediateDanger')), `${locale}: the danger rule in words`);
        assert.ok(dangerText.includes(priorityLabels.P1[locale]), `${locale}: the danger rule gives P1`);
        // the response to P1: the police at once, within 2 hours
        assert.equal(await text(page, 'response-P1-p1-police-deadline'), fill(locale, 'protocol.deadline.hoursOther', { n: 2 }));
        // escalation of P1: head of unit when overdue, then the regional coordinator 2 hours later
        const step0 = await text(page, 'escalation-P1-0');
        assert.ok(step0.includes(escalationLevelLabels.unit_head[locale]));
        assert.ok(step0.includes(label(locale, 'protocol.escalation.atDue')));
        const step1 = await text(page, 'escalation-P1-1');
        assert.ok(step1.includes(escalationLevelLabels.regional_coordinator[locale]));
        assert.equal(await text(page, 'escalation-P1-1-after'), fill(locale, 'protocol.escalation.hoursOther', { n: 2 }));
        assert.equal(await page.getByTestId('protocol-escalation-P4').locator('[data-testid^="escalation-P4-"][data-testid$="-after"]').count(), 2);
        assert.deepEqual(await untranslatedKeys(page), [], `every string of the protocol page is translated (${locale})`);
        if (locale === 'ru') {
          await screenshot(page, 'protocol-view.png');
        }
      }
      // the escalation section, further down
      await page.getByTestId('protocol-escalation').scrollIntoViewIfNeeded();
      assert.equal(await page.getByTestId('protocol-version-row-1').count(), 1, 'the versions are listed');

      // the editor is for administrators only
      await page.goto('/protocol/versions/1/edit');
      await page.locator('#page-title').waitFor({ state: 'visible' });
      assert.equal(((await page.locator('#page-title').textContent()) ?? '').trim(), label('en', 'notFound.title'));
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  await test('the administrator edits a draft with a live preview, meets a problem at its field, saves and activates it', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'en-GB' });
    // a wide screen: the preview stands beside the rules
    await page.setViewportSize({ width: 1680, height: 1000 });
    try {
      await signIn(page, 'admin', adminPassword());
      await switchLanguage(page, 'en');
      const active = await apiCall(page, 'GET', '/protocol');
      const from: number = active.version;

      await page.getByTestId('nav-protocol').click();
      await page.getByTestId('protocol-new-draft').click();
      await page.waitForURL(`**/protocol/versions/${from}/edit`);
      // the sample report (a child injured by the father) is a P2 with a medical examination within 24 h
      await page.locator('[data-testid="preview-priority"][data-priority="P2"]').waitFor({ state: 'visible' });
      const before = await dueOf(page, 'injured-medical');

      await page.getByTestId('protocol-tab-tasks').click();
      const row = page.locator('[data-rule-id="injured-medical"]');
      const rowId = (await row.getAttribute('data-testid')) ?? '';
      assert.match(rowId, /^task-rule-\d+$/);
      const deadline = page.getByTestId(`${rowId}-deadline`);
      assert.equal(await deadline.inputValue(), '24');
      await deadline.fill('6');
      // the preview follows: the examination is due 18 hours earlier
      await page.waitForFunction(
        ([id, was]) => {
          const due = document.querySelector(`[data-testid="preview-task-${id}"]`)?.getAttribute('data-due');
          return Boolean(due) && new Date(due ?? '').getTime() !== was;
        },
        ['injured-medical', before] as const,
      );
      assert.equal(before - (await dueOf(page, 'injured-medical')), 18 * 3_600_000);

      // an impossible deadline: the problem is shown at the field and listed on top, and nothing is saved
      await deadline.fill('99999');
      await page.getByTestId('protocol-save').click();
      const fieldError = page.getByTestId(`${rowId}-deadline-error`);
      await fieldError.waitFor({ state: 'visible' });
      assert.equal(((await fieldError.textContent()) ?? '').trim(), fill('en', 'protocol.problem.max', { n: 8760 }));
      assert.equal(await deadline.getAttribute('aria-invalid'), 'true');
      const summary = page.getByTestId('protocol-problems');
      await summary.waitFor({ state: 'visible' });
      assert.ok(((await summary.textContent()) ?? '').includes(`${fill('en', 'protocol.where.taskRule', { n: Number(rowId.split('-').at(-1)) + 1 })} (injured-medical)`));
      assert.equal(pathname(page), `/protocol/versions/${from}/edit`, 'no draft was created');

      await deadline.fill('6');
      await fieldError.waitFor({ state: 'detached' });
      await page.getByTestId('protocol-save').click();
      await page.waitForURL((url) => /^\/protocol\/versions\/\d+\/edit$/.test(url.pathname) && url.pathname !== `/protocol/versions/${from}/edit`);
      const draft = Number(pathname(page).split('/')[3]);
      assert.ok(draft > from, 'a new draft was saved');
      // the editor now edits the saved draft
      await page.waitForFunction((title) => document.getElementById('page-title')?.textContent?.trim() === title,
        fill('en', 'protocol.editor.titleDraft', { n: draft }));
      await page.locator('[data-testid="preview-priority"][data-priority="P2"]').waitFor({ state: 'visible' });
      assert.deepEqual(await untranslatedKeys(page), [], 'every string of the editor is translated');
      await screenshot(page, 'protocol-editor.png');

      await page.getByTestId('protocol-activate').click();
      await page.getByTestId('protocol-activate-confirm').click();
      await page.getByTestId('protocol-activated').waitFor({ state: 'visible' });
      assert.equal(pathname(page), '/protocol');
      assert.equal(await page.getByTestId('protocol-version').getAttribute('data-version'), String(draft));
      assert.equal(await text(page, 'response-P1-injured-medical-deadline'), fill('en', 'protocol.deadline.hoursOther', { n: 6 }));
      assert.ok((await text(page, `protocol-version-row-${from}`)).includes(label('en', 'protocol.status.retired')));
      assert.ok((await text(page, `protocol-version-row-${draft}`)).includes(label('en', 'protocol.status.active')));

      // leave the server as it was for the tests that follow: the previous definition in force again
      const previous = await apiCall(page, 'GET', `/protocol/versions/${from}`);
      const restored = await apiCall(page, 'POST', '/protocol/versions', { definition: previous.definition, note: 'e2e: restored' });
      await apiCall(page, 'POST', `/protocol/versions/${restored.version}/activate`);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  await test('the administrator manages units and routes a district to its own unit', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    await page.setViewportSize({ width: 1440, height: 900 });
    try {
      await signIn(page, 'admin', adminPassword());
      await switchLanguage(page, 'ru');
      await page.getByTestId('nav-units').click();
      await page.getByTestId('units-table').waitFor({ state: 'visible' });
      await page.getByTestId('units-filter-region').selectOption('KZ-75');
      await page.getByTestId('units-filter-agency').selectOption('police');
      await page.locator('[data-testid^="unit-row-"]').first().waitFor({ state: 'visible' });

      // a new district police unit
      await page.getByTestId('unit-create').click();
      await page.getByTestId('unit-form-agency').selectOption('police');
      await page.getByTestId('unit-form-name-kk').fill('Медеу аудандық полиция басқармасы');
      await page.getByTestId('unit-form-name-ru').fill('Управление полиции Медеуского района');
      await page.getByTestId('unit-form-name-en').fill('Medeu District Police Department');
      await page.getByTestId('unit-form-region').selectOption('KZ-75');
      const districtSelect = page.getByTestId('unit-form-district');
      // wait for Almaty's own districts (the list of the region chosen before may still be shown)
      await page.waitForFunction(() => [...(document.querySelector<HTMLSelectElement>('[data-testid="unit-form-district"]')?.options ?? [])]
        .some((o) => o.text.startsWith('Медеу')));
      const district = await districtSelect.evaluate((el) => [...(el as HTMLSelectElement).options].find((o) => o.text.startsWith('Медеу'))?.value ?? '');
      assert.ok(district, 'Almaty has districts');
      await districtSelect.selectOption(district);
      await page.getByTestId('unit-form-email').fill('medeu.police@example.kz');
      await page.getByTestId('unit-form-submit').click();
      await page.getByTestId('units-notice').waitFor({ state: 'visible' });

      // routing of Almaty: every demo agency is routed region-wide; the district gets the new unit
      await page.getByTestId('units-tab-routing').click();
      await page.getByTestId('routing-table').waitFor({ state: 'visible' });
      assert.notEqual(await page.getByTestId('routing-police-region').inputValue(), '', 'the police are routed in the region');
      assert.equal(await page.getByTestId('routing-hotline-unrouted').count(), 1, 'an agency without units is shown as not routed');
      await page.getByTestId('routing-police-add').click();
      await page.getByTestId('routing-police-add-district').selectOption(district);
      const unitId = await page.getByTestId('routing-police-add-unit').evaluate((el, name) =>
        [...(el as HTMLSelectElement).options].find((o) => o.text === name)?.value ?? '', 'Управление полиции Медеуского района');
      assert.ok(unitId, 'the new unit is offered for the district');
      await page.getByTestId('routing-police-add-unit').selectOption(unitId);
      const override = page.getByTestId(`routing-police-district-${district}`);
      await override.waitFor({ state: 'visible' });
      assert.equal(await override.inputValue(), unitId);
      assert.deepEqual(await untranslatedKeys(page), [], 'every string of the routing screen is translated');
      await page.getByTestId('units-notice').locator('button').click();
      await screenshot(page, 'units-routing.png');

      // the user form offers the units of the user's agency and region
      await page.getByTestId('nav-users').click();
      await page.getByTestId('user-actions-police.almaty').click();
      await page.getByTestId('user-edit-police.almaty').click();
      const unitSelect = page.getByTestId('user-form-unit');
      await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid="user-form-unit"]')?.value !== '');
      const offered = await unitSelect.evaluate((el) => [...(el as HTMLSelectElement).options].map((o) => o.value));
      assert.ok(offered.includes(unitId), 'the district unit is offered to a police user of Almaty');
      assert.ok(await page.getByTestId('user-form-unit-head').isChecked(), 'the demo police user heads the unit');
      const regionalUnit = await unitSelect.inputValue();
      await unitSelect.selectOption(unitId);
      await page.getByTestId('user-form-submit').click();
      await page.getByTestId('users-notice').waitFor({ state: 'visible' });

      // and back: the user in the regional unit, the district without its own rule
      const users = await apiCall(page, 'GET', '/users?q=police.almaty');
      const police = users.items.find((u: { username: string }) => u.username === 'police.almaty');
      assert.equal(police.unitId, unitId);
      await page.getByTestId('user-actions-police.almaty').click();
      await page.getByTestId('user-edit-police.almaty').click();
      await page.getByTestId('user-form-unit').selectOption(regionalUnit);
      await page.getByTestId('user-form-submit').click();
      await page.getByTestId('users-notice').waitFor({ state: 'visible' });
      await page.goto('/admin/units?tab=routing&region=KZ-75');
      await page.getByTestId(`routing-police-district-${district}`).waitFor({ state: 'visible' });
      await page.locator(`[data-testid="routing-police-override-${district}"] [data-testid^="routing-remove-"]`).click();
      await page.getByTestId(`routing-police-district-${district}`).waitFor({ state: 'detached' });
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
} finally {
  await browser.close();
}
