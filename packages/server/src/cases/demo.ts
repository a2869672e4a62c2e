// Demo family cases in Almaty, made through the same domain functions as live ones: a few active
// cases at every step of the workflow (one waiting for the coordinator's approval of its plan), and
// closed cases over the last two years with their assessments, for the profiles and early warning.
// Household members' names are invented.
import { DEFAULT_INSTRUMENT, type CaseCloseReason, type Occupation } from '@qorgau/core';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { caseEvents, cases, incidentPersons, incidents, persons, reports, serviceProviders, users } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { prng } from '../demo/prng.ts';
import type { Ctx } from '../http/context.ts';
import { acceptReferral, ageAt, createReferral, deliverReferral, giveFeedback } from '../referrals/service.ts';
import { toActor } from '../users/dto.ts';
import { submitAssessment } from './assessments.ts';
import { addMember, decideApproval, moveStatus, openCase, requestApproval, updateMember } from './service.ts';
import { addFact, addNote, addPlanItem, addVisit, recordReview } from './work.ts';

const DAY = 86_400_000;


function answers(rand: () => number, intensity: number): { threats: Record<string, boolean>; safetyPlan: boolean; items: Record<string, string> } {
  const items: Record<string, string> = {};
  for (const item of DEFAULT_INSTRUMENT.items) {
    const positive = rand() < intensity;
    items[item.code] = positive ? (item.options[1 + Math.floor(rand() * (item.options.length - 1))]?.code ?? 'no') : (item.options[0]?.code ?? 'no');
  }
  const threats: Record<string, boolean> = {};
  if (rand() < intensity / 2) threats.child_afraid = true;
  return { threats, safetyPlan: true, items };
}

const MOTHERS = ['Айгүл', 'Сәуле', 'Динара', 'Гүлнар', 'Жанар', 'Мадина', 'Ләззат', 'Асель'];
const FATHERS = ['Бауыржан', 'Ерлан', 'Нұрлан', 'Серік', 'Асхат', 'Дәурен', 'Марат', 'Қайрат'];
const CLOSE_REASONS: CaseCloseReason[] = ['goals_achieved', 'risk_reduced', 'goals_achieved', 'moved_away', 'family_refused', 'risk_reduced'];

