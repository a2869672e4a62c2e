// The protocol editor's working copy: the definition with a stable key per row (so that rows can
// be reordered and removed without React mixing up their inputs), and the server's problems by path.
import {
  ESCALATION_LEVELS, PRIORITIES, type Condition, type Deadline, type EscalationStep, type Priority, type PriorityRule,
  type ProtocolDefinition, type TaskRule, type ViolenceType,
} from '@qorgau/core';
import { ApiError } from '../api.ts';

export type Keyed<T> = T & { key: string };

export interface EditorDraft {
  defaultPriority: Priority;
  criminalTypes: ViolenceType[];
  priorityRules: Keyed<PriorityRule>[];
  taskRules: Keyed<TaskRule>[];
  escalation: Record<Priority, Keyed<EscalationStep>[]>;
}

let counter = 0;
export const newKey = (): string => `row-${++counter}`;

const keyed = <T extends object>(item: T): Keyed<T> => ({ ...structuredClone(item), key: newKey() });

export function fromDefinition(def: ProtocolDefinition): EditorDraft {
  return {
    defaultPriority: def.defaultPriority,
    criminalTypes: [...def.criminalTypes],
    priorityRules: def.priorityRules.map(keyed),
    taskRules: def.taskRules.map(keyed),
    escalation: Object.fromEntries(PRIORITIES.map((p) => [p, (def.escalation[p] ?? []).map(keyed)])) as EditorDraft['escalation'],
  };
}

/** Drops empty lists and unset flags, so that a condition says only what it asks. */
export function cleanCondition<C extends Condition>(when: C): C {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(when)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out as C;
}

function unkeyed<T extends { key: string }>(item: T): Omit<T, 'key'> {
  const { key: _key, ...rest } = item;
  return rest;
}

export function toDefinition(d: EditorDraft): ProtocolDefinition {
  return {
    defaultPriority: d.defaultPriority,
    priorityRules: d.priorityRules.map((r) => ({ ...unkeyed(r), when: cleanCondition(r.when) })),
    criminalTypes: [...d.criminalTypes],
    taskRules: d.taskRules.map((r) => ({ ...unkeyed(r), when: cleanCondition(r.when) })),
    escalation: Object.fromEntries(PRIORITIES.map((p) => [p, d.escalation[p].map(unkeyed)])) as ProtocolDefinition['escalation'],
  };
}

/** The list with the item at `index` moved by `delta` places (unchanged at the ends). */
export function move<T>(list: readonly T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(index, 1);
  out.splice(to, 0, item as T);
  return out;
}

/** `base`, else `base-2`, `base-3`… whichever is not taken. */
export function uniqueId(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

export function newPriorityRule(taken: readonly string[]): Keyed<PriorityRule> {
  return { key: newKey(), id: uniqueId('new-priority-rule', taken), when: { screening: ['immediateDanger'] }, priority: 'P1' };
}

export function newTaskRule(taken: readonly string[]): Keyed<TaskRule> {
  return {
    key: newKey(), id: uniqueId('new-task-rule', taken), when: { priorities: ['P1'] }, agencyType: 'social_protection', action: 'follow_up',
    deadline: { workingDays: 1 }, mandatory: true,
  };
}

/** A step after the last one: the next level up, a day later. */
export function newStep(steps: readonly EscalationStep[]): Keyed<EscalationStep> {
  const last = steps.at(-1);
  if (!last) return { key: newKey(), to: 'unit_head', after: { hours: 0 } };
  const next = ESCALATION_LEVELS[Math.min(ESCALATION_LEVELS.indexOf(last.to) + 1, ESCALATION_LEVELS.length - 1)] ?? 'prosecutor';
  const after: Deadline = 'hours' in last.after ? { hours: (Number.isFinite(last.after.hours) ? last.after.hours : 0) + 24 } : { workingDays: (Number.isFinite(last.after.workingDays) ? last.after.workingDays : 0) + 1 };
  return { key: newKey(), to: next, after };
}

export type DeadlineUnit = 'hours' | 'workingDays';

export function deadlineUnit(d: Deadline): DeadlineUnit {
  return 'hours' in d ? 'hours' : 'workingDays';
}

export function deadlineAmount(d: Deadline): number {
  return 'hours' in d ? d.hours : d.workingDays;
}

/** A deadline from an amount (NaN while the field is empty) and a unit. */
export function deadlineOf(amount: number, unit: DeadlineUnit): Deadline {
  return unit === 'hours' ? { hours: amount } : { workingDays: amount };
}

export interface Problem {
  /** within the definition: `taskRules.3.deadline.hours` */
  path: string;
  message: string;
}

/** The problems of a failed save or preview, with paths relative to the definition. */
export function problemsOf(error: unknown): Problem[] {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return [];
  return error.details
    .filter((d) => d.path === 'definition' || d.path.startsWith('definition.'))
    .map((d) => ({ path: d.path.replace(/^definition\.?/, ''), message: d.message }));
}

/** The first problem at `path` or inside it (`taskRules.3.deadline` finds `taskRules.3.deadline.hours`). */
export function problemAt(problems: readonly Problem[], path: string): string | undefined {
  return problems.find((p) => p.path === path || p.path.startsWith(`${path}.`))?.message;
}

/** Problems exactly at `path` (a list's own problems, not those of its rows). */
export function problemExactly(problems: readonly Problem[], path: string): string | undefined {
  return problems.find((p) => p.path === path)?.message;
}

/** JSON with object keys sorted, so that the same definition always reads the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

/** Whether two definitions say the same (key order aside). */
export function sameDefinition(a: ProtocolDefinition, b: ProtocolDefinition): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
