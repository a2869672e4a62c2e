import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENT } from '@qorgau/core';
import { cases, notifications } from '../db/schema.ts';
import { createHarness, ManualClock, type Harness } from '../test/harness.ts';
import { sweepReviewsDue } from './reviews-due.ts';

describe('reviews on a schedule', () => {
  let h: Harness;
  const clock = new ManualClock('2026-11-23T05:00:00Z');
  beforeAll(async () => { h = await createHarness({ clock }); });
  afterAll(async () => { await h.close(); });

  it('tells the lead once when the review date comes, and again for the next date only', async () => {
    const lead = await h.user('guardianship_officer', { regionCode: 'KZ-75' });
    const coordinator = await h.user('regional_coordinator', { regionCode: 'KZ-75' });
    const c = (await h.call(lead, 'POST', '/api/v1/cases', {
      kind: 'patronage', summary: 's', reviewIntervalDays: 30,
      members: [{ person: { lastName: 'Тестова', firstName: 'Айя', birthDate: '2016-01-01' }, relation: 'child', subject: true }],
    })).json;
    await h.call(lead, 'POST', `/api/v1/cases/${c.id}/assessments`, { items: Object.fromEntries(DEFAULT_INSTRUMENT.items.map((i) => [i.code, i.options[0]!.code])) });
    await h.call(lead, 'POST', `/api/v1/cases/${c.id}/status`, { to: 'plan' });
    const goal = (await h.call(lead, 'POST', `/api/v1/cases/${c.id}/plan`, { kind: 'goal', title: 'g' })).json.plan[0].id;
    await h.call(lead, 'POST', `/api/v1/cases/${c.id}/plan`, { kind: 'action', goalId: goal, title: 'a' });
    const asked = (await h.call(lead, 'POST', `/api/v1/cases/${c.id}/approvals`, { kind: 'plan' })).json;
    const approved = (await h.call(coordinator, 'POST', `/api/v1/cases/${c.id}/approvals/${asked.approvals[0].id}/decision`, { decision: 'approved' })).json;
    expect(approved.nextReviewOn).toBe('2026-12-23');
    const due = () => h.deps.db.select().from(notifications).where(eq(notifications.kind, 'case_review_due'));
    expect(await sweepReviewsDue(h.deps)).toBe(0);
    clock.advance(30 * 86_400_000);
    expect(await sweepReviewsDue(h.deps)).toBe(1);
    expect(await sweepReviewsDue(h.deps)).toBe(0);
    expect((await due()).map((n) => [n.userId, n.params])).toEqual([[lead.id, { caseId: c.id, caseNumber: c.number }]]);
    // the next review date (a review was held): told again when it comes
    await h.deps.db.update(cases).set({ nextReviewOn: '2027-01-22' }).where(eq(cases.id, c.id));
    clock.advance(31 * 86_400_000);
    expect(await sweepReviewsDue(h.deps)).toBe(1);
    expect(await due()).toHaveLength(2);
  });
});
