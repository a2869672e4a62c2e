// Reviews on a schedule: when a case in progress reaches its next review date, its lead is told
// once (an event per due date; row locks keep several instances from telling twice).
import { and, inArray, lte, sql } from 'drizzle-orm';
import { caseEvents, cases } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { notify } from '../notifications/service.ts';
import { kzDate } from '../stats/rollup.ts';

export async function sweepReviewsDue(deps: Deps, limit = 500): Promise<number> {
  const now = deps.clock.now();
  const today = kzDate(now);
  return deps.db.transaction(async (tx) => {
    const due = await tx.select({ id: cases.id, number: cases.number, leadUserId: cases.leadUserId, nextReviewOn: cases.nextReviewOn }).from(cases)
      .where(and(inArray(cases.status, ['in_progress']), lte(cases.nextReviewOn, today),
        sql`not exists (select 1 from ${caseEvents} e where e.case_id = ${cases.id} and e.kind = 'review_due' and e.details->>'on' = ${cases.nextReviewOn}::text)`))
      .orderBy(cases.nextReviewOn).limit(limit).for('update', { skipLocked: true });
    if (!due.length) return 0;
    await tx.insert(caseEvents).values(due.map((c) => ({ caseId: c.id, at: now, userId: null, kind: 'review_due', details: { on: c.nextReviewOn } })));
    await notify(tx, now, deps.config, due.map((c) => ({ userId: c.leadUserId, kind: 'case_review_due' as const, params: { caseId: c.id, caseNumber: c.number } })));
    return due.length;
  });
}
