// Every refusal of a signed-in user is audited as `denied`: the ones the services audit with the
// record's id, and every other 403 centrally, with the route and the id from the path — once each.
import { and, eq, gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../db/schema.ts';
import { createHarness, multipartFile, sampleReport, type Harness, type TestUser } from '../test/harness.ts';

describe('refusals are audited', () => {
  let h: Harness;
  let teacher: TestUser;
  let operator: TestUser;
  beforeAll(async () => {
    h = await createHarness();
    teacher = await h.user('teacher', { regionCode: 'KZ-75' });
    operator = await h.user('hotline_operator');
  }, 120_000);
  afterAll(() => h.close());

  const mark = async () => Number((await h.deps.db.select({ id: sql<number>`coalesce(max(${auditLog.id}), 0)` }).from(auditLog))[0]?.id ?? 0);
  const deniedSince = (from: number, userId: string) => h.deps.db.select().from(auditLog)
    .where(and(gt(auditLog.id, from), eq(auditLog.userId, userId), eq(auditLog.action, 'denied')));

  it('audits a write the role may not make, with the route and the record id, once', async () => {
    const report = await h.call(operator, 'POST', '/api/v1/reports', sampleReport());
    expect(report.status).toBe(201);
    const from = await mark();
    const res = await h.call(teacher, 'POST', '/api/v1/users', { username: 'x.y', password: 'Long-enough-pass-1', role: 'admin', fullName: 'X' });
    expect(res.status).toBe(403);
    const [entry, ...more] = await deniedSince(from, teacher.id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ entityType: 'request', entityId: null, details: { method: 'POST', route: '/api/v1/users', reason: 'forbidden' } });
    expect(entry?.requestId).toBeTruthy();
  });

  it('does not audit twice what a service audited itself', async () => {
    const report = await h.call(operator, 'POST', '/api/v1/reports', sampleReport());
    const member = await h.user('commission_member', { regionCode: 'KZ-75' });
    expect((await h.call(member, 'GET', `/api/v1/reports/${report.json.id}`)).status).toBe(200);
    const from = await mark();
    const body = multipartFile('act.txt', Buffer.from('Акт обследования.'));
    const res = await h.app.inject({ method: 'POST', url: `/api/v1/reports/${report.json.id}/attachments`, headers: { authorization: `Bearer ${member.token}`, 'content-type': body.contentType }, payload: body.payload });
    expect(res.statusCode).toBe(403);
    const entries = await deniedSince(from, member.id);
    expect(entries.map((e) => [e.entityType, e.details])).toEqual([['attachment', { reportId: report.json.id, reason: 'capability' }]]);
  });

  it('does not audit a refusal before sign-in', async () => {
    const from = await mark();
    const anonymous = await h.call(null, 'GET', '/api/v1/users');
    expect(anonymous.status).toBe(401);
    expect(await h.deps.db.select().from(auditLog).where(and(gt(auditLog.id, from), eq(auditLog.action, 'denied')))).toEqual([]);
  });
});
