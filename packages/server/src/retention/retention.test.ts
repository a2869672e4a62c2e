import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox, importBatches, loginAttempts, notifications, sessions } from '../db/schema.ts';
import { createHarness, ManualClock, type Harness } from '../test/harness.ts';
import { applyRetention, RETENTION_RULES } from './retention.ts';

const DAY = 86_400_000;

describe('retention', () => {
  let h: Harness;
  let dataDir: string;
  const clock = new ManualClock(new Date('2026-11-23T06:00:00Z'));

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgau-retention-'));
    h = await createHarness({ clock, config: { dataDir } });
  });
  afterAll(async () => {
    await h.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('removes what is past its rule and keeps everything else', async () => {
    const now = clock.now().getTime();
    const at = (days: number) => new Date(now - days * DAY);
    const user = await h.user('hotline_operator');
    const db = h.deps.db;
    await db.insert(notifications).values([
      { userId: user.id, kind: 'task_new', createdAt: at(200), readAt: at(181) }, // read long ago: removed
      { userId: user.id, kind: 'task_new', createdAt: at(200), readAt: at(10) }, // read recently: kept
      { userId: user.id, kind: 'task_new', createdAt: at(366) }, // unread, over a year: removed
      { userId: user.id, kind: 'task_new', createdAt: at(300) }, // unread: kept
    ]);
    await db.insert(emailOutbox).values([
      { messageId: '<a@q>', toAddress: 'a@example.kz', subject: 's', textBody: 't', createdAt: at(100), nextAttemptAt: at(100), sentAt: at(91) },
      { messageId: '<b@q>', toAddress: 'b@example.kz', subject: 's', textBody: 't', createdAt: at(100), nextAttemptAt: at(100), sentAt: at(89) },
      { messageId: '<c@q>', toAddress: 'c@example.kz', subject: 's', textBody: 't', createdAt: at(200), nextAttemptAt: at(1) }, // never sent: kept
    ]);
    await db.insert(loginAttempts).values([
      { username: 'x', ip: '10.0.0.1', at: at(2), success: false },
      { username: 'x', ip: '10.0.0.1', at: at(0.5), success: false },
    ]);
    await db.insert(importBatches).values([
      { kind: 'reports', fileName: 'a.csv', dryRun: true, rows: 1, created: 0, skipped: 0, errors: 0, userId: user.id, at: at(91) },
      { kind: 'reports', fileName: 'b.csv', dryRun: false, rows: 1, created: 1, skipped: 0, errors: 0, userId: user.id, at: at(400) },
    ]);
    const tmp = path.join(dataDir, 'attachments', 'tmp');
    fs.mkdirSync(tmp, { recursive: true });
    fs.writeFileSync(path.join(tmp, 'old.part'), 'x');
    fs.utimesSync(path.join(tmp, 'old.part'), at(2), at(2));
    fs.writeFileSync(path.join(tmp, 'new.part'), 'x');
    fs.utimesSync(path.join(tmp, 'new.part'), at(0.1), at(0.1));
    const sessionsBefore = (await db.select().from(sessions)).length;

    const removed = await applyRetention(h.deps);
    expect(removed).toMatchObject({
      notifications_read: 1, notifications_unread: 1, email_outbox_sent: 1, login_attempts: 1, import_dry_runs: 1, upload_leftovers: 1, sessions: 0,
    });
    expect(Object.keys(removed).sort()).toEqual(RETENTION_RULES.map((r) => r.name).sort());
    expect((await db.select().from(notifications)).length).toBe(2);
    expect((await db.select().from(emailOutbox)).map((e) => e.messageId).sort()).toEqual(['<b@q>', '<c@q>']);
    expect((await db.select().from(importBatches)).map((b) => b.fileName)).toEqual(['b.csv']);
    expect(fs.readdirSync(tmp)).toEqual(['new.part']);
    expect((await db.select().from(sessions)).length).toBe(sessionsBefore);

    // a second run finds nothing more; sessions go once they are idle past the timeout
    clock.advance(h.deps.config.sessionIdleMinutes * 60_000 + 1);
    const again = await applyRetention(h.deps);
    expect(again.notifications_read).toBe(0);
    expect(again.sessions).toBe(sessionsBefore);
    expect((await h.call(user, 'GET', '/api/v1/auth/me')).status).toBe(401);
  });
});
