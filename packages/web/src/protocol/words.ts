// The response protocol in words: conditions, deadlines, escalation steps and the server's
// validation problems, in the reader's language. Labels of codes come from core's vocab-labels.
// Pure functions of a TFunction and a locale (text.ts gives them to components).
import type { TFunction } from 'i18next';
import {
  channelLabels, deadlineHours, perpetratorRelationLabels, placeLabels, violenceTypeLabels, type Condition, type Deadline, type Label,
  type Locale, type Priority, type ProtocolDefinition, type TaskRule,
} from '@qorgau/core';

export function pick(table: Record<string, Label>, code: string, locale: Locale): string {
  return table[code]?.[locale] ?? code;
}

/** `a, b or c` (disjunction) or `a, b and c` (conjunction) without relying on Intl.ListFormat data. */
export function joinWords(t: TFunction, words: readonly string[], kind: 'or' | 'and'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${t(kind === 'or' ? 'protocol.words.or' : 'protocol.words.and')} ${words.at(-1) ?? ''}`;
}

function isOne(n: number, locale: Locale): boolean {
  try {
    return new Intl.PluralRules(locale).select(n) === 'one';
  } catch {
    return n === 1;
  }
}

/** "within 2 hours", "within 1 working day", "at once". */
export function withinWords(t: TFunction, d: Deadline, locale: Locale): string {
  if ('hours' in d) {
    if (d.hours === 0) return t('protocol.deadline.atOnce');
    return t(isOne(d.hours, locale) ? 'protocol.deadline.hoursOne' : 'protocol.deadline.hoursOther', { n: d.hours });
  }
  return t(isOne(d.workingDays, locale) ? 'protocol.deadline.daysOne' : 'protocol.deadline.daysOther', { n: d.workingDays });
}

/** When an escalation step is taken: "as soon as the task is overdue", "2 hours after the due time". */
export function afterWords(t: TFunction, d: Deadline, locale: Locale): string {
  if ('hours' in d) {
    if (d.hours === 0) return t('protocol.escalation.atDue');
    return t(isOne(d.hours, locale) ? 'protocol.escalation.hoursOne' : 'protocol.escalation.hoursOther', { n: d.hours });
  }
  return t(isOne(d.workingDays, locale) ? 'protocol.escalation.daysOne' : 'protocol.escalation.daysOther', { n: d.workingDays });
}

/** One line of a condition: "Type of violence: sexual abuse or trafficking". */
export interface ConditionLine {
  key: keyof Condition;
  label: string | null;
  text: string;
}

/** A condition as lines that must all hold; an empty condition is "every report". */
export function conditionLines(t: TFunction, when: Condition, locale: Locale, opts: { omitPriorities?: boolean } = {}): ConditionLine[] {
  const lines: ConditionLine[] = [];
  const list = (key: keyof Condition, label: string, values: readonly string[] | undefined, table: Record<string, Label> | null, kind: 'or' | 'and' = 'or') => {
    if (!values?.length) return;
    const words = values.map((v) => (table ? pick(table, v, locale) : v));
    lines.push({ key, label, text: joinWords(t, words, kind) });
  };
  if (!opts.omitPriorities) list('priorities', t('protocol.cond.priorities'), when.priorities, null);
  if (when.screening?.length) {
    list('screening', t('protocol.cond.screening'), when.screening.map((q) => t(`protocol.screening.${q}`)), null, 'and');
  }
  list('types', t('protocol.cond.types'), when.types, violenceTypeLabels);
  if (when.criminal !== undefined) {
    lines.push({ key: 'criminal', label: null, text: t(when.criminal ? 'protocol.cond.criminal' : 'protocol.cond.notCriminal') });
  }
  if (when.schoolInvolved !== undefined) {
    lines.push({ key: 'schoolInvolved', label: null, text: t(when.schoolInvolved ? 'protocol.cond.school' : 'protocol.cond.noSchool') });
  }
  list('places', t('protocol.cond.places'), when.places, placeLabels);
  list('perpetratorRelations', t('protocol.cond.relations'), when.perpetratorRelations, perpetratorRelationLabels);
  list('channels', t('protocol.cond.channels'), when.channels, channelLabels);
  return lines;
}

/** A condition in one sentence, for a summary line. */
export function conditionSentence(t: TFunction, when: Condition, locale: Locale, opts: { omitPriorities?: boolean } = {}): string {
  const lines = conditionLines(t, when, locale, opts);
  if (!lines.length) return t('protocol.cond.always');
  return lines.map((l) => (l.label ? `${l.label}: ${l.text}` : l.text)).join('; ');
}

/** Where in the definition a problem is, in words: "Task rule 4 (p1-police) — deadline". */
export function describePath(t: TFunction, path: string, ruleIdAt: (list: 'priorityRules' | 'taskRules', index: number) => string | undefined): string {
  const parts = path.replace(/^definition\.?/, '').split('.').filter(Boolean);
  const [head, second, third, ...rest] = parts;
  const field = (name: string | undefined, more: string[]) => {
    if (!name) return '';
    const key = name === 'when' ? `when.${more[0] ?? ''}` : name;
    const known: Record<string, string> = {
      id: 'protocol.field.id', priority: 'protocol.field.priority', agencyType: 'protocol.field.agency', action: 'protocol.field.action',
      deadline: 'protocol.field.deadline', mandatory: 'protocol.field.mandatory', to: 'protocol.field.level', after: 'protocol.field.after',
      'when.types': 'protocol.cond.types', 'when.places': 'protocol.cond.places', 'when.screening': 'protocol.cond.screening',
      'when.perpetratorRelations': 'protocol.cond.relations', 'when.channels': 'protocol.cond.channels',
      'when.priorities': 'protocol.cond.priorities', 'when.criminal': 'protocol.field.criminal', 'when.schoolInvolved': 'protocol.field.school',
    };
    const k = known[key];
    return k ? ` — ${t(k)}` : '';
  };
  if ((head === 'priorityRules' || head === 'taskRules') && second !== undefined && /^\d+$/.test(second)) {
    const index = Number(second);
    const id = ruleIdAt(head, index);
    const where = t(head === 'priorityRules' ? 'protocol.where.priorityRule' : 'protocol.where.taskRule', { n: index + 1 });
    return `${where}${id ? ` (${id})` : ''}${field(third, rest)}`;
  }
  if (head === 'priorityRules') return t('protocol.where.priorityRules');
  if (head === 'taskRules') return t('protocol.where.taskRules');
  if (head === 'escalation' && second) {
    const base = t('protocol.where.escalation', { priority: second });
    if (third !== undefined && /^\d+$/.test(third)) return `${base}, ${t('protocol.where.step', { n: Number(third) + 1 })}${field(rest[0], rest.slice(1))}`;
    return base;
  }
  if (head === 'criminalTypes') return t('protocol.editor.criminalTypes');
  if (head === 'defaultPriority') return t('protocol.editor.defaultPriority');
  return parts.join('.');
}

/** The server's (English) validation messages in the reader's language; others are shown as they are. */
export function problemWords(t: TFunction, message: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^Too big: expected number to be <=\s*(\d+)/.exec(message))) return t('protocol.problem.max', { n: m[1] });
  if ((m = /^Too small: expected number to be >=\s*(\d+)/.exec(message))) return t('protocol.problem.min', { n: m[1] });
  if ((m = /^Too big: expected array to have <=\s*(\d+)/.exec(message))) return t('protocol.problem.tooMany', { n: m[1] });
  if ((m = /^Too small: expected array to have >=\s*(\d+)/.exec(message))) return t('protocol.problem.tooFew', { n: m[1] });
  if ((m = /^the rule id "(.*)" is used twice$/.exec(message))) return t('protocol.problem.duplicateId', { id: m[1] });
  if ((m = /^overdue (P\d) tasks must escalate at least once$/.exec(message))) return t('protocol.problem.mustEscalate', { priority: m[1] });
  if (message.startsWith('lower-case letters, digits and dashes')) return t('protocol.problem.ruleId');
  if (message.startsWith('at least one mandatory task must apply to every report')) return t('protocol.problem.needsBaseline');
  if (message === 'a step must not come earlier than the step before it') return t('protocol.problem.stepOrder');
  if (message === 'a protocol needs at least one task rule') return t('protocol.problem.needsTaskRule');
  if (message === 'whole hours' || message === 'whole working days' || /expected int/.test(message)) return t('protocol.problem.whole');
  if (message === 'choose at least one type') return t('protocol.preview.needTypes');
  if (/^Invalid (input|option|value)/.test(message)) return t('protocol.problem.invalid');
  return message;
}

/** The task rules that can apply to a report of this priority, soonest first. */
export function rulesFor(definition: ProtocolDefinition, priority: Priority): TaskRule[] {
  return definition.taskRules
    .filter((r) => !r.when.priorities?.length || r.when.priorities.includes(priority))
    .map((r, i) => ({ r, i }))
    .sort((a, b) => deadlineHours(a.r.deadline) - deadlineHours(b.r.deadline) || a.i - b.i)
    .map(({ r }) => r);
}
