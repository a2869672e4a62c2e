// Applies a response protocol to a report. Pure: the caller passes the calendar and the time.
import type { WorkingCalendar } from '../calendar.ts';
import { PRIORITIES, type Priority } from '../vocab.ts';
import type { Condition, Deadline, PlannedTask, ProtocolDefinition, ProtocolOutcome, ReportFacts } from './types.ts';

const HOUR_MS = 3_600_000;

/** The instant a deadline falls on, counted from `from`. */
export function deadlineFrom(from: Date, d: Deadline, calendar: WorkingCalendar): Date {
  if ('hours' in d) return new Date(from.getTime() + d.hours * HOUR_MS);
  return calendar.addWorkingDaysToInstant(from, d.workingDays);
}

/** Rough length of a deadline in hours (for ordering and display; working days count as 24 h). */
export function deadlineHours(d: Deadline): number {
  return 'hours' in d ? d.hours : d.workingDays * 24;
}

function isCriminal(facts: ReportFacts, protocol: ProtocolDefinition): boolean {
  return facts.incidents.some((i) => (i.legalQualification ?? []).some((q) => q.code === 'criminal')
    || i.types.some((t) => protocol.criminalTypes.includes(t)));
}

export function conditionHolds(when: Condition, facts: ReportFacts, protocol: ProtocolDefinition, priority: Priority | null): boolean {
  const inc = facts.incidents;
  if (when.priorities?.length && (priority === null || !when.priorities.includes(priority))) return false;
  if (when.types?.length && !inc.some((i) => i.types.some((t) => when.types?.includes(t)))) return false;
  if (when.places?.length && !inc.some((i) => !!i.place && when.places?.includes(i.place))) return false;
  if (when.schoolInvolved !== undefined) {
    const involved = inc.some((i) => !!i.schoolId || i.place === 'school');
    if (involved !== when.schoolInvolved) return false;
  }
  if (when.criminal !== undefined && isCriminal(facts, protocol) !== when.criminal) return false;
  if (when.screening?.length && !when.screening.every((q) => facts.screening[q] === true)) return false;
  if (when.perpetratorRelations?.length
    && !inc.some((i) => (i.perpetratorRelations ?? []).some((r) => !!r && when.perpetratorRelations?.includes(r)))) return false;
  if (when.channels?.length && !when.channels.includes(facts.channel)) return false;
  return true;
}

const urgency = (p: Priority) => PRIORITIES.indexOf(p);

export function priorityOf(protocol: ProtocolDefinition, facts: ReportFacts): { priority: Priority; ruleIds: string[] } {
  const matched = protocol.priorityRules.filter((r) => conditionHolds(r.when, facts, protocol, null));
  if (!matched.length) return { priority: protocol.defaultPriority, ruleIds: [] };
  const priority = matched.map((r) => r.priority).reduce((a, b) => (urgency(b) < urgency(a) ? b : a));
  return { priority, ruleIds: matched.filter((r) => r.priority === priority).map((r) => r.id) };
}

/**
 * Priority and tasks for a report received at `receivedAt`. One task per agency and action: when
 * several rules ask the same agency for the same action, the earliest deadline wins and the task
 * is mandatory if any of them says so. Tasks come out ordered by due time.
 */
export function applyProtocol(
  protocol: ProtocolDefinition,
  facts: ReportFacts,
  receivedAt: Date,
  calendar: WorkingCalendar,
  opts: { priority?: Priority } = {},
): ProtocolOutcome {
  const computed = priorityOf(protocol, facts);
  const priority = opts.priority ?? computed.priority;
  const byKey = new Map<string, PlannedTask>();
  for (const rule of protocol.taskRules) {
    if (!conditionHolds(rule.when, facts, protocol, priority)) continue;
    const dueAt = deadlineFrom(receivedAt, rule.deadline, calendar);
    const key = `${rule.agencyType}/${rule.action}`;
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, { ruleId: rule.id, agencyType: rule.agencyType, action: rule.action, mandatory: rule.mandatory, deadline: rule.deadline, dueAt });
    } else {
      const earlier = dueAt.getTime() < prev.dueAt.getTime();
      byKey.set(key, {
        ...(earlier ? { ruleId: rule.id, deadline: rule.deadline, dueAt } : { ruleId: prev.ruleId, deadline: prev.deadline, dueAt: prev.dueAt }),
        agencyType: rule.agencyType, action: rule.action, mandatory: prev.mandatory || rule.mandatory,
      });
    }
  }
  const tasks = [...byKey.values()].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.agencyType.localeCompare(b.agencyType));
  return { priority, priorityRuleIds: opts.priority ? [] : computed.ruleIds, tasks };
}

/**
 * When step `step` (0-based) of the escalation chain falls due for a task due at `dueAt`, or null
 * when the chain has no such step.
 */
export function escalationAt(protocol: ProtocolDefinition, priority: Priority, dueAt: Date, step: number, calendar: WorkingCalendar): Date | null {
  const s = protocol.escalation[priority][step];
  return s ? deadlineFrom(dueAt, s.after, calendar) : null;
}
