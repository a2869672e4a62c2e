// Response tasks end to end: the operator registers a P1 report (sexual violence at a school in
// Almaty) through the API; the head of the Almaty police unit finds the urgent task in the inbox
// and assigns it; the inspector takes it, records an action, attaches an act and completes it; the
// report page shows the task done and the timeline; the regional coordinator holds a case
// conference with a follow-up task, and closing the report is refused while mandatory tasks are
// open. Screenshots: inbox.png, task-page.png, report-timeline.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agencyTypeLabels } from '@qorgau/core';
import type { Browser, Page } from 'playwright-core';
import {
  DEMO_PASSWORD, apiLogin, baseUrl, label, launchBrowser, newSession, screenshot, signIn, signOut, switchLanguage, untranslatedKeys, type Locale,
} from '../lib.ts';

const browser: Browser = await launchBrowser();

async function apiGet(token: string, path: string): Promise<any> {
  const response = await fetch(`${baseUrl()}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200, `GET ${path}`);
  return response.json();
}

async function apiPost(token: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl()}/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** The operator registers a P1 report: a pupil sexually abused by a member of staff at an Almaty school. */
async function registerUrgentReport(): Promise<{ id: string; number: string; task: { id: string; dueAt: string } }> {
  const token = await apiLogin('operator');
  const districts = (await apiGet(token, '/reference/districts?regionCode=KZ-75')).items;
  let district = '';
  let school = '';
  for (const d of districts) {
    const schools = (await apiGet(token, `/reference/schools?districtCode=${d.code}`)).items;
    if (schools.length) {
      district = d.code;
      school = schools[0].id;
      break;
    }
  }
  assert.ok(school, 'a demo school in Almaty');
  const created = await apiPost(token, '/reports', {
    channel: 'hotline',
    regionCode: 'KZ-75',
    districtCode: district,
    narrative: 'Учительница сообщает: ученица 5 класса рассказала, что сотрудник школы её трогал и угрожал. Девочка боится идти в школу.',
    reporter: { anonymous: false, lastName: 'Омарова', firstName: 'Айжан', relation: 'teacher', phone: '+7 701 555 0101' },
    screening: { immediateDanger: true, childInjured: false, perpetratorHasAccess: true },
    incidents: [{
      types: ['sexual'], place: 'school', districtCode: district, schoolId: school,
      victims: [{ lastName: 'Сәрсенова', firstName: 'Аружан', middleName: null, birthDate: '2015-04-02', sex: 'female', iin: null }],
      perpetrators: [{ relation: 'school_staff', sex: 'male' }],
    }],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const report = created.body;
  assert.equal(report.priority, 'P1', 'immediate danger makes it P1');
  const task = report.tasks.find((t: any) => t.agencyType === 'police' && t.action === 'immediate_response');
  assert.ok(task, `a police task to respond at once (${report.tasks.map((t: any) => `${t.agencyType}/${t.action}`).join(', ')})`);
  return { id: report.id, number: report.number, task };
}

/** Waits until the element matched by `selector` carries `data-status="status"`. */
async function waitForStatus(page: Page, selector: string, status: string): Promise<void> {
  await page.waitForFunction(([sel, s]) => document.querySelector(sel)?.getAttribute('data-status') === s, [selector, status] as const);
}

const row = (page: Page, taskId: string) => page.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`);

try {
  const report = await registerUrgentReport();

  await test('the head of the police unit sees the urgent task in the inbox and assigns it to an inspector', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await signIn(page, 'police.almaty', DEMO_PASSWORD);
      await page.getByTestId('nav-inbox').click();
      await page.getByTestId('inbox-table').waitFor();
      await row(page, report.task.id).waitFor();

      await screenshot(page, 'inbox.png');
      // the most urgent first: overdue, then by due time; ours is due within two hours
      await page.getByTestId('inbox-filter-priority').selectOption('P1');
      await page.waitForURL(/priority=P1/);
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="task-row"]')].every((r) => r.getAttribute('data-priority') === 'P1'));
      await row(page, report.task.id).waitFor();
      const rows = await page.getByTestId('task-row').evaluateAll((els) => els.map((el) => ({
        id: el.getAttribute('data-task-id'),
        dueAt: el.getAttribute('data-due-at') ?? '',
        urgency: el.querySelector('[data-testid="task-time-left"]')?.getAttribute('data-urgency'),
      })));
      assert.deepEqual(rows.map((r) => r.dueAt), rows.map((r) => r.dueAt).sort(), 'earliest due first');
      const first = rows.findIndex((r) => r.urgency !== 'overdue');
      assert.ok(rows.slice(0, first).every((r) => r.urgency === 'overdue'), 'overdue tasks come first');
      const ours = rows.findIndex((r) => r.id === report.task.id);
      assert.ok(rows.slice(first, ours).every((r) => r.urgency === 'soon'), 'only tasks due even sooner come before ours');
      const timeLeft = row(page, report.task.id).getByTestId('task-time-left');
      assert.equal(await timeLeft.getAttribute('data-urgency'), 'soon', 'due within two hours: shown as urgent');
      assert.match((await timeLeft.textContent()) ?? '', /^осталось (1 ч( \d+ мин)?|\d+ мин)$/, 'time left in words');
      assert.equal(await row(page, report.task.id).getByTestId('task-row-report').textContent(), report.number);

      // every text of the inbox is translated, in the three languages
      for (const locale of ['kk', 'en', 'ru'] as const satisfies readonly Locale[]) {
        await switchLanguage(page, locale);
        await page.waitForFunction((title) => document.getElementById('page-title')?.textContent === title, label(locale, 'tasks.title'));
        assert.deepEqual(await untranslatedKeys(page), [], `the inbox is translated (${locale})`);
      }

      await row(page, report.task.id).getByTestId('task-row-link').click();
      await page.getByTestId('task-facts').waitFor();
      assert.deepEqual(await untranslatedKeys(page), [], 'the task page is translated');
      const select = page.getByTestId('task-assign-select');
      await page.waitForFunction(() => (document.querySelector<HTMLSelectElement>('[data-testid="task-assign-select"]')?.options.length ?? 0) > 1);
      await select.selectOption({ label: 'Әсел Серікова' });
      await page.getByTestId('task-assign-submit').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="task-assignee"]')?.textContent === 'Әсел Серікова');
      await waitForStatus(page, '[data-testid="task-status"]', 'accepted');
      assert.equal(await page.locator('[data-testid="task-event"][data-kind="assigned"]').count(), 1, 'the assignment is in the history');
      await signOut(page);
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });

  await test('the inspector takes the task, records an action, attaches an act and completes it', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await signIn(page, 'inspector.almaty', DEMO_PASSWORD);
      await page.goto('/inbox?scope=mine');
      await row(page, report.task.id).waitFor();
      assert.equal(await row(page, report.task.id).getByTestId('task-row-assignee').textContent(), 'Әсел Серікова');
      await row(page, report.task.id).getByTestId('task-row-link').click();
      await page.getByTestId('task-yours').waitFor();

      await page.getByTestId('task-accept').click();
      await page.locator('[data-testid="task-event"][data-kind="accepted"]').waitFor();
      await page.getByTestId('task-accept').waitFor({ state: 'detached' });

      await page.getByTestId('task-action-note').fill('Выехали в школу в 11:40. Девочка с матерью, в безопасности. Сотрудник отстранён от работы, опрошен.');
      await page.getByTestId('task-action-submit').click();
      await page.locator('[data-testid="task-event"][data-kind="action"]').waitFor();
      assert.match((await page.getByTestId('task-event-note').first().textContent()) ?? '', /Выехали в школу/);

      await page.locator('input[type="file"]').setInputFiles({ name: 'akt-vyezda.txt', mimeType: 'text/plain', buffer: Buffer.from('Акт выезда на место. Ребёнок в безопасности.\n', 'utf8') });
      await page.getByTestId('task-attachment-upload').click();
      await page.getByTestId('task-attachments').waitFor();
      assert.match((await page.getByTestId('task-attachments').textContent()) ?? '', /akt-vyezda\.txt/);

      await page.getByTestId('task-complete-outcome').selectOption('child_safe');
      await page.getByTestId('task-complete-note').fill('Ребёнок в безопасности, материалы переданы для регистрации в ЕРДР.');
      await page.getByTestId('task-complete-submit').click();
      await page.getByTestId('confirm-ok').click();
      await waitForStatus(page, '[data-testid="task-status"]', 'done');
      await page.getByTestId('task-outcome').waitFor();
      assert.equal(await page.getByTestId('task-work').count(), 0, 'nothing left to do on a finished task');
      const kinds = await page.getByTestId('task-event').evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')));
      assert.deepEqual(kinds, ['created', 'assigned', 'accepted', 'action', 'action', 'completed']);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.setViewportSize({ width: 1280, height: 1300 });
      await screenshot(page, 'task-page.png');
      await page.setViewportSize({ width: 1280, height: 800 });

      // the report: the task is done, and the timeline tells the story
      await page.getByTestId('task-report-link').click();
      await page.getByTestId('report-tasks-table').waitFor();
      await waitForStatus(page, `[data-testid="report-task-row"][data-task-id="${report.task.id}"]`, 'done');
      await page.getByTestId('timeline').waitFor();
      const timeline = await page.getByTestId('timeline-item').evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')));
      for (const kind of ['report_created', 'task_created', 'task_assigned', 'task_accepted', 'task_action', 'task_completed']) {
        assert.ok(timeline.includes(kind), `the timeline shows ${kind} (${timeline.join(', ')})`);
      }
      assert.ok(timeline.indexOf('report_created') < timeline.indexOf('task_completed'), 'oldest first');
      await signOut(page);
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });

  await test('the coordinator holds a case conference with a follow-up task; closing waits for mandatory tasks', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await signIn(page, 'coordinator.almaty', DEMO_PASSWORD);
      await page.goto(`/reports/${report.id}`);
      await page.getByTestId('report-conferences').waitFor();
      await page.getByTestId('conferences-none').waitFor();

      await page.getByTestId('conference-schedule-open').click();
      await page.getByTestId('conference-kind').selectOption('interagency');
      await page.getByTestId('conference-location').fill('Акимат Алмалинского района, каб. 204');
      await page.getByTestId('conference-agenda').fill('План защиты ребёнка, психологическая помощь, меры в школе.');
      await page.getByTestId('conference-schedule-submit').click();
      const card = page.getByTestId('conference-card');
      await card.waitFor();
      assert.equal(await card.getAttribute('data-status'), 'scheduled');
      const invited = (await card.getByTestId('conference-participants').textContent()) ?? '';
      for (const agency of ['police', 'social_protection', 'education', 'health'] as const) {
        assert.ok(invited.includes(agencyTypeLabels[agency].ru), `the agencies working on the report are invited (${agency})`);
      }

      await card.getByTestId('conference-record-open').click();
      await page.getByTestId('conference-decisions').fill('1. Психологическое сопровождение девочки. 2. Органу опеки — посетить семью и оценить безопасность. 3. Школе — служебная проверка.');
      await page.getByTestId('followup-add').click();
      await page.getByTestId('followup-0-agency').selectOption('social_protection');
      await page.getByTestId('followup-0-action').selectOption('follow_up');
      await page.getByTestId('followup-0-instructions').fill('Повторный визит в семью через неделю, отчёт координатору.');
      await page.getByTestId('conference-record-submit').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="conference-card"]')?.getAttribute('data-status') === 'held');
      await page.getByTestId('conference-followup').waitFor();
      assert.match((await page.getByTestId('conference-decisions-text').textContent()) ?? '', /Психологическое сопровождение/);
      // the follow-up is a task of the report now
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="report-task-row"]')].some((r) => r.textContent?.includes('Исполнение решения')));
      await page.locator('[data-testid="timeline-item"][data-kind="conference_held"]').waitFor();
      await page.locator('[data-testid="timeline-item"][data-kind="conference_scheduled"]').waitFor();

      // closing is refused while mandatory tasks are open, and says which
      await page.getByTestId('status-select').selectOption('closed');
      await page.getByTestId('closing-warning').waitFor();
      await page.getByTestId('status-reason').fill('Проверка завершена');
      await page.getByTestId('status-submit').click();
      await page.getByTestId('closing-blocked').waitFor();
      assert.ok((await page.getByTestId('closing-blocked-task').count()) >= 5, 'the open mandatory tasks are listed');
      assert.match((await page.getByTestId('closing-blocked').textContent()) ?? '', /Посещение семьи, осмотр ребёнка/);
      assert.equal(await page.getByTestId('report-status').textContent(), label('ru', 'report.status.in_progress'));

      // a tall window so that the picture shows the whole timeline
      await page.setViewportSize({ width: 1280, height: 1700 });
      await page.getByTestId('report-timeline').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 72));
      await screenshot(page, 'report-timeline.png');
      await page.setViewportSize({ width: 1280, height: 800 });

      // the conference calendar of the region lists it among the held ones
      await page.getByTestId('nav-conferences').click();
      await page.getByTestId('conferences-status').selectOption('held');
      await page.getByTestId('conferences-table').waitFor();
      assert.match((await page.getByTestId('conferences-table').textContent()) ?? '', /Акимат Алмалинского района/);
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });

  await test('the regional coordinator sees timeliness by agency', async () => {
    const { context, page, pageErrors } = await newSession(browser, { locale: 'ru-RU' });
    try {
      await signIn(page, 'coordinator.almaty', DEMO_PASSWORD);
      await page.getByTestId('nav-timeliness').click();
      await page.getByTestId('timeliness-table').waitFor();
      await page.getByTestId('timeliness-row').first().waitFor();
      const police = page.locator('[data-testid="timeliness-row"][data-key="police"]');
      await police.waitFor();
      assert.deepEqual(await untranslatedKeys(page), [], 'the timeliness page is translated');
      await page.getByTestId('timeliness-group').selectOption('region');
      await page.locator('[data-testid="timeliness-row"][data-key="KZ-75"]').waitFor();
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });
} finally {
  await browser.close();
}
