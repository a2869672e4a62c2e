// Retention: how long operational records are kept, applied by a background job (every six
// hours on every instance; the deletes are idempotent). The rules are data, documented in
// docs/retention.md. The register itself (reports, persons, incidents, tasks, case history) and
// the audit trail are not deleted by Qorgau: how long child-protection records are kept is set
// by law and by the records schedule of the ministry, and the audit hash chain must stay whole.
import fs from 'node:fs';
import path from 'node:path';
import { and, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { emailOutbox, importBatches, loginAttempts, notifications, sessions } from '../db/schema.ts';

const DAY = 86_400_000;

export type RetentionRule = { name: string; keep: string; apply(deps: Deps, now: Date): Promise<number> };

async function count(p: Promise<unknown>): Promise<number> {
  const res = (await p) as { rowCount?: number | null; affectedRows?: number };
  return res.rowCount ?? res.affectedRows ?? 0;
}

export const RETENTION_RULES: RetentionRule[] = [
  {
    name: 'sessions', keep: 'until expiry or the idle timeout',
    apply: (deps, now) => count(deps.db.delete(sessions).where(sql`${sessions.expiresAt} < ${now.toISOString()}::timestamptz or ${sessions.lastSeenAt} < ${new Date(now.getTime() - deps.config.sessionIdleMinutes * 60_000).toISOString()}::timestamptz`)),
  },
  {
    name: 'login_attempts', keep: '24 hours (brute-force limits look back 15 minutes)',
    apply: (deps, now) => count(deps.db.delete(loginAttempts).where(lt(loginAttempts.at, new Date(now.getTime() - DAY)))),
  },
  {
    name: 'notifications_read', keep: '180 days after being read',
    apply: (deps, now) => count(deps.db.delete(notifications).where(and(isNotNull(notifications.readAt), lt(notifications.readAt, new Date(now.getTime() - 180 * DAY))))),
  },
  {
    name: 'notifications_unread', keep: '365 days',
    apply: (deps, now) => count(deps.db.delete(notifications).where(and(isNull(notifications.readAt), lt(notifications.createdAt, new Date(now.getTime() - 365 * DAY))))),
  },
  {
    name: 'email_outbox_sent', keep: '90 days after delivery (for delivery questions)',
    apply: (deps, now) => count(deps.db.delete(emailOutbox).where(and(isNotNull(emailOutbox.sentAt), lt(emailOutbox.sentAt, new Date(now.getTime() - 90 * DAY))))),
  },
  {
    name: 'import_dry_runs', keep: '90 days (real imports are kept with the register)',
    apply: (deps, now) => count(deps.db.delete(importBatches).where(and(sql`${importBatches.dryRun}`, lt(importBatches.at, new Date(now.getTime() - 90 * DAY))))),
  },
  {
    name: 'upload_leftovers', keep: '24 hours (partial uploads of a crashed instance in data/attachments/tmp)',
    apply: async (deps, now) => {
      const dir = path.join(deps.config.dataDir, 'attachments', 'tmp');
      if (!fs.existsSync(dir)) return 0;
      let removed = 0;
      for (const name of fs.readdirSync(dir)) {
        const file = path.join(dir, name);
        const stat = fs.statSync(file, { throwIfNoEntry: false });
        if (stat?.isFile() && stat.mtimeMs < now.getTime() - DAY) {
          fs.rmSync(file, { force: true });
          removed += 1;
        }
      }
      return removed;
    },
  },
];

/** Apply every rule; returns what each removed (names of rules, counts only). */
export async function applyRetention(deps: Deps): Promise<Record<string, number>> {
  const now = deps.clock.now();
  const out: Record<string, number> = {};
  for (const rule of RETENTION_RULES) out[rule.name] = await rule.apply(deps, now);
  return out;
}
