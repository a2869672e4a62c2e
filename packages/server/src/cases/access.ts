// Who may do what with a family case file. Reading follows the register's policy (territory and
// agency, the lead always); working on a case (notes, visits, facts, referrals) is for the agencies
// on it; steering it (status, plan, members, assessments, transfer) is for the lead, colleagues of
// the lead's unit with cases.manage, and territory-wide coordinators; approvals for cases.approve in
// the territory or the head of the lead's unit, never for the one who asked.
import { roleHas, type FactSection, type NoteSensitivity } from '@qorgau/core';
import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { inTerritory, isTerritoryWide, recordScopeFilter, type Actor, type RecordScope } from '../access/policy.ts';
import { cases } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { forbidden } from '../http/errors.ts';
import { denyAsNotFound, isUuid } from '../reports/service.ts';

export type CaseRow = typeof cases.$inferSelect;

export function caseScope(c: Pick<CaseRow, 'regionCode' | 'districtCode' | 'schoolIds' | 'agencyTypes' | 'createdBy' | 'leadUserId'>): RecordScope {
  return {
    regionCode: c.regionCode, districtCode: c.districtCode, schoolIds: c.schoolIds, agencyTypes: c.agencyTypes,
    createdBy: c.createdBy, assignedUserIds: [c.leadUserId], sensitive: false,
  };
}

export type CaseRights = {
  read: boolean;
  /** add notes, visits, facts, referrals */
  work: boolean;
  /** status, plan, members, assessments, reviews, transfer */
  lead: boolean;
  /** decide a pending approval (not one's own request) */
  approve: boolean;
};

export function caseRights(actor: Actor, c: CaseRow): CaseRights {
  const none = { read: false, work: false, lead: false, approve: false };
  if (!roleHas(actor.role, 'cases.read')) return none;
  const scope = caseScope(c);
  // the register's rule with the case capability: lead and creator always, else territory and agency
  const isLead = c.leadUserId === actor.id;
  const readable = isLead || c.createdBy === actor.id
    || (inTerritory(actor, scope) && (isTerritoryWide(actor.role) || (!!actor.agencyType && c.agencyTypes.includes(actor.agencyType))));
  if (!readable) return none;
  const manage = roleHas(actor.role, 'cases.manage');
  const sameUnit = !!actor.unitId && actor.unitId === c.leadUnitId;
  const lead = isLead || (manage && sameUnit) || (manage && isTerritoryWide(actor.role) && inTerritory(actor, scope));
  const work = lead || (!!actor.agencyType && c.agencyTypes.includes(actor.agencyType));
  const approve = (roleHas(actor.role, 'cases.approve') && inTerritory(actor, scope)) || (manage && actor.isUnitHead && sameUnit);
  return { read: true, work, lead, approve };
}

/** The case if the actor may read it; else an audited denial that looks like a missing record. */
export async function visibleCase(ctx: Ctx, id: string): Promise<{ c: CaseRow; rights: CaseRights }> {
  if (!isUuid(id)) return denyAsNotFound(ctx, 'case', id, 'missing');
  const [c] = await ctx.db.select().from(cases).where(eq(cases.id, id));
  if (!c) return denyAsNotFound(ctx, 'case', id, 'missing');
  const rights = caseRights(ctx.actor, c);
  if (!rights.read) {
    const reason = !roleHas(ctx.actor.role, 'cases.read') ? 'capability' : !inTerritory(ctx.actor, caseScope(c)) ? 'territory' : 'agency';
    return denyAsNotFound(ctx, 'case', id, reason);
  }
  return { c, rights };
}

/** The case if the actor may work on it (notes, visits, facts, referrals). */
export async function workableCase(ctx: Ctx, id: string): Promise<{ c: CaseRow; rights: CaseRights }> {
  const v = await visibleCase(ctx, id);
  if (!v.rights.work) throw forbidden('Only the agencies working on this case add to it. Ask the case lead to add your agency.');
  return v;
}

/** The case if the actor steers it (the lead, the lead's unit, coordinators of the territory). */
export async function ledCase(ctx: Ctx, id: string): Promise<{ c: CaseRow; rights: CaseRights }> {
  const v = await visibleCase(ctx, id);
  if (!v.rights.lead) throw forbidden('Only the case lead (or their unit, or the regional coordinator) does this.');
  return v;
}

/** SQL form of caseRights(...).read for lists (must agree with it: access tests check both). */
export function caseScopeSql(actor: Actor): SQL {
  if (!roleHas(actor.role, 'cases.read')) return sql`false`;
  const s = recordScopeFilter(actor);
  const territory = s.regionCode ? eq(cases.regionCode, s.regionCode)
    : s.districtCode ? eq(cases.districtCode, s.districtCode)
      : s.schoolId ? sql`${s.schoolId}::uuid = any(${cases.schoolIds})`
        : undefined;
  const agency = s.agencyType ? sql`${s.agencyType} = any(${cases.agencyTypes})` : undefined;
  const scoped = and(territory, agency) ?? sql`true`;
  return or(eq(cases.leadUserId, actor.id), eq(cases.createdBy, actor.id), scoped) as SQL;
}

/**
 * Who sees a section of the social and medical view: health details only health workers and the
 * case lead; education the schools, the lead and the guardianship body; the other sections everyone
 * who reads the case.
 */
export function sectionVisible(actor: Actor, c: CaseRow, section: FactSection): boolean {
  const isLead = c.leadUserId === actor.id;
  switch (section) {
    case 'health': return isLead || actor.role === 'health_worker';
    case 'education': return isLead || ['school_specialist', 'guardianship_officer', 'regional_coordinator', 'commission_member'].includes(actor.role);
    case 'legal': return isLead || actor.role !== 'service_provider';
    case 'social':
    case 'housing': return true;
  }
}

/** Who may add facts to a section: those who see it and work on the case. */
export function sectionWritable(actor: Actor, c: CaseRow, section: FactSection, rights: CaseRights): boolean {
  return rights.work && sectionVisible(actor, c, section);
}

/** Case notes by sensitivity: normal for everyone on the case; restricted for the lead side, the author's agency; confidential for the lead and the author. */
export function noteVisible(actor: Actor, c: CaseRow, note: { sensitivity: string; createdBy: string; authorAgency: string | null }, rights: CaseRights): boolean {
  if (note.createdBy === actor.id || c.leadUserId === actor.id) return true;
  switch (note.sensitivity as NoteSensitivity) {
    case 'normal': return true;
    case 'restricted': return rights.lead || (!!actor.agencyType && actor.agencyType === note.authorAgency);
    case 'confidential': return false;
  }
}
