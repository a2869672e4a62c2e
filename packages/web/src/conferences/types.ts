import type { AgencyType, TaskAction } from '@qorgau/core';
import type { Task } from '../tasks/types.ts';

// Case conferences as the server sends and takes them (commission on juvenile affairs, interagency meetings).

export const CONFERENCE_KINDS = ['commission', 'interagency'] as const;
export type ConferenceKind = (typeof CONFERENCE_KINDS)[number];
export type ConferenceStatus = 'scheduled' | 'held' | 'cancelled';
export const CONFERENCE_STATUSES: readonly ConferenceStatus[] = ['scheduled', 'held', 'cancelled'];
export const CONFERENCE_STATUS_COLORS: Record<ConferenceStatus, string> = { scheduled: 'violet', held: 'teal', cancelled: 'gray' };

export interface Participant {
  userId: string | null;
  agencyType: string;
  name: string | null;
  /** null until the conference is recorded */
  attended: boolean | null;
}

export interface Conference {
  id: string;
  reportId: string | null;
  reportNumber: string | null;
  kind: ConferenceKind;
  regionCode: string;
  scheduledAt: string;
  location: string | null;
  agenda: string | null;
  status: ConferenceStatus;
  participants: Participant[];
  /** the decisions once held; the reason once cancelled; null when withheld */
  decisions: string | null;
  organiserId: string;
  organiserName: string | null;
  heldAt: string | null;
  followUpTasks: Task[];
  rights: { manage: boolean };
}

export interface ScheduleBody {
  kind: ConferenceKind;
  scheduledAt: string;
  location?: string;
  agenda?: string;
  participants: { userId?: string | null; agencyType: AgencyType; name?: string | null }[];
}

export interface FollowUpBody {
  agencyType: AgencyType;
  action: TaskAction;
  instructions?: string;
  dueAt: string;
}

export interface RecordBody {
  attendedUserIds: string[];
  attendedAgencies: AgencyType[];
  decisions: string;
  followUps: FollowUpBody[];
}

export interface Unit {
  id: string;
  agencyType: AgencyType;
  name: { kk: string; ru: string; en: string };
  regionCode: string | null;
  districtCode: string | null;
  active: boolean;
}
