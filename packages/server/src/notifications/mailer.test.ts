import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/client.ts';
import { emailOutbox, users } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { createHarness, ManualClock, sampleReport, usingPostgres, type Harness, type TestUser } from '../test/harness.ts';
import { backoffMs, sendPendingEmails } from './mailer.ts';
import { notify, type NotificationInput } from './service.ts';
import { TestSmtp } from './test-smtp.ts';

describe('email outbox', () => {
  let h: Harness;
  let clock: ManualClock;
  let operator: TestUser;
  let inspector: TestUser;
  let report: { id: string; number: string };
  const smtp = new TestSmtp();

  const withSmtp = (url: string | undefined, base: Deps = h.deps): Deps => ({ ...base, config: { ...base.config, smtpUrl: url } });
  const queue = (entries: NotificationInput[]) => h.deps.db.transaction((tx) => notify(tx, clock.now(), h.deps.config, entries));
  const assigned = (userId: string): NotificationInput => ({
    userId, kind: 'task_assigned', reportId: report.id, taskId: null,
    params: { reportNumber: report.number, action: 'home_visit', agencyType: 'police', dueAt: '2026-11-24T05:00:00Z' },
  });
  const outbox = () => h.deps.db.select().from(emailOutbox).orderBy(emailOutbox.id);

  beforeAll(async () => {
    clock = new ManualClock('2026-11-23T05:00:00Z');
    h = await createHarness({ clock, config: { publicUrl: 'https://qorgau.example.kz' } });
    operator = await h.user('hotline_operator');
    inspector = await h.user('police_inspector');
    await h.deps.db.update(users).set({ email: 'inspector@police.example.kz', locale: 'ru' }).where(eq(users.id, inspector.id));
    const created = await h.call(operator, 'POST', '/api/v1/reports', sampleReport());
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    report = { id: created.json.id, number: created.json.number };
    await smtp.start();
  });
  afterAll(async () => {
    await smtp.stop();
    await h.close();
  });
  beforeEach(async () => {
    await h.deps.db.delete(emailOutbox);
    smtp.received.length = 0;
  });

  it('backs off 30 s, doubling, at most 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000]);
  });

  it('delivers an email to the right address, with the subject, Message-ID and link, and no names', async () => {
    await queue([assigned(inspector.id)]);
    const [queued] = await outbox();
    expect(queued).toMatchObject({ toAddress: 'inspector@police.example.kz', attempts: 0, sentAt: null });

    expect(await sendPendingEmails(withSmtp(smtp.url))).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['inspector@police.example.kz']);
    expect(mail.from).toBe('no-reply@qorgau.local');
    expect(mail.messageId).toBe(queued!.messageId);
    expect(mail.subject).toBe(`Qorgau: Вам назначена задача · № ${report.number}`);
    expect(mail.text).toContain('Задача: Посещение семьи, осмотр ребёнка');
    expect(mail.text).toContain('Срок: 24.11.2026 10:00');
    expect(mail.text).toContain(`https://qorgau.example.kz/reports/${report.id}`);
    for (const secret of ['Аружан', 'Сейітова', 'Болат', 'Сейітов', 'крики', 'Соседи']) expect(mail.raw + mail.text + mail.subject).not.toContain(secret);

    const [row] = await outbox();
    expect(row).toMatchObject({ attempts: 1, lastError: null });
    expect(row!.sentAt?.toISOString()).toBe(clock.now().toISOString());
    // nothing is sent twice
    clock.advance(3_600_000);
    expect(await sendPendingEmails(withSmtp(smtp.url))).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('keeps the mail queued while the SMTP server is down, then delivers it exactly once', async () => {
    const down = await new TestSmtp().start();
    const port = down.port;
    await down.stop();
    const url = `smtp://127.0.0.1:${port}`;
    await queue([assigned(inspector.id)]);

    expect(await sendPendingEmails(withSmtp(url))).toEqual({ sent: 0, failed: 1 });
    let [row] = await outbox();
    expect(row).toMatchObject({ attempts: 1, sentAt: null });
    expect(row!.lastError).toMatch(/ECONN|ESOCKET|refused/i);
    expect(row!.lastError).not.toContain('inspector@');
    expect(row!.nextAttemptAt.getTime() - clock.now().getTime()).toBe(30_000);

    // not due yet: left alone
    clock.advance(10_000);
    expect(await sendPendingEmails(withSmtp(url))).toEqual({ sent: 0, failed: 0 });
    // the second failure waits twice as long
    clock.advance(21_000);
    expect(await sendPendingEmails(withSmtp(url))).toEqual({ sent: 0, failed: 1 });
    [row] = await outbox();
    expect(row).toMatchObject({ attempts: 2, sentAt: null });
    expect(row!.nextAttemptAt.getTime() - clock.now().getTime()).toBe(60_000);

    const back = await new TestSmtp().start(port);
    try {
      clock.advance(59_000);
      expect(await sendPendingEmails(withSmtp(url))).toEqual({ sent: 0, failed: 0 });
      clock.advance(2_000);
      expect(await sendPendingEmails(withSmtp(url))).toEqual({ sent: 1, failed: 0 });
      clock.advance(3_600_000);
      expect(await sendPendingEmails(withSmtp(url))).toEqual({ sent: 0, failed: 0 });
      expect(back.received).toHaveLength(1);
      expect(back.received[0]!.messageId).toBe(row!.messageId);
      [row] = await outbox();
      expect(row).toMatchObject({ attempts: 3 });
      expect(row!.sentAt).not.toBeNull();
    } finally {
      await back.stop();
    }
  });

  it('with the mail server down for an hour, delivers every email afterwards, none twice', async () => {
    const down = await new TestSmtp().start();
    const port = down.port;
    await down.stop();
    const url = `smtp://127.0.0.1:${port}`;
    const deps = withSmtp(url);
    // the job runs every 10 s (jobs.ts) through the hour; notifications keep arriving meanwhile
    let queued = 0;
    for (let t = 0; t < 3600; t += 10) {
      if (t % 600 === 0) { await queue([assigned(inspector.id)]); queued += 1; }
      const r = await sendPendingEmails(deps);
      expect(r.sent).toBe(0);
      clock.advance(10_000);
    }
    expect(queued).toBe(6);
    expect((await outbox()).every((m) => m.sentAt === null && m.attempts > 0)).toBe(true);

    const back = await new TestSmtp().start(port);
    try {
      // the longest backoff is 15 minutes: within it, everything goes out once
      for (let t = 0; t < 16 * 60; t += 10) {
        await sendPendingEmails(deps);
        clock.advance(10_000);
      }
      const rows = await outbox();
      expect(rows.every((m) => m.sentAt !== null)).toBe(true);
      expect(back.received).toHaveLength(queued);
      expect(new Set(back.received.map((m) => m.messageId)).size).toBe(queued);
      expect(back.received.map((m) => m.messageId).sort()).toEqual(rows.map((m) => m.messageId).sort());
    } finally {
      await back.stop();
    }
  }, 120_000);

  it('never sends a row twice when two instances run the job at once', async () => {
    const n = 27;
    // several mails to the same address (one user, many tasks)
    await queue(Array.from({ length: n }, (_, i) => ({ ...assigned(inspector.id), taskId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` })));
    // a second instance: on PostgreSQL its own connection pool; PGlite has one connection and serialises
    let second: Database | null = null;
    let other = h.deps;
    if (usingPostgres) {
      second = await openDatabase({ databaseUrl: h.deps.database.pool!.options.connectionString, poolSize: 4 });
      other = { ...h.deps, database: second, db: second.db };
    }
    try {
      const results = await Promise.all([sendPendingEmails(withSmtp(smtp.url)), sendPendingEmails(withSmtp(smtp.url, other)), sendPendingEmails(withSmtp(smtp.url))]);
      expect(results.reduce((a, r) => a + r.sent, 0)).toBe(n);
      expect(results.every((r) => r.failed === 0)).toBe(true);
    } finally {
      await second?.close();
    }
    expect(smtp.received).toHaveLength(n);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(n);
    const rows = await outbox();
    expect(rows.every((r) => r.sentAt && r.attempts === 1)).toBe(true);
  });

  it('without QORGAU_SMTP_URL leaves mail queued and says so once', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, new Writable({ write(chunk: Buffer, _enc, cb) { lines.push(chunk.toString()); cb(); } }));
    const deps: Deps = { ...withSmtp(undefined), log };
    await queue([assigned(inspector.id)]);
    expect(await sendPendingEmails(deps)).toEqual({ sent: 0, failed: 0 });
    expect(await sendPendingEmails(deps)).toEqual({ sent: 0, failed: 0 });
    expect(lines.filter((l) => l.includes('QORGAU_SMTP_URL'))).toHaveLength(1);
    const [row] = await outbox();
    expect(row).toMatchObject({ attempts: 0, sentAt: null });
  });

  it('logs failures without addresses or contents', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, new Writable({ write(chunk: Buffer, _enc, cb) { lines.push(chunk.toString()); cb(); } }));
    await queue([assigned(inspector.id)]);
    const refusing = { sendMail: () => Promise.reject(Object.assign(new Error('550 5.1.1 <inspector@police.example.kz>: no such user'), { code: 'EENVELOPE', responseCode: 550 })) };
    expect(await sendPendingEmails({ ...h.deps, log }, refusing)).toEqual({ sent: 0, failed: 1 });
    const text = lines.join('\n');
    expect(text).toContain('EENVELOPE');
    expect(text).not.toContain('inspector@');
    expect(text).not.toContain(report.number);
    const [row] = await outbox();
    expect(row!.lastError).toBe('EENVELOPE 550 5.1.1 <[address]>: no such user');
    await h.deps.db.execute(sql`update email_outbox set sent_at = now()`);
  });
});
