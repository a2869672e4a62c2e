// Safeguarding concerns end to end: teacher.almaty logs a concern about a pupil with a body-map
// mark and signs out; the school's safeguarding lead (school.almaty) finds it through the bell and
// the queue, records an action and escalates it to a report in one step, landing on the report
// with its number and the protocol's tasks. Screenshots: concern-form.png, concern-review.png,
// concern-escalated.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  DEMO_PASSWORD, launchBrowser, newSession, screenshot, signIn, signOut, untranslatedKeys,
} from '../lib.ts';

const browser: Browser = await launchBrowser();

/** Mantine's chips hide their checkbox: click its label. */
async function toggleChip(page: Page, testId: string): Promise<void> {
  const id = await page.getByTestId(testId).getAttribute('id');
  await page.locator(`label[for="${id}"]`).click();
}
// a name of its own per run, so that repeated runs on one database do not find older concerns
const lastName = `Жұмабаева-${Date.now().toString(36).slice(-4)}`;

try {
  await test('a teacher logs a concern, the safeguarding lead escalates it to a report', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      // --- the teacher, in a minute
      await signIn(page, 'teacher.almaty', DEMO_PASSWORD);
      await page.getByTestId('nav-concerns').click();
      await page.getByTestId('concern-new').click();
      await page.getByTestId('concern-last-name').fill(lastName);
      await page.getByTestId('concern-first-name').fill('Томирис');
      await page.getByTestId('concern-birth-date').fill('2014-05-20');
      await page.getByTestId('concern-grade').fill('6А');
      await toggleChip(page, 'concern-category-injury');
      await toggleChip(page, 'concern-category-family_situation');
      await page.getByTestId('concern-description').fill('На перемене заметила синяк на левом предплечье, девочка закрывает руку рукавом. Сказала, что дома ругались.');
      await page.getByTestId('concern-child-words').fill('Папа кричал и схватил меня за руку');
      // a mark where the left forearm is on the front outline (the child's left is on the viewer's right)
      const front = page.getByTestId('body-map-front');
      const box = await front.boundingBox();
      assert.ok(box, 'the body map is shown');
      await front.click({ position: { x: box.width * 0.775, y: box.height * 0.38 } });
      await page.getByTestId('body-mark').first().waitFor();
      await page.getByTestId('body-mark-note').first().fill('синяк ~3 см, жёлто-синий');
      assert.equal(await page.getByTestId('body-marks').locator('select').first().inputValue(), 'arm_left', 'the region follows the click');
      assert.deepEqual(await untranslatedKeys(page), [], 'the form is translated');
      await screenshot(page, 'concern-form.png');
      await page.getByTestId('concern-submit').click();
      await page.getByTestId('concern-done').waitFor();
      await signOut(page);

      // --- the school's safeguarding lead
      await signIn(page, 'school.almaty', DEMO_PASSWORD);
      await page.getByTestId('notifications-bell').click();
      await page.getByTestId('notification-item').first().click();
      await page.getByTestId('concern-status').waitFor();
      assert.equal(await page.getByTestId('concern-status').getAttribute('data-status'), 'new');
      assert.match(await page.locator('#page-title').innerText(), new RegExp(lastName));
      // the queue lists it too, new first
      await page.getByTestId('nav-concerns').click();
      const row = page.locator('[data-testid="concern-row"]', { hasText: lastName });
      await row.waitFor();
      assert.equal(await page.getByTestId('concern-row').first().getAttribute('data-status'), 'new');
      await row.getByRole('link').click();
      await page.getByTestId('concern-action-kind').selectOption('talked_with_child');
      await page.getByTestId('concern-action-note').fill('Беседа в кабинете психолога, девочка подтвердила.');
      await page.getByTestId('concern-action-save').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="concern-status"]')?.getAttribute('data-status') === 'under_review');
      await page.getByTestId('chronology-entry').first().waitFor();
      assert.deepEqual(await untranslatedKeys(page), [], 'the concern page is translated');
      await screenshot(page, 'concern-review.png');

      await page.getByTestId('concern-escalate').click();
      await page.getByTestId('escalate-confirm').waitFor();
      // injury → physical is preselected; family situation offers psychological or witnessing
      assert.equal(await page.getByTestId('escalate-type-physical').isChecked(), true);
      await toggleChip(page, 'escalate-type-domestic_violence_witness');
      await page.getByTestId('escalate-confirm').click();
      await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
      const number = (await page.getByTestId('report-number').innerText()).trim();
      assert.match(number, /75-\d{4}-\d{6}/);
      await page.getByTestId('report-task-row').first().waitFor();
      assert.match(await page.getByTestId('report-narrative').innerText(), /Папа кричал/);
      // tall enough for the number at the top and the protocol's tasks further down
      await page.setViewportSize({ width: 1280, height: 1500 });
      await page.getByTestId('report-tasks-table').waitFor();
      await screenshot(page, 'concern-escalated.png');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });
} finally {
  await browser.close();
}
