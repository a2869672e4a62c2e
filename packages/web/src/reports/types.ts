import type { Channel, PerpetratorRelation, Place, Priority, ReporterRelation, Sex, ViolenceType } from '@qorgau/core';
import type { Person } from '../persons/types.ts';
import type { Task } from '../tasks/types.ts';

// Reports as the server sends and takes them (API.md "Reports").

export const REPORT_STATUSES = ['registered', 'in_progress', 'closed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface PersonInReport extends Person {
  relation: string | null;
}

export interface Qualification {
  code: 'criminal' | 'administrative';
  article: string;
}

export interface Incident {
  id: string;
  types: string[];
  occurredOn: string | null;
  place: string | null;
  regionCode: string;
  districtCode: string | null;
  settlementCode: string | null;
  schoolId: string | null;
  injuries: string | null;
  legalQualification: Qualification[];
  victims: PersonInReport[];
  perpetrators: PersonInReport[];
}

/** A response task (the full shape is in tasks/types.ts). */
export type { Task } from '../tasks/types.ts';

export interface Report {
  id: string;
  number: string;
  status: ReportStatus;
  priority: Priority;
  channel: Channel;
  regionCode: string;
  districtCode: string | null;
  receivedAt: string;
  narrative: string | null;
  reporter: Record<string, unknown> | null;
  screening: Record<string, boolean>;
  sensitive: boolean;
  redacted: boolean;
  statusReason?: string | null;
  createdAt: string;
  updatedAt: string;
  incidents: Incident[];
  /** the response protocol version the report follows */
  protocolVersion?: number | null;
  tasks: Task[];
}

export interface ReportSummary {
  id: string;
  number: string;
  status: ReportStatus;
  priority: Priority;
  channel: Channel;
  regionCode: string;
  districtCode: string | null;
  receivedAt: string;
  types: string[];
  victimCount: number;
}

export interface HistoryEntry {
  at: string;
  userId?: string | null;
  username: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  details: Record<string, unknown> | null;
}

export interface Attachment {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  uploadedAt: string;
  uploadedBy: string | null;
  /** set when the file documents an action on a task */
  taskId?: string | null;
}

export interface LegalArticle {
  code: 'criminal' | 'administrative';
  article: string;
  title: { kk: string; ru: string; en: string };
  active: boolean;
}

// What POST /reports takes.

export interface NewPersonBody {
  iin: string | null;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  sex: Sex | null;
}

export type VictimBody = { id: string } | NewPersonBody;

export type PerpetratorBody =
  | { id: string; relation: PerpetratorRelation }
  | { relation: PerpetratorRelation; sex?: Sex | null }
  | (NewPersonBody & { relation: PerpetratorRelation });

export interface IncidentBody {
  types: ViolenceType[];
  occurredOn: string | null;
  place: Place | null;
  districtCode: string | null;
  settlementCode: string | null;
  schoolId: string | null;
  injuries: string | null;
  legalQualification: Qualification[];
  victims: VictimBody[];
  perpetrators: PerpetratorBody[];
}

export type ReporterBody =
  | { anonymous: true }
  | { anonymous: false; lastName: string; firstName: string; relation: ReporterRelation; phone: string | null };

export interface ReportBody {
  channel: Channel;
  regionCode: string;
  districtCode: string | null;
  receivedAt?: string;
  narrative: string;
  reporter: ReporterBody;
  screening: { immediateDanger?: boolean; childInjured?: boolean; perpetratorHasAccess?: boolean };
  incidents: IncidentBody[];
}

export interface ReportFilter {
  regionCode: string;
  districtCode: string;
  status: string;
  type: string;
  channel: string;
  priority: string;
  from: string;
  to: string;
}

export const FILTER_KEYS = ['regionCode', 'districtCode', 'status', 'type', 'channel', 'priority', 'from', 'to'] as const satisfies readonly (keyof ReportFilter)[];
