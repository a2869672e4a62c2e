// The structured safety and risk assessment of a case: the instrument is versioned data (one
// active version; assessments keep the version they used), each assessment is kept, and the
// case's risk level follows the latest one.
import {
  checkAnswers, DEFAULT_INSTRUMENT, scoreAssessment, type AssessmentAnswers, type InstrumentDefinition, type RiskLevel, type SafetyDecision,
} from '@qorgau/core';
import { asc, desc, eq, inArray } from 'drizzle-orm';
import { writeAudit } from '../audit/audit.ts';
import type { Executor } from '../db/client.ts';
import { assessmentInstruments, caseAssessments, caseEvents, cases, users } from '../db/schema.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { AppError, validation } from '../http/errors.ts';
import { ledCase, visibleCase } from './access.ts';
import type { AssessmentDto } from './schema.ts';

/** On first start: the shipped instrument as version 1, active. */
export async function ensureDefaultInstrument(db: Executor, now = new Date()): Promise<void> {
  await db.insert(assessmentInstruments).values({
    version: 1, status: 'active', definition: DEFAULT_INSTRUMENT,
    note: 'Qorgau негізгі бағалауы · Базовая оценка Qorgau · Default assessment shipped with Qorgau', createdAt: now, activatedAt: now,
  }).onConflictDoNothing();
}

export async function activeInstrument(ex: Executor): Promise<{ version: number; definition: InstrumentDefinition }> {
  const [row] = await ex.select().from(assessmentInstruments).where(eq(assessmentInstruments.status, 'active'));
  if (!row) return { version: 0, definition: DEFAULT_INSTRUMENT };
  return { version: row.version, definition: row.definition as unknown as InstrumentDefinition };
}

type Row = typeof caseAssessments.$inferSelect;
type Stored = Omit<AssessmentDto, 'assessedBy'> & { assessedBy: string };

function toDto(r: Row): Stored {
  return {
    id: r.id, instrumentVersion: r.instrumentVersion, answers: r.answers, threats: r.threats, safetyDecision: r.safetyDecision as SafetyDecision,
    score: r.score, scoredLevel: r.scoredLevel as RiskLevel, level: r.level as RiskLevel, overrideReason: r.overrideReason, reasons: r.reasons,
    assessedBy: r.assessedBy, assessedAt: r.assessedAt.toISOString(),
  };
}

export async function latestAssessment(ex: Executor, caseId: string): Promise<Stored | null> {
  const [r] = await ex.select().from(caseAssessments).where(eq(caseAssessments.caseId, caseId)).orderBy(desc(caseAssessments.seq)).limit(1);
  return r ? toDto(r) : null;
}

const withUser = async (ex: Executor, list: Stored[]): Promise<AssessmentDto[]> => {
  const ids = [...new Set(list.map((a) => a.assessedBy))];
  const names = new Map(ids.length ? (await ex.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name]) : []);
  return list.map((a) => ({ ...a, assessedBy: { id: a.assessedBy, name: names.get(a.assessedBy) ?? null } }));
};

/** Every assessment of the case, oldest first (the chart of risk over time). */
export async function listAssessments(ctx: Ctx, caseId: string): Promise<AssessmentDto[]> {
  const { c } = await visibleCase(ctx, caseId);
  const rows = await ctx.db.select().from(caseAssessments).where(eq(caseAssessments.caseId, c.id)).orderBy(asc(caseAssessments.assessedAt), asc(caseAssessments.seq));
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'case', entityId: c.id, details: { assessments: rows.length } });
  return withUser(ctx.db, rows.map(toDto));
}

/** Assess (or reassess) the family: scored by the active instrument; an open case moves to assessment. */
export async function submitAssessment(ctx: Ctx, caseId: string, answers: AssessmentAnswers): Promise<AssessmentDto> {
  const { c } = await ledCase(ctx, caseId);
  if (c.status === 'closed') throw new AppError('conflict', 'The case is closed: reopen it to reassess.');
  const instrument = await activeInstrument(ctx.db);
  const problems = checkAnswers(instrument.definition, answers);
  if (problems.length) throw validation(problems, `The assessment is incomplete or has unknown answers: ${problems.map((p) => p.path).join(', ')}.`);
  const result = scoreAssessment(instrument.definition, answers);
  const row = await ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(cases).where(eq(cases.id, c.id)).for('update');
    if (!locked || locked.status === 'closed') throw new AppError('conflict', 'The case is closed: reopen it to reassess.');
    const [a] = await tx.insert(caseAssessments).values({
      caseId: c.id, instrumentVersion: instrument.version || 1, answers: answers, threats: result.threats,
      safetyDecision: result.safetyDecision, score: result.score, scoredLevel: result.scoredLevel, level: result.level,
      overrideReason: answers.raiseLevel ? answers.raiseReason ?? null : null, reasons: result.reasons,
      assessedBy: ctx.actor.id, assessedAt: ctx.now,
    }).returning();
    if (!a) throw new Error('assessment insert returned nothing');
    const moveToAssessment = locked.status === 'open';
    await tx.update(cases).set({ riskLevel: result.level, updatedAt: ctx.now, ...(moveToAssessment ? { status: 'assessment' } : {}) }).where(eq(cases.id, c.id));
    await tx.insert(caseEvents).values({
      caseId: c.id, at: ctx.now, userId: ctx.actor.id, kind: 'assessed', fromStatus: moveToAssessment ? 'open' : null, toStatus: moveToAssessment ? 'assessment' : null,
      details: { assessmentId: a.id, level: result.level, score: result.score, safetyDecision: result.safetyDecision, previousLevel: locked.riskLevel },
    });
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'case', entityId: c.id, details: { change: 'assessed', assessmentId: a.id, level: result.level, score: result.score } });
    return a;
  });
  const [dto] = await withUser(ctx.db, [toDto(row)]);
  return dto as AssessmentDto;
}

export async function instrumentFor(ctx: Ctx): Promise<{ version: number; definition: InstrumentDefinition }> {
  if (!ctx.actor) throw new AppError('unauthenticated', 'Sign in first.');
  return activeInstrument(ctx.db);
}
