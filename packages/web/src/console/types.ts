import type { PerpetratorRelation, Place, ReporterRelation, Sex, ViolenceType } from '@qorgau/core';
import type { LocalisedName } from '../types.ts';

// Helpline contacts as the server takes and sends them (packages/server/src/contacts/schema.ts).

export { CALLER_TYPES, CONTACT_OUTCOMES, SCREENING_QUESTIONS, type CallerType, type ContactOutcome, type ScreeningQuestion } from '@qorgau/core';
import type { CallerType, ContactOutcome, ScreeningQuestion } from '@qorgau/core';

export type Screening = Partial<Record<ScreeningQuestion, boolean>>;

/** How the caller is related to the child, as a report's reporter. */
export const REPORTER_RELATION_OF: Record<Exclude<CallerType, 'anonymous'>, ReporterRelation> = {
  child: 'self', parent: 'parent', relative: 'relative', neighbour: 'neighbour', teacher: 'teacher',
  professional: 'professional', other: 'other',
};

/** A Child Helpline International subcategory (`GET /reference/chi-categories`). */
export interface ChiCategory {
  code: string;
  category: string;
  label: LocalisedName;
  categoryLabel: LocalisedName;
  violenceTypes: string[];
}

export interface Contact {
  id: string;
  channel: string;
  regionCode: string | null;
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
  callerType: string;
  childPersonId: string | null;
  childFirstName: string | null;
  childApproxAge: number | null;
  childSex: string | null;
  chiCode: string;
  screening: Record<string, boolean>;
  outcome: string;
  reportId: string | null;
  reportNumber: string | null;
  summary: string | null;
  operatorId: string;
  createdAt: string;
}

export type NewVictimBody = {
  lastName: string;
  firstName: string;
  approxAge: number | null;
  sex: Sex | null;
};

export interface ConsoleIncidentBody {
  types: ViolenceType[];
  place: Place | null;
  districtCode: string | null;
  victims: ({ id: string } | NewVictimBody)[];
  perpetrators: { relation: PerpetratorRelation }[];
}

export interface ConsoleReportBody {
  channel: 'hotline';
  regionCode: string;
  districtCode: string | null;
  narrative: string;
  reporter: { anonymous: true } | { anonymous: false; lastName: string; firstName: string; relation: ReporterRelation; phone: string | null };
  screening: Screening;
  incidents: ConsoleIncidentBody[];
}

/** `POST /api/v1/contacts` */
export interface ContactBody {
  clientId: string;
  channel: 'hotline';
  regionCode: string | null;
  startedAt: string;
  endedAt: string;
  callerType: CallerType;
  child: { personId: string } | { firstName: string | null; approxAge: number | null; sex: Sex | null } | null;
  chiCode: string;
  screening: Screening;
  outcome: ContactOutcome;
  report?: ConsoleReportBody;
  reportId?: string | null;
  /** with added_to_report: the incident, added in the contact's transaction (idempotent by clientId) */
  incident?: ConsoleIncidentBody;
  summary: string | null;
}
