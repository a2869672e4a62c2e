import type { AgencyType, EscalationLevel, Priority, TaskAction, TaskOutcome, TaskStatus } from '@qorgau/core';
import type { LocalisedName } from '../types.ts';

// Response tasks as the server sends them (GET /tasks, GET /tasks/:id, a report's `tasks`).

export interface Task {
  id: string;
  reportId: string;
  reportNumber: string;
  agencyType: AgencyType;
  action: TaskAction;
  dueAt: string;
  status: TaskStatus;
  mandatory: boolean;
  priority: Priority;
  regionCode: string;
  districtCode: string | null;
  unitId: string | null;
  unitName: LocalisedName | null;
  assigneeId: string | null;
  assigneeName: string | null;
  instructions: string | null;
  conferenceId: string | null;
  protocolVersion: number | null;
  ruleId: string | null;
  createdAt: string;
  acceptedAt: string | null;
  completedAt: string | null;
  outcome: TaskOutcome | null;
  statusReason: string | null;
  escalationStep: number;
  escalationLevel: EscalationLevel | null;
  nextEscalationAt: string | null;
}

export const TASK_EVENT_KINDS = ['created', 'accepted', 'assigned', 'action', 'completed', 'cancelled', 'escalated'] as const;
export type TaskEventKind = (typeof TASK_EVENT_KINDS)[number];

export interface TaskEvent {
  id: number;
  at: string;
  kind: TaskEventKind;
  userId: string | null;
  userName: string | null;
  /** null when the reader has no need to know the text (see noteWithheld) */
  note: string | null;
  noteWithheld: boolean;
  details: Record<string, unknown>;
}

export interface TaskRights {
  work: boolean;
  assign: boolean;
  cancel: boolean;
}

export interface TaskDetail extends Task {
  events: TaskEvent[];
  rights: TaskRights;
}

export const INBOX_SCOPES = ['mine', 'unit', 'territory'] as const;
export type InboxScope = (typeof INBOX_SCOPES)[number];

export const INBOX_STATUSES = ['active', 'open', 'accepted', 'done', 'cancelled'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

export interface InboxFilter {
  scope: InboxScope;
  status: InboxStatus;
  /** 'true' for overdue only; '' for all */
  overdue: '' | 'true';
  agencyType: AgencyType | '';
  priority: Priority | '';
}

export interface InboxPage {
  items: Task[];
  nextCursor: string | null;
  counts: { active: number; overdue: number };
}

export interface UnitMember {
  id: string;
  fullName: string;
  isUnitHead: boolean;
}

// The case timeline of a report (GET /reports/:id/timeline).

export const TIMELINE_KINDS = [
  'report_created', 'report_updated', 'status_changed', 'incident_added', 'attachment_added', 'task_created', 'task_accepted',
  'task_assigned', 'task_action', 'task_completed', 'task_cancelled', 'task_escalated', 'conference_scheduled', 'conference_held',
  'conference_cancelled',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineItem {
  at: string;
  kind: TimelineKind;
  agencyType: AgencyType | null;
  userId: string | null;
  userName: string | null;
  taskId: string | null;
  action: TaskAction | null;
  note: string | null;
  noteWithheld: boolean;
  details: Record<string, unknown> | null;
}

// Timeliness of the response (GET /stats/timeliness).

export interface TimelinessRow {
  key: string;
  total: number;
  done: number;
  doneOnTime: number;
  doneLate: number;
  openOverdue: number;
  open: number;
  onTimePercent: number | null;
}
