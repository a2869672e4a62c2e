// Background sweeps. Each runs on every instance; the work itself is guarded by advisory
// locks or row locks in PostgreSQL, so instances never act twice on the same row.
import { sealAudit } from './audit/chain.ts';
import type { Deps } from './deps.ts';
import { sendPendingEmails } from './notifications/mailer.ts';
import { sweepEscalations } from './tasks/escalation.ts';
import { sendDueReminders } from './tasks/reminders.ts';
import { refreshRollup } from './stats/rollup.ts';
import { applyRetention } from './retention/retention.ts';
import { refreshAllFlags, refreshTouchedFlags } from './warnings/rules.ts';
import { sweepReviewsDue } from './cases/reviews-due.ts';
import { nightlyLinkage } from './linkage/run.ts';

type Job = { name: string; everyMs: number; run(deps: Deps): Promise<unknown> };

export const JOBS: Job[] = [
  { name: 'audit-seal', everyMs: 1_000, run: (deps) => sealAudit(deps.db, deps.clock.now()) },
  // expired sessions, old login attempts, notifications, sent emails… (retention/retention.ts, docs/retention.md)
  { name: 'retention', everyMs: 60 * 60_000, run: (deps) => applyRetention(deps) },
  // every minute: overdue tasks climb their escalation chain (tasks/escalation.ts)
  { name: 'task-escalation', everyMs: 60_000, run: (deps) => sweepEscalations(deps) },
  { name: 'task-reminders', everyMs: 60_000, run: (deps) => sendDueReminders(deps) },
  // statistics: recount the days that changed (stats/rollup.ts)
  { name: 'stats-rollup', everyMs: 15_000, run: (deps) => refreshRollup(deps) },
  { name: 'email-outbox', everyMs: 10_000, run: (deps) => sendPendingEmails(deps) },
  // family cases whose review date came: their leads are told once (cases/reviews-due.ts)
  { name: 'case-reviews-due', everyMs: 15 * 60_000, run: (deps) => sweepReviewsDue(deps) },
  // early-warning flags for everyone: looked at every 5 minutes, recomputed when the last run is an hour old, by one instance (warnings/rules.ts)
  { name: 'risk-flags', everyMs: 5 * 60_000, run: (deps) => refreshAllFlags(deps) },
  // and every minute for the persons whose reports, cases, concerns or records changed (read from the audit log)
  { name: 'risk-flags-touched', everyMs: 60_000, run: (deps) => refreshTouchedFlags(deps) },
  // record linkage over the whole register, once a night between 02:00 and 05:00 (linkage/run.ts)
  { name: 'linkage-nightly', everyMs: 10 * 60_000, run: (deps) => nightlyLinkage(deps) },
];

/** Per process: when each job last finished, how long it took, how often it failed (for /metrics). */
export const JOB_STATS = new Map<string, { lastRunAt: number | null; lastDurationMs: number; failures: number }>(
  JOBS.map((j) => [j.name, { lastRunAt: null, lastDurationMs: 0, failures: 0 }]),
);

export function startJobs(deps: Deps): () => Promise<void> {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  for (const job of JOBS) {
    let busy = false;
    const tick = () => {
      if (busy || stopped) return;
      busy = true;
      const started = performance.now();
      const stats = JOB_STATS.get(job.name);
      const p = job.run(deps)
        .catch((err: unknown) => {
          if (stats) stats.failures += 1;
          deps.log.warn({ job: job.name, err: { message: (err as Error).message } }, 'background job failed');
        })
        .finally(() => {
          if (stats) { stats.lastRunAt = Date.now(); stats.lastDurationMs = performance.now() - started; }
          busy = false;
          running.delete(p);
        });
      running.add(p);
    };
    timers.push(setInterval(tick, job.everyMs));
  }
  return async () => {
    stopped = true;
    timers.forEach(clearInterval);
    await Promise.allSettled([...running]);
  };
}
