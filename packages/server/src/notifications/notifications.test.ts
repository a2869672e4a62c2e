import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Executor } from '../db/client.ts';
import { emailOutbox, notifications, users } from '../db/schema.ts';
import { createHarness, ManualClock, usingPostgres, type Harness, type TestUser } from '../test/harness.ts';
import { notify, type NotificationInput } from './service.ts';

const REPORT_NUMBER = '75-2026-000321';

/** Counts the statements a function sends through an executor. */
function counting(ex: Executor): { ex: Executor; count: () => number } {
  let n = 0;
  const ops = new Set(['select', 'insert', 'update', 'delete', 'execute']);
  const proxy = new Proxy(ex, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop === 'string' && ops.has(prop) && typeof value === 'function') {
        return (...args: unknown[]) => {
          n += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  });
  return { ex: proxy, count: () => n };
}

describe('notifications', () => {
  let h: Harness;
  let clock: ManualClock;
  let alice: TestUser; // email, Kazakh
  let bob: TestUser; // no email
  let carol: TestUser;
  const reportId = randomUUID();

  const send = (entries: NotificationInput[]) => h.deps.db.transaction((tx) => notify(tx, clock.now(), h.deps.config, entries));
  const entry = (userId: string, kind: NotificationInput['kind'], more: Partial<NotificationInput> = {}): NotificationInput => ({
    userId, kind, reportId, taskId: randomUUID(),
    params: { reportNumber: REPORT_NUMBER, action: 'decide_report', agencyType: 'education', dueAt: '2026-11-24T05:00:00Z' },
    ...more,
  });
  const inbox = (userId: string) => h.deps.db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(notifications.id);
  const mails = (to: string) => h.deps.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to)).orderBy(emailOutbox.id);

  beforeAll(async () => {
    clock = new ManualClock('2026-11-23T05:00:00Z');
    h = await createHarness({ clock, config: { publicUrl: 'https://qorgau.example.kz' } });
    alice = await h.user('school_specialist');
    bob = await h.user('police_inspector');
    carol = await h.user('guardianship_officer');
    await h.deps.db.update(users).set({ email: 'alice@school.example.kz', locale: 'kk' }).where(eq(users.id, alice.id));
    await h.deps.db.update(users).set({ email: 'carol@opeka.example.kz', locale: 'en' }).where(eq(users.id, carol.id));
  });
  afterAll(async () => { await h.close(); });

  describe('notify', () => {
    it('writes in-app rows for every kind and emails only the default kinds, to users with an address', async () => {
      await send([entry(alice.id, 'task_assigned'), entry(alice.id, 'task_new'), entry(bob.id, 'task_assigned')]);
      const a = await inbox(alice.id);
      expect(a.map((n) => n.kind)).toEqual(['task_assigned', 'task_new']);
      expect(a[0]).toMatchObject({ reportId, readAt: null, params: { reportNumber: REPORT_NUMBER, action: 'decide_report', agencyType: 'education', dueAt: '2026-11-24T05:00:00.000Z' } });
      expect((await inbox(bob.id)).map((n) => n.kind)).toEqual(['task_assigned']);
      const m = await mails('alice@school.example.kz');
      expect(m).toHaveLength(1);
      expect(m[0]).toMatchObject({ notificationId: a[0]!.id, attempts: 0, sentAt: null, subject: `Qorgau: Сізге тапсырма берілді · № ${REPORT_NUMBER}` });
      expect(m[0]!.nextAttemptAt.toISOString()).toBe(clock.now().toISOString());
      expect(m[0]!.messageId).toMatch(/^<[\w-]+@qorgau\.example\.kz>$/);
      expect(m[0]!.textBody).toContain(`https://qorgau.example.kz/reports/${reportId}`);
      expect(m[0]!.textBody).toContain('24.11.2026 10:00');
    });

    it('respects each user\'s preferences', async () => {
      const put = await h.call(carol, 'PUT', '/api/v1/notifications/preferences', [
        { kind: 'task_assigned', inApp: false, email: true },
        { kind: 'task_due_soon', inApp: true, email: true },
        { kind: 'report_closed', inApp: false, email: false },
      ]);
      expect(put.status, JSON.stringify(put.json)).toBe(200);
      await send([entry(carol.id, 'task_assigned'), entry(carol.id, 'task_due_soon'), entry(carol.id, 'report_closed'), entry(carol.id, 'task_escalated', { params: { level: 'unit_head', step: 1 } })]);
      expect((await inbox(carol.id)).map((n) => n.kind)).toEqual(['task_due_soon', 'task_escalated']);
      const m = await mails('carol@opeka.example.kz');
      expect(m.map((x) => x.subject)).toEqual([
        `Qorgau: A task was assigned to you · № ${REPORT_NUMBER}`,
        `Qorgau: Task due soon · № ${REPORT_NUMBER}`,
        'Qorgau: Overdue task escalated',
      ]);
      // an email without an in-app row points at no notification; with the report it still links there
      expect(m[0]!.notificationId).toBeNull();
      expect(m[2]!.textBody).toContain('Escalated to: Head of unit (step 1)');
      expect(m[2]!.textBody).toContain(`/reports/${reportId}`);
    });

    it('links to the inbox without a report, drops unknown parameters, repeats and inactive users', async () => {
      const dave = await h.user('health_worker');
      await h.deps.db.update(users).set({ email: 'dave@health.example.kz', active: false }).where(eq(users.id, dave.id));
      const odd = { reportNumber: 'Аружан Сейітова', action: 'dance', agencyType: 'police', childName: 'Аружан', step: -1 } as unknown as NotificationInput['params'];
      const taskId = randomUUID();
      await send([
        { userId: alice.id, kind: 'conference_invited', params: odd, reportId: null, taskId },
        { userId: alice.id, kind: 'conference_invited', params: odd, reportId: null, taskId },
        { userId: dave.id, kind: 'task_assigned', params: {}, taskId },
        { userId: randomUUID(), kind: 'task_assigned', params: {}, taskId },
      ]);
      const rows = (await inbox(alice.id)).filter((n) => n.taskId === taskId);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.params).toEqual({ agencyType: 'police' });
      const m = (await mails('alice@school.example.kz')).filter((x) => x.notificationId === rows[0]!.id);
      expect(m).toHaveLength(1);
      expect(m[0]!.textBody).toContain('https://qorgau.example.kz/inbox');
      expect(m[0]!.textBody).not.toContain('Аружан');
      expect(await inbox(dave.id)).toHaveLength(0);
      expect(await mails('dave@health.example.kz')).toHaveLength(0);
    });

    it('notifies hundreds of users in a few statements', async () => {
      const now = clock.now();
      const many = Array.from({ length: 400 }, (_, i) => ({
        username: `bulk${i}${randomBytes(3).toString('hex')}`, fullName: `Bulk ${i}`, passwordHash: 'x', role: 'police_inspector',
        email: i % 2 ? `bulk${i}@example.kz` : null, locale: (['kk', 'ru', 'en'] as const)[i % 3], createdAt: now, updatedAt: now, passwordChangedAt: now,
      }));
      const ids = (await h.deps.db.insert(users).values(many).returning({ id: users.id })).map((u) => u.id);
      const { ex, count } = counting(h.deps.db);
      await ex.transaction((tx) => {
        const inner = counting(tx);
        return notify(inner.ex, now, h.deps.config, ids.map((id) => entry(id, 'task_escalated', { params: { reportNumber: REPORT_NUMBER, level: 'regional_coordinator', step: 2 } })))
          .then(() => { expect(inner.count()).toBeLessThanOrEqual(7); });
      });
      expect(count()).toBe(0);
      const rows = await h.deps.db.select({ id: notifications.id }).from(notifications).where(inArray(notifications.userId, ids));
      expect(rows).toHaveLength(400);
      const emails = await h.deps.db.select({ id: emailOutbox.id, n: emailOutbox.notificationId }).from(emailOutbox)
        .where(inArray(emailOutbox.notificationId, rows.map((r) => r.id)));
      expect(emails).toHaveLength(200);
    });

    it('writes nothing when the caller\'s transaction rolls back', async () => {
      const taskId = randomUUID();
      await expect(h.deps.db.transaction(async (tx) => {
        await notify(tx, clock.now(), h.deps.config, [entry(alice.id, 'task_assigned', { taskId })]);
        throw new Error('rolled back');
      })).rejects.toThrow('rolled back');
      expect(await h.deps.db.select().from(notifications).where(and(eq(notifications.userId, alice.id), eq(notifications.taskId, taskId)))).toHaveLength(0);
    });
  });

  describe('API', () => {
    it('lists only the user\'s own notifications, newest first, page by page', async () => {
      const erin = await h.user('supervisor');
      for (let i = 0; i < 5; i++) {
        await send([entry(erin.id, 'task_new', { params: { reportNumber: `75-2026-00000${i}` } })]);
      }
      await send([entry(bob.id, 'task_new')]);
      const first = await h.call(erin, 'GET', '/api/v1/notifications?limit=3');
      expect(first.status, JSON.stringify(first.json)).toBe(200);
      expect(first.json.unread).toBe(5);
      expect(first.json.items.map((n: { params: { reportNumber: string } }) => n.params.reportNumber)).toEqual(['75-2026-000004', '75-2026-000003', '75-2026-000002']);
      expect(first.json.items[0]).toEqual({
        id: expect.any(Number), kind: 'task_new', params: { reportNumber: '75-2026-000004' }, reportId, taskId: expect.any(String),
        createdAt: clock.now().toISOString(), readAt: null,
      });
      const second = await h.call(erin, 'GET', `/api/v1/notifications?limit=3&cursor=${first.json.nextCursor}`);
      expect(second.json.items).toHaveLength(2);
      expect(second.json.nextCursor).toBeNull();

      const id = first.json.items[1].id as number;
      clock.advance(60_000);
      const read = await h.call(erin, 'POST', `/api/v1/notifications/${id}/read`);
      expect(read.status, JSON.stringify(read.json)).toBe(200);
      expect(read.json.readAt).toBe(clock.now().toISOString());
      clock.advance(60_000);
      // reading again keeps the first time
      expect((await h.call(erin, 'POST', `/api/v1/notifications/${id}/read`)).json.readAt).toBe(read.json.readAt);
      const unread = await h.call(erin, 'GET', '/api/v1/notifications?unread=true');
      expect(unread.json.unread).toBe(4);
      expect(unread.json.items.map((n: { id: number }) => n.id)).not.toContain(id);

      // someone else's notification does not exist for this user
      const bobs = (await inbox(bob.id)).at(-1)!;
      expect((await h.call(erin, 'POST', `/api/v1/notifications/${bobs.id}/read`)).status).toBe(404);
      expect((await h.call(erin, 'POST', '/api/v1/notifications/999999999/read')).status).toBe(404);
      expect((await inbox(bob.id)).at(-1)!.readAt).toBeNull();

      const all = await h.call(erin, 'POST', '/api/v1/notifications/read-all');
      expect(all.json).toEqual({ updated: 4 });
      expect((await h.call(erin, 'GET', '/api/v1/notifications')).json.unread).toBe(0);
    });

    it('rejects bad input with clear messages', async () => {
      const bad = async (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => {
        const res = await h.call(alice, method, url, body);
        expect(res.status, url).toBe(400);
        return res.json.error as { code: string; message: string };
      };
      expect((await bad('GET', '/api/v1/notifications?limit=1000')).message).toMatch(/limit/);
      expect((await bad('GET', '/api/v1/notifications?cursor=abc')).message).toMatch(/cursor/);
      expect((await bad('GET', '/api/v1/notifications?unread=yes')).message).toMatch(/unread/);
      expect((await bad('POST', '/api/v1/notifications/abc/read')).message).toMatch(/id/);
      expect((await bad('PUT', '/api/v1/notifications/preferences', [{ kind: 'gossip', inApp: true, email: true }])).message).toMatch(/kind/);
      expect((await bad('PUT', '/api/v1/notifications/preferences', [{ kind: 'task_new', inApp: 'yes', email: true }])).message).toMatch(/inApp/);
      expect((await bad('PUT', '/api/v1/notifications/preferences', []))).toMatchObject({ code: 'validation_failed' });
      expect((await bad('PUT', '/api/v1/notifications/preferences', [{ kind: 'task_new', inApp: true, email: true }, { kind: 'task_new', inApp: false, email: true }])).message).toMatch(/task_new is listed twice/);
      expect((await bad('PUT', '/api/v1/account/email', { email: 'not-an-address' })).message).toMatch(/email/);
      expect((await h.call(null, 'GET', '/api/v1/notifications')).status).toBe(401);
      expect((await h.call(null, 'GET', '/api/v1/notifications/stream')).status).toBe(401);
    });

    it('serves every kind\'s preference, the defaults where none was set', async () => {
      const res = await h.call(bob, 'GET', '/api/v1/notifications/preferences');
      expect(res.json).toEqual([
        { kind: 'task_new', inApp: true, email: false },
        { kind: 'task_assigned', inApp: true, email: true },
        { kind: 'task_escalated', inApp: true, email: true },
        { kind: 'task_due_soon', inApp: true, email: false },
        { kind: 'conference_invited', inApp: true, email: true },
        { kind: 'report_closed', inApp: true, email: false },
        { kind: 'concern_new', inApp: true, email: true },
        { kind: 'case_assigned', inApp: true, email: true },
        { kind: 'case_approval_requested', inApp: true, email: true },
        { kind: 'case_approval_decided', inApp: true, email: false },
        { kind: 'case_transfer_requested', inApp: true, email: true },
        { kind: 'case_review_due', inApp: true, email: false },
        { kind: 'referral_new', inApp: true, email: true },
        { kind: 'referral_answered', inApp: true, email: false },
      ]);
      const put = await h.call(bob, 'PUT', '/api/v1/notifications/preferences', [{ kind: 'task_new', inApp: false, email: true }]);
      expect(put.json[0]).toEqual({ kind: 'task_new', inApp: false, email: true });
      expect(put.json[1]).toEqual({ kind: 'task_assigned', inApp: true, email: true });
      const again = await h.call(bob, 'PUT', '/api/v1/notifications/preferences', [{ kind: 'task_new', inApp: true, email: false }]);
      expect(again.json[0]).toEqual({ kind: 'task_new', inApp: true, email: false });
    });

    it('lets users set and clear their own email address', async () => {
      expect((await h.call(bob, 'GET', '/api/v1/account/email')).json).toEqual({ email: null });
      const set = await h.call(bob, 'PUT', '/api/v1/account/email', { email: '  bob@police.example.kz ' });
      expect(set.status, JSON.stringify(set.json)).toBe(200);
      expect(set.json).toEqual({ email: 'bob@police.example.kz' });
      expect((await h.call(bob, 'GET', '/api/v1/account/email')).json).toEqual({ email: 'bob@police.example.kz' });
      await send([entry(bob.id, 'task_assigned')]);
      expect(await mails('bob@police.example.kz')).toHaveLength(1);
      expect((await h.call(bob, 'PUT', '/api/v1/account/email', { email: '' })).json).toEqual({ email: null });
      expect((await h.call(bob, 'PUT', '/api/v1/account/email', { email: null })).json).toEqual({ email: null });
    });
  });

  describe('live stream', () => {
    let base: string;
    beforeAll(async () => {
      await h.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    });

    /** Open the stream and read events from it. */
    async function open(headers: Record<string, string>) {
      const abort = new AbortController();
      const res = await fetch(`${base}/api/v1/notifications/stream`, { headers, signal: abort.signal });
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      const next = async (pattern: RegExp, ms = 5_000): Promise<string> => {
        const deadline = Date.now() + ms;
        while (!pattern.test(buffer)) {
          const left = deadline - Date.now();
          if (left <= 0) throw new Error(`timed out waiting for ${pattern}; got ${JSON.stringify(buffer)}`);
          const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), left))]);
          if (chunk?.done) throw new Error(`stream ended; got ${JSON.stringify(buffer)}`);
          if (chunk) buffer += chunk.value;
        }
        return buffer;
      };
      const events = () => [...buffer.matchAll(/id: (\d+)\nevent: notification\ndata: (.*)\n\n/g)].map((m) => JSON.parse(m[2]!) as { id: number; kind: string; params: Record<string, unknown> });
      return { res, next, events, close: () => abort.abort() };
    }

    it('pushes a notification to the signed-in user as soon as it commits', async () => {
      const stream = await open({ authorization: `Bearer ${alice.token}` });
      try {
        expect(stream.res.status).toBe(200);
        expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
        await stream.next(/: connected/);
        // someone else's notification first: it must not appear
        await send([entry(bob.id, 'task_assigned', { params: { reportNumber: '75-2026-999999' } })]);
        await send([entry(alice.id, 'task_escalated', { params: { reportNumber: '75-2026-000777', level: 'unit_head', step: 1 } })]);
        await stream.next(/event: notification/);
        const [got] = stream.events();
        expect(got).toMatchObject({ kind: 'task_escalated', params: { reportNumber: '75-2026-000777', level: 'unit_head', step: 1 }, readAt: null });
        const [row] = (await inbox(alice.id)).slice(-1);
        expect(got!.id).toBe(row!.id);

        await send([entry(alice.id, 'report_closed'), entry(bob.id, 'report_closed')]);
        await stream.next(/event: notification[\s\S]*event: notification/);
        expect(stream.events().map((e) => e.kind)).toEqual(['task_escalated', 'report_closed']);
        expect(JSON.stringify(stream.events())).not.toContain('999999');
      } finally {
        stream.close();
      }
    });

    it('works with the session cookie and catches up from Last-Event-ID', async () => {
      const before = (await inbox(alice.id)).at(-1)!.id;
      await send([entry(alice.id, 'task_due_soon', { params: { reportNumber: '75-2026-000888' } })]);
      const stream = await open({ cookie: `qorgau_session=${alice.token}`, 'last-event-id': String(before) });
      try {
        await stream.next(/event: notification/);
        expect(stream.events().map((e) => e.params.reportNumber)).toEqual(['75-2026-000888']);
      } finally {
        stream.close();
      }
    });

    it.runIf(usingPostgres)('delivers what another instance commits, and survives losing the listening connection', async () => {
      const other = await openDatabase({ databaseUrl: h.deps.database.pool!.options.connectionString, poolSize: 2 });
      const stream = await open({ authorization: `Bearer ${carol.token}` });
      try {
        await stream.next(/: connected/);
        await other.db.transaction((tx) => notify(tx, clock.now(), h.deps.config, [entry(carol.id, 'task_due_soon', { params: { reportNumber: '75-2026-000901' } })]));
        await stream.next(/75-2026-000901/);
        // the database drops the listener; what commits meanwhile arrives after it reconnects
        await other.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen%'`);
        await other.db.transaction((tx) => notify(tx, clock.now(), h.deps.config, [entry(carol.id, 'task_due_soon', { params: { reportNumber: '75-2026-000902' } })]));
        await stream.next(/75-2026-000902/, 10_000);
        await other.db.transaction((tx) => notify(tx, clock.now(), h.deps.config, [entry(carol.id, 'task_due_soon', { params: { reportNumber: '75-2026-000903' } })]));
        await stream.next(/75-2026-000903/);
        expect(stream.events().map((e) => e.params.reportNumber)).toEqual(['75-2026-000901', '75-2026-000902', '75-2026-000903']);
      } finally {
        stream.close();
        await other.close();
      }
    });

    it('ends open streams when the server shuts down', async () => {
      const stream = await open({ authorization: `Bearer ${bob.token}` });
      await stream.next(/: connected/);
      await h.app.close();
      await expect(stream.next(/never/)).rejects.toThrow(/stream ended/);
    });
  });
});