export async function seedDemoCases(deps: Deps): Promise<void> {
  const named = await deps.db.select().from(users).where(inArray(users.username, ['guardian.almaty', 'coordinator.almaty', 'school.almaty', 'health.almaty', 'provider.almaty']));
  const u = (name: string) => named.find((x) => x.username === name);
  const guardian = u('guardian.almaty');
  const coordinator = u('coordinator.almaty');
  const school = u('school.almaty');
  const health = u('health.almaty');
  const provider = u('provider.almaty');
  if (!guardian || !coordinator || !school || !health) return;
  // the rehabilitation centre whose staff is provider.almaty (services/demo.ts)
  const [centre] = provider?.unitId ? await deps.db.select().from(serviceProviders).where(eq(serviceProviders.unitId, provider.unitId)).limit(1) : [];
  const now = deps.clock.now();
  const as = (x: typeof guardian): Ctx => ({ ...deps, actor: toActor(x), ip: '127.0.0.1', requestId: 'demo-seed', now });
  const today = new Date(now.getTime() + 5 * 3_600_000).toISOString().slice(0, 10);
  const daysAgo = (d: number) => new Date(now.getTime() + 5 * 3_600_000 - d * DAY).toISOString().slice(0, 10);
  const rand = prng(20261123);

  // reports of Almaty with a child victim: the newest for active cases, older ones for closed cases
  const withVictims = await deps.db.selectDistinct({ id: reports.id, receivedAt: reports.receivedAt }).from(reports)
    .innerJoin(incidents, eq(incidents.reportId, reports.id)).innerJoin(incidentPersons, and(eq(incidentPersons.incidentId, incidents.id), eq(incidentPersons.role, 'victim')))
    .innerJoin(persons, eq(persons.id, incidentPersons.personId))
    .where(and(eq(reports.regionCode, 'KZ-75'), sql`${persons.birthDate} is not null`)).orderBy(desc(reports.receivedAt)).limit(8);
  const year = now.getUTCFullYear();
  const CHILD_NAMES = [['Әлихан', 'male'], ['Аружан', 'female'], ['Нұрислам', 'male'], ['Амина', 'female'], ['Ерасыл', 'male'], ['Томирис', 'female'], ['Данияр', 'male'], ['Айым', 'female']] as const;
  /** The case's children: the victims of a report when there is one, else a child registered with the case (patronage). */
  const childrenOf = (i: number, reportId: string | undefined) => {
    if (reportId) return { reportId, members: [] };
    const [firstName, sex] = CHILD_NAMES[i % CHILD_NAMES.length] as (typeof CHILD_NAMES)[number];
    const age = 2 + ((i * 7) % 16);
    return {
      members: [{
        person: { lastName: `Демо${i}${sex === 'female' ? 'ова' : 'ов'}`, firstName, birthDate: `${year - age}-0${1 + (i % 9)}-${String(10 + (i % 18))}`, sex },
        relation: 'child' as const, subject: true, livesInHousehold: true, occupation: (age < 6 ? 'preschool' : 'studying') as Occupation,
        schoolId: age >= 6 ? school.schoolId : null,
      }],
    };
  };

  const household = async (ctx: Ctx, caseId: string, i: number, teenNeither: boolean) => {
    const surname = `Демо${i}`;
    await addMember(ctx, caseId, { person: { lastName: `${surname}ова`, firstName: MOTHERS[i % MOTHERS.length] as string, birthDate: `19${85 + (i % 10)}-0${1 + (i % 9)}-1${i % 10}`, sex: 'female' }, relation: 'mother', subject: false, livesInHousehold: true, occupation: (['working', 'neither', 'working'] as Occupation[])[i % 3] as Occupation });
    if (i % 3 !== 1) await addMember(ctx, caseId, { person: { lastName: `${surname}ов`, firstName: FATHERS[i % FATHERS.length] as string, birthDate: `19${80 + (i % 10)}-1${i % 3}-0${1 + (i % 9)}`, sex: 'male' }, relation: i % 4 === 0 ? 'step_parent' : 'father', subject: false, livesInHousehold: true, occupation: 'working' });
    if (teenNeither) await addMember(ctx, caseId, { person: { lastName: `${surname}ов`, firstName: 'Тимур', birthDate: `${new Date(now).getUTCFullYear() - 16}-04-02`, sex: 'male' }, relation: 'sibling', subject: false, livesInHousehold: true, occupation: 'neither' });
  };

  // ---------------------------------------------------------------- closed cases (history for profiles)
  const CLOSED = 30;
  for (let i = 0; i < CLOSED; i++) {
    const lead = as(guardian);
    const c = await openCase(lead, { kind: i % 3 === 0 ? 'patronage' : 'protection', ...childrenOf(i, undefined), summary: 'Социальный патронаж семьи после сообщения.', contributingAgencies: ['education'], reviewIntervalDays: 90 });
    await household(lead, c.id, i, false);
    await submitAssessment(lead, c.id, answers(rand, 0.2 + rand() * 0.5));
    await moveStatus(lead, c.id, 'plan');
    const goal = await addPlanItem(lead, c.id, { kind: 'goal', title: 'Безопасная обстановка дома' });
    const goalId = goal.plan[0]?.id;
    await addPlanItem(lead, c.id, { kind: 'action', goalId, title: 'Консультации психолога для матери', responsibleAgency: 'health' });
    const plan = await requestApproval(lead, c.id, { kind: 'plan' });
    await decideApproval(as(coordinator), c.id, plan.approvals[0]?.id as string, { decision: 'approved' });
    const closure = await requestApproval(lead, c.id, { kind: 'closure', closeReason: CLOSE_REASONS[i % CLOSE_REASONS.length] as CaseCloseReason, note: 'Цели плана достигнуты, риск снижен.' });
    await decideApproval(as(coordinator), c.id, closure.approvals.find((a) => !a.decision)?.id as string, { decision: 'approved' });
    // spread the history over the last two years, as if it had happened then
    const closedDaysAgo = 40 + Math.floor(((i + 1) / CLOSED) * 650);
    const openedDaysAgo = closedDaysAgo + 60 + Math.floor(rand() * 120);
    await deps.db.execute(sql`update ${cases} set opened_at = ${new Date(now.getTime() - openedDaysAgo * DAY).toISOString()}::timestamptz,
      closed_at = ${new Date(now.getTime() - closedDaysAgo * DAY).toISOString()}::timestamptz, created_at = ${new Date(now.getTime() - openedDaysAgo * DAY).toISOString()}::timestamptz where id = ${c.id}`);
    await deps.db.execute(sql`update case_assessments set assessed_at = ${new Date(now.getTime() - (openedDaysAgo - 7) * DAY).toISOString()}::timestamptz where case_id = ${c.id}`);
    await deps.db.execute(sql`update ${caseEvents} set at = ${new Date(now.getTime() - openedDaysAgo * DAY).toISOString()}::timestamptz + (id - (select min(id) from case_events where case_id = ${c.id})) * interval '3 days' where case_id = ${c.id}`);
  }

  // ---------------------------------------------------------------- active cases at every step
  const steps = ['open', 'assessment', 'plan_pending', 'in_progress', 'in_progress_visits', 'review_due', 'in_progress', 'assessment'] as const;
  for (const [i, step] of steps.entries()) {
    const lead = as(guardian);
    const c = await openCase(lead, {
      kind: withVictims[i] ? 'protection' : 'patronage', ...childrenOf(50 + i, withVictims[i]?.id), address: `г. Алматы, мкр. Аксай-${1 + i}, д. ${10 + i}`,
      summary: 'Сообщение о насилии в семье; нужна комплексная помощь семье: психолог, контроль посещаемости, консультации для родителей.',
      contributingAgencies: ['education', 'health'], reviewIntervalDays: 60,
    });
    // the children go to the demo school (its specialist works on the case)
    for (const m of c.members.filter((x) => x.subject && !x.schoolId)) await updateMember(lead, c.id, m.id, { schoolId: school.schoolId, occupation: 'studying' });
    await household(lead, c.id, 100 + i, i === 3);
    if (step === 'open') continue;
    await submitAssessment(lead, c.id, answers(rand, 0.45));
    if (step === 'assessment') continue;
    await moveStatus(lead, c.id, 'plan');
    const g1 = await addPlanItem(lead, c.id, { kind: 'goal', title: 'Ребёнок регулярно посещает школу' });
    await addPlanItem(lead, c.id, { kind: 'action', goalId: g1.plan[0]?.id, title: 'Ежедневный контроль посещаемости классным руководителем', responsibleAgency: 'education', dueOn: daysAgo(-30) });
    const g2 = await addPlanItem(lead, c.id, { kind: 'goal', title: 'Родители владеют ненасильственными методами воспитания' });
    await addPlanItem(lead, c.id, { kind: 'action', goalId: g2.plan.find((p) => p.kind === 'goal' && p.title.startsWith('Родители'))?.id, title: 'Курс для родителей в центре поддержки семьи', responsibleAgency: 'social_protection', dueOn: daysAgo(-45) });
    const asked = await requestApproval(lead, c.id, { kind: 'plan', note: 'План обсуждён с семьёй.' });
    if (step === 'plan_pending') continue;
    await decideApproval(as(coordinator), c.id, asked.approvals[0]?.id as string, { decision: 'approved', note: 'Согласовано.' });
    await addVisit(lead, c.id, { visitedOn: daysAgo(6), visitors: 'Нұрланова С. (опека), Әбдірова Г. (школа)', childrenSeen: true, observations: 'Жилищные условия удовлетворительные, продукты есть. Мать настроена на сотрудничество.', nextVisitOn: daysAgo(-8) });
    await addNote(as(school), c.id, { sensitivity: 'normal', body: 'Ребёнок стал посещать занятия психолога, пропусков на этой неделе нет.' });
    await addFact(as(health), c.id, { section: 'health', topic: 'Медицинский осмотр', body: 'Следы старых ушибов; направлен к неврологу.', recordedOn: daysAgo(5) });
    await addFact(lead, c.id, { section: 'housing', topic: 'Жильё', body: 'Арендная квартира, 2 комнаты, 5 человек.', recordedOn: daysAgo(6) });
    // referrals to the rehabilitation centre: one answered with feedback, one waiting in its queue
    // a child the centre takes (a report's victim may be an infant): no referral when none fits
    const child = centre && c.members.find((m) => {
      const age = m.subject ? ageAt(m.person.birthDate ?? null, now) : null;
      return age !== null && age >= centre.ageMin && age <= centre.ageMax;
    });
    if (centre && provider && child && (step === 'in_progress' || step === 'in_progress_visits')) {
      const referral = await createReferral(lead, c.id, {
        providerId: centre.id, service: 'psychological_counselling', personId: child.person.id, urgency: step === 'in_progress' ? 'urgent' : 'routine',
        reason: 'Тревожность и нарушения сна после пережитого насилия; нужны консультации психолога.',
      });
      if (step === 'in_progress_visits') {
        const staff = as(provider);
        await acceptReferral(staff, referral.id, true);
        await deliverReferral(staff, referral.id);
        await giveFeedback(staff, referral.id, 'partly_met', 'Проведено 6 консультаций; сон нормализовался, тревожность снизилась. Рекомендовано продолжить в школе.');
      }
    }
    if (step === 'in_progress_visits') {
      await addNote(lead, c.id, { sensitivity: 'confidential', body: 'Мать сообщила о давлении со стороны отчима; проверить при следующем визите.' });
      await submitAssessment(lead, c.id, answers(rand, 0.3));
    }
    if (step === 'review_due') {
      await moveStatus(lead, c.id, 'review');
      await recordReview(lead, c.id, { heldOn: today, decision: 'continue', summary: 'Положительная динамика, продолжить сопровождение.' });
      await deps.db.update(cases).set({ nextReviewOn: daysAgo(2) }).where(eq(cases.id, c.id));
    }
  }
}
