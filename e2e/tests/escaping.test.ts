// Hostile text shown escaped (issue 8): markup typed into the free text of concerns, prevention
// sessions, workforce records and family cases is stored verbatim and shown as text on every
// screen that displays it — no script runs, no element is injected. (The intake form and the
// report page are covered by intake.test.ts.)
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { apiLogin, baseUrl, DEMO_PASSWORD, launchBrowser, newSession, signIn } from '../lib.ts';

const browser: Browser = await launchBrowser();
after(() => browser.close());

const MARKUP = `<script>window.__qorgauXss = 1</script><b id="bold-injected">bold</b><img src="x" onerror="window.__qorgauXss = 2">`;
const tagged = (where: string) => `${where} ${MARKUP}`;

async function api<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl()}/api/v1${path}`, {
    method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const json = await response.json() as T;
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Opens the page, waits for the marked text, and checks it is text: nothing ran, nothing was injected. */
async function assertEscaped(page: Page, path: string, marker: string): Promise<void> {
  await page.goto(path);
  await page.getByText(marker, { exact: false }).first().waitFor({ state: 'visible', timeout: 20_000 });
  const shown = await page.evaluate(() => document.body.innerText);
  assert.ok(shown.includes('<b id="bold-injected">bold</b>'), `${path}: the markup is shown as text`);
  assert.equal(await page.evaluate(() => (window as unknown as { __qorgauXss?: number }).__qorgauXss), undefined, `${path}: no script ran`);
  assert.equal(await page.locator('#bold-injected').count(), 0, `${path}: no element was injected`);
}

await test('markup in concerns, prevention, workforce and family cases is stored verbatim and shown escaped', async () => {
  const teacher = await apiLogin('teacher.almaty');
  const lead = await apiLogin('school.almaty');
  const coordinator = await apiLogin('coordinator.almaty');
  const guardian = await apiLogin('guardian.almaty');

  // a concern: description, the child's words, a body-map note
  const concern = await api<{ id: string; description: string }>(teacher, 'POST', '/concerns', {
    child: { lastName: 'Тестова', firstName: 'Экранирование', birthDate: '2014-02-02', sex: 'female' },
    categories: ['other'], observedAt: new Date(Date.now() - 3_600_000).toISOString(),
    description: tagged('CONCERN-DESC'), childWords: tagged('CONCERN-WORDS'),
    bodyMap: [{ view: 'front', region: 'head', x: 0.5, y: 0.1, note: tagged('CONCERN-NOTE') }],
  });
  assert.equal(concern.description, tagged('CONCERN-DESC'), 'stored verbatim');

  // a prevention session at the lead's school
  const me = await api<{ user: { schoolId: string } }>(lead, 'GET', '/auth/me');
  const programmes = await api<{ items: { id: string }[] }>(lead, 'GET', '/prevention/programmes');
  await api(lead, 'POST', '/prevention/sessions', {
    programmeId: programmes.items[0]?.id, schoolId: me.user.schoolId, heldOn: new Date().toISOString().slice(0, 10),
    topic: tagged('SESSION-TOPIC'), facilitatorType: 'ngo', facilitatorName: tagged('SESSION-FACILITATOR'), participants: { 7: 20 },
  });

  // a specialist of that school
  await api(coordinator, 'POST', '/workforce/specialists', { schoolId: me.user.schoolId, kind: 'psychologist', fullName: tagged('SPECIALIST'), fte: 0.5 });

  // a family case: summary, a member's name as written, a note, a visit, a plan goal
  const opened = await api<{ id: string; summary: string }>(guardian, 'POST', '/cases', {
    kind: 'patronage', summary: tagged('CASE-SUMMARY'), address: tagged('CASE-ADDRESS'),
    members: [{ person: { lastName: '<i>Фамилия</i>', firstName: 'CASE-CHILD', birthDate: '2015-05-05' }, relation: 'child', subject: true }],
  });
  assert.equal(opened.summary, tagged('CASE-SUMMARY'), 'stored verbatim');
  await api(guardian, 'POST', `/cases/${opened.id}/notes`, { sensitivity: 'normal', body: tagged('CASE-NOTE') });
  await api(guardian, 'POST', `/cases/${opened.id}/visits`, { visitedOn: new Date().toISOString().slice(0, 10), visitors: tagged('CASE-VISITORS'), childrenSeen: true, observations: tagged('CASE-VISIT') });
  await api(guardian, 'POST', `/cases/${opened.id}/plan`, { kind: 'goal', title: tagged('CASE-GOAL') });

  const { page, pageErrors } = await newSession(browser, { locale: 'ru' });
  await signIn(page, 'school.almaty', DEMO_PASSWORD);
  await assertEscaped(page, `/concerns/${concern.id}`, 'CONCERN-DESC');
  await assertEscaped(page, '/prevention/sessions', 'SESSION-TOPIC');

  await page.context().clearCookies();
  await signIn(page, 'coordinator.almaty', DEMO_PASSWORD);
  await assertEscaped(page, `/schools/${me.user.schoolId}`, 'SPECIALIST');

  await page.context().clearCookies();
  await signIn(page, 'guardian.almaty', DEMO_PASSWORD);
  await assertEscaped(page, `/cases/${opened.id}`, 'CASE-SUMMARY');
  for (const marker of ['CASE-NOTE', 'CASE-VISIT', 'CASE-GOAL']) {
    // the case page may show these on tabs: open the tab that holds the text if it is not on screen
    if (!(await page.evaluate((m) => document.body.innerText.includes(m), marker))) {
      const tab = { 'CASE-NOTE': 'case-tab-notes', 'CASE-VISIT': 'case-tab-visits', 'CASE-GOAL': 'case-tab-plan' }[marker] as string;
      if (await page.getByTestId(tab).count()) await page.getByTestId(tab).click();
    }
    await page.getByText(marker, { exact: false }).first().waitFor({ state: 'visible', timeout: 10_000 });
  }
  assert.equal(await page.evaluate(() => (window as unknown as { __qorgauXss?: number }).__qorgauXss), undefined);
  assert.equal(await page.locator('#bold-injected').count(), 0);
  assert.deepEqual(pageErrors, []);
  await page.context().close();
});
