// Family case files end to end, from a report to closure with approval: guardian.almaty (head of
// the Almaty social-protection unit) registers a report of domestic violence, opens a family case
// from it, adds the mother to the household, assesses the family (risk level and its reasons on
// screen), moves to planning, adds a goal with an action and asks for the plan's approval;
// coordinator.almaty finds it among the cases awaiting approval and approves; health.almaty adds a
// health fact; the guardian records a home visit and a note, starts a review, records it and asks
// for closure with a reason; school.almaty sees the case but not its health section; the
// coordinator approves the closure and the history shows every step.
// Screenshots: cases-list.png, case-assessment.png, case-plan-approval.png, case-closed.png (and
// case-closed-kk.png, case-closed-en.png), case-history.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  DEMO_PASSWORD, apiLogin, baseUrl, label, launchBrowser, newSession, screenshot, signIn, switchLanguage, untranslatedKeys,
} from '../lib.ts';

const browser: Browser = await launchBrowser();

// names of their own per run, so that repeated runs on one database do not find older rows
const tag = Date.now().toString(36).slice(-4);
const childLastName = `Жақсылықова-${tag}`;
const motherLastName = `Жақсылықова-${tag}`;
const HEALTH_TOPIC = `Диспансерный учёт ${tag}`;

/** The guardian registers the report through the API (the report screens have their own tests). */
async function registerReport(): Promise<{ id: string; number: string }> {
  const token = await apiLogin('guardian.almaty');
  const response = await fetch(`${baseUrl()}/api/v1/reports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      channel: 'guardianship',
      regionCode: 'KZ-75',
      narrative: 'Соседи сообщают: в семье отчим систематически бьёт девочку 9 лет, мать выпивает. Девочка боится идти домой.',
      reporter: { anonymous: false, lastName: 'Ахметова', firstName: 'Роза', relation: 'neighbour', phone: '+7 701 555 0202' },
      screening: { immediateDanger: false, childInjured: true, perpetratorHasAccess: true },
      incidents: [{
        types: ['physical'], place: 'home',
        victims: [{ lastName: childLastName, firstName: 'Амина', middleName: null, birthDate: '2016-09-14', sex: 'female', iin: null }],
        perpetrators: [{ relation: 'stepparent', sex: 'male' }],
      }],
    }),
  });
  const body = (await response.json()) as { id: string; number: string };
  assert.equal(response.status, 201, JSON.stringify(body));
  return body;
}

/** The school of school.almaty: the child goes there, so that the school's specialist sees the case. */
async function demoSchool(): Promise<{ schoolId: string; districtCode: string }> {
  const token = await apiLogin('school.almaty');
  const response = await fetch(`${baseUrl()}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  const { user } = (await response.json()) as { user: { schoolId: string | null; districtCode: string | null } };
  assert.ok(user.schoolId && user.districtCode, 'school.almaty works at a school');
  return { schoolId: user.schoolId, districtCode: user.districtCode };
}

/** Mantine's chips hide their checkbox: click its label. */
async function toggleChip(page: Page, testId: string): Promise<void> {
  const id = await page.getByTestId(testId).getAttribute('id');
  await page.locator(`label[for="${id}"]`).click();
}

async function waitForCaseStatus(page: Page, status: string): Promise<void> {
  await page.waitForFunction((s) => document.querySelector('[data-testid="case-status"]')?.getAttribute('data-status') === s, status);
}

/** Signs in and makes sure the screens are in Russian (a user's language is kept from an earlier session). */
async function signInRu(page: Page, username: string): Promise<void> {
  await signIn(page, username, DEMO_PASSWORD);
  if (await page.evaluate(() => document.documentElement.lang) !== 'ru') await switchLanguage(page, 'ru');
}

/** The list's filters live in the address: a click navigates, and the box follows a moment later. */
async function setFilter(page: Page, testId: string, on: boolean): Promise<void> {
  await page.getByTestId(testId).click();
  await page.waitForFunction(([id, v]) => document.querySelector<HTMLInputElement>(`[data-testid="${id}"]`)?.checked === v, [testId, on] as const);
}

async function openTab(page: Page, tab: string): Promise<void> {
  await page.getByTestId(`case-tab-${tab}`).click();
}

try {
  const report = await registerReport();
  const school = await demoSchool();
  let caseId = '';
  let caseNumber = '';

  await test('the guardian opens a case from the report, assesses the family and asks for the plan to be approved', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await signInRu(page, 'guardian.almaty');
      await page.goto(`/reports/${report.id}`);
      await page.getByTestId('report-open-case').click();
      await page.waitForURL(/\/cases\/new\?reportId=/);
      // the report's child is the case's child; she goes to school.almaty's school
      await page.getByTestId('case-form-member-0-picked').waitFor();
      assert.match(await page.getByTestId('case-form-member-0-picked').innerText(), new RegExp(childLastName));
      assert.equal(await page.getByTestId('case-form-member-0-subject').isChecked(), true);
      await page.getByTestId('case-form-member-0-occupation').selectOption('studying');
      await page.getByTestId('case-form-member-0-school-district').selectOption(school.districtCode);
      await page.locator(`[data-testid="case-form-member-0-school"] option[value="${school.schoolId}"]`).waitFor({ state: 'attached' });
      await page.getByTestId('case-form-member-0-school').selectOption(school.schoolId);
      assert.equal(await page.getByTestId('case-form-region').inputValue(), 'KZ-75', 'the region comes from the report');
      // the summary is required: the form says so before anything is sent
      await page.getByTestId('case-form-submit').click();
      await page.locator('[data-testid="case-form-summary"][aria-invalid="true"]').waitFor();
      await page.getByTestId('case-form-summary').fill('Физическое насилие со стороны отчима, мать злоупотребляет алкоголем. Нужна оценка безопасности девочки и поддержка матери.');
      await page.getByTestId('case-form-address').fill('г. Алматы, мкр. Айнабулак-3, д. 12, кв. 45');
      await toggleChip(page, 'case-form-agency-education');
      await toggleChip(page, 'case-form-agency-health');
      assert.deepEqual(await untranslatedKeys(page), [], 'the form is translated');
      await page.getByTestId('case-form-submit').click();
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      caseId = page.url().split('/').pop() ?? '';
      await waitForCaseStatus(page, 'open');
      caseNumber = /CF-\d{2}-\d{4}-\d{6}/.exec(await page.locator('#page-title').innerText())?.[0] ?? '';
      assert.match(caseNumber, /^CF-75-\d{4}-\d{6}$/, 'the case number is shown');

      // the household: the child from the report, and the mother entered as a new person
      await openTab(page, 'household');
      await page.getByTestId('case-member').first().waitFor();
      assert.equal(await page.getByTestId('case-member').count(), 1);
      await page.getByTestId('case-member-add').click();
      await page.getByTestId('case-new-member-mode').getByText(label('ru', 'cases.member.new')).click();
      await page.getByTestId('case-new-member-person-last').fill(motherLastName);
      await page.getByTestId('case-new-member-person-first').fill('Гүлмира');
      await page.getByTestId('case-new-member-person-birth').fill('1990-03-02');
      await page.getByTestId('case-new-member-relation').selectOption('mother');
      await page.getByTestId('case-new-member-occupation').selectOption('working');
      await page.getByTestId('case-member-save').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="case-member"]').length === 2);
      assert.equal(await page.locator('[data-testid="case-member"][data-relation="mother"]').count(), 1);

      // the assessment: a threat with a safety plan, three weighted factors, the rest "No"
      await page.getByTestId('case-start-assessment').click();
      await waitForCaseStatus(page, 'assessment');
      await openTab(page, 'assessment');
      await page.getByTestId('assess-threat-child_afraid').check();
      await page.getByTestId('assess-safety-plan').check();
      await page.getByTestId('assess-item-domestic_violence-yes').check();
      await page.getByTestId('assess-item-substance_abuse-current').check();
      await page.getByTestId('assess-item-harsh_discipline-yes').check();
      await page.getByTestId('assess-rest-no').click();
      // the result is previewed before it is saved
      await page.getByTestId('assess-preview').waitFor();
      await page.getByTestId('assess-submit').click();
      const result = page.getByTestId('case-assessment-result');
      await result.waitFor();
      assert.equal(await result.getAttribute('data-level'), 'moderate', '2 + 2 + 2 = 6 reaches the moderate threshold (4)');
      assert.equal(await page.getByTestId('case-assessment-result-score').innerText(), '6');
      const reasons = await page.getByTestId('case-assessment-result-reasons').innerText();
      assert.match(reasons, /Бытовое насилие в семье: Да \(\+2\)/, 'each weighted factor is a reason in words');
      assert.match(reasons, /Ребёнок боится возвращаться домой/, 'the threat is a reason');
      assert.match(reasons, /порога 4/, 'the threshold is a reason');
      assert.equal(await page.getByTestId('case-risk').getAttribute('data-level'), 'moderate', 'the case carries the level');
      await page.getByTestId('case-risk-chart').waitFor();
      assert.deepEqual(await untranslatedKeys(page), [], 'the assessment is translated');
      await page.setViewportSize({ width: 1280, height: 1100 });
      await page.getByTestId('case-assessment-latest').scrollIntoViewIfNeeded();
      await screenshot(page, 'case-assessment.png');
      await page.setViewportSize({ width: 1280, height: 800 });

      // planning: a goal with an action, then the approval request
      await page.getByTestId('case-to-plan').click();
      await waitForCaseStatus(page, 'plan');
      await openTab(page, 'plan');
      await page.getByTestId('case-goal-title').fill('Девочка в безопасности дома, наказания без насилия');
      await page.getByTestId('case-goal-agency').selectOption('social_protection');
      await page.getByTestId('case-goal-save').click();
      await page.getByTestId('case-goal').waitFor();
      await page.getByTestId('case-action-add').click();
      await page.getByTestId('case-action-title').fill('Курс для родителей «Воспитание без насилия», 8 занятий');
      await page.getByTestId('case-action-agency').selectOption('education');
      await page.getByTestId('case-action-due').fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
      await page.getByTestId('case-action-save').click();
      await page.getByTestId('case-action').waitFor();
      await page.getByTestId('case-request-plan-approval').click();
      await page.getByTestId('case-approval-banner').waitFor();
      // the requester does not decide her own request, though she heads the unit
      await page.getByTestId('case-approval-waiting').waitFor();
      assert.equal(await page.getByTestId('case-approve').count(), 0);
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });

  await test('the regional coordinator finds the plan among those awaiting approval and approves it', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await signInRu(page, 'coordinator.almaty');
      await page.getByTestId('nav-cases').click();
      await page.getByTestId('cases-table').waitFor();
      await setFilter(page, 'cases-filter-approval', true);
      const row = page.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`);
      await row.waitFor();
      assert.equal(await row.getByTestId('case-row-pending').count(), 1);
      await setFilter(page, 'cases-filter-approval', false);
      await row.waitFor();
      assert.deepEqual(await untranslatedKeys(page), [], 'the list is translated');
      await screenshot(page, 'cases-list.png');

      await setFilter(page, 'cases-filter-approval', true);
      await row.getByRole('link').click();
      await page.getByTestId('case-approval-banner').waitFor();
      assert.equal(await page.getByTestId('case-approval-banner').getAttribute('data-kind'), 'plan');
      await openTab(page, 'plan');
      await page.getByTestId('case-action').waitFor();
      await screenshot(page, 'case-plan-approval.png');
      await page.getByTestId('case-approve').click();
      await waitForCaseStatus(page, 'in_progress');
      assert.equal(await page.getByTestId('case-approval-banner').count(), 0);
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });

  await test('a health worker on the case adds a health fact', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await signInRu(page, 'health.almaty');
      await page.goto(`/cases/${caseId}?tab=facts`);
      await page.getByTestId('case-fact-form').waitFor();
      await page.getByTestId('case-fact-section').selectOption('health');
      await page.getByTestId('case-fact-topic').fill(HEALTH_TOPIC);
      await page.getByTestId('case-fact-body').fill('Состоит на учёте у невролога, последние 6 месяцев приёмы пропущены.');
      await page.getByTestId('case-fact-save').click();
      await page.locator('[data-testid="case-fact"][data-section="health"]', { hasText: HEALTH_TOPIC }).waitFor();
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });

  await test('the guardian visits the family, writes a note, reviews the case and asks to close it', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await signInRu(page, 'guardian.almaty');
      await page.goto(`/cases/${caseId}?tab=visits`);
      await waitForCaseStatus(page, 'in_progress');
      await page.getByTestId('case-visit-visitors').fill('Нұрланова С. (органы опеки), Ким Н. (поликлиника №5)');
      await page.getByTestId('case-visit-observations').fill('Отчим проживает отдельно. В квартире чисто, продукты есть. Девочка спокойна, посещает школу.');
      await page.getByTestId('case-visit-save').click();
      await page.getByTestId('case-visit').waitFor();

      await openTab(page, 'notes');
      await page.getByTestId('case-note-body').fill('Мать начала посещать группу поддержки, просит помочь с трудоустройством.');
      await page.getByTestId('case-note-sensitivity').selectOption('restricted');
      await page.getByTestId('case-note-save').click();
      await page.locator('[data-testid="case-note"][data-sensitivity="restricted"]').waitFor();

      // the lead sees the health fact (the lead sees every section)
      await openTab(page, 'facts');
      await page.locator('[data-testid="case-fact"][data-section="health"]', { hasText: HEALTH_TOPIC }).waitFor();

      await page.getByTestId('case-start-review').click();
      await waitForCaseStatus(page, 'review');
      await page.getByTestId('case-go-review').click();
      await page.getByTestId('case-review-decision').selectOption('close');
      await page.getByTestId('case-review-summary').fill('Цели плана достигнуты: насилие прекратилось, мать прошла курс, девочка в безопасности.');
      await page.getByTestId('case-review-save').click();
      await page.locator('[data-testid="case-review"][data-decision="close"]').waitFor();
      await waitForCaseStatus(page, 'review');

      await page.getByTestId('case-request-closure').click();
      await page.getByTestId('case-closure-submit').click();
      // reason and note are required
      await page.locator('[data-testid="case-closure-note"][aria-invalid="true"]').waitFor();
      await page.getByTestId('case-closure-reason').selectOption('goals_achieved');
      await page.getByTestId('case-closure-note').fill('Риск снижен до низкого, семья продолжит получать поддержку центра без сопровождения.');
      await page.getByTestId('case-closure-submit').click();
      await page.locator('[data-testid="case-approval-banner"][data-kind="closure"]').waitFor();
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });

  await test('the school on the case does not see its health section', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await signInRu(page, 'school.almaty');
      await page.goto(`/cases/${caseId}?tab=facts`);
      const hidden = page.getByTestId('case-hidden-sections');
      await hidden.waitFor();
      assert.match(await hidden.getAttribute('data-sections') ?? '', /\bhealth\b/);
      assert.equal(await page.locator('[data-testid="case-fact"][data-section="health"]').count(), 0);
      assert.equal(await page.getByText(HEALTH_TOPIC).count(), 0, 'the health fact is nowhere on the page');
      assert.equal(await page.getByTestId('case-facts-health').count(), 0);
      // and the approval is not the school's to decide
      assert.equal(await page.getByTestId('case-approve').count(), 0);
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });

  await test('the coordinator approves the closure; the history shows every step', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await signInRu(page, 'coordinator.almaty');
      await page.goto(`/cases/${caseId}`);
      await page.locator('[data-testid="case-approval-banner"][data-kind="closure"]').waitFor();
      await page.getByTestId('case-approve').click();
      await waitForCaseStatus(page, 'closed');
      assert.equal(await page.getByTestId('case-stepper').getAttribute('data-status'), 'closed');
      assert.match(await page.getByTestId('case-close-reason').innerText(), /Цели достигнуты/);
      // both decisions are on record
      assert.equal(await page.locator('[data-testid="case-approval-row"][data-decision="approved"]').count(), 2);
      assert.equal(await page.getByTestId('case-reopen').count(), 1, 'a closed case can be reopened');
      await page.setViewportSize({ width: 1280, height: 1300 });
      await page.evaluate(() => window.scrollTo(0, 0));
      assert.deepEqual(await untranslatedKeys(page), [], 'the closed case is translated');
      await screenshot(page, 'case-closed.png');
      for (const locale of ['kk', 'en'] as const) {
        await switchLanguage(page, locale);
        await page.getByTestId('case-approvals').waitFor();
        assert.deepEqual(await untranslatedKeys(page), [], `the closed case is translated (${locale})`);
        await screenshot(page, `case-closed-${locale}.png`);
      }
      await switchLanguage(page, 'ru');

      await openTab(page, 'history');
      await page.getByTestId('case-event').first().waitFor();
      const events = await page.getByTestId('case-event').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}${e.getAttribute('data-to') ? `:${e.getAttribute('data-to')}` : ''}`));
      const expected = [
        'opened:open', 'member_added', 'status:assessment', 'assessed', 'status:plan', 'plan_item_added', 'plan_item_added', 'approval_requested', 'approved',
        'status:in_progress', 'fact', 'visit', 'note', 'status:review', 'reviewed', 'approval_requested', 'approved', 'status:closed',
      ];
      // every step, in order (other events may sit between them)
      let at = 0;
      for (const e of events) if (e === expected[at]) at += 1;
      assert.equal(at, expected.length, `history in order: ${events.join(', ')}`);
      assert.deepEqual(await untranslatedKeys(page), [], 'the history is translated');
      await page.setViewportSize({ width: 1280, height: 1900 });
      await screenshot(page, 'case-history.png');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });
} finally {
  await browser.close();
}
