import type { BodyRegion, ConcernCategory, ConcernStatus } from '@qorgau/core';

export type BodyView = 'front' | 'back';

export interface BodyMark {
  view: BodyView;
  region: BodyRegion;
  /** 0..1 across the figure */
  x: number;
  /** 0..1 down the figure */
  y: number;
  note?: string;
}

export interface ConcernSummary {
  id: string;
  status: ConcernStatus;
  categories: ConcernCategory[];
  grade: string | null;
  child: { id: string; lastName: string; firstName: string };
  schoolId: string;
  observedAt: string;
  createdAt: string;
  authorName: string | null;
  reportId: string | null;
  reportNumber: string | null;
  hasBodyMap: boolean;
}

export interface ConcernAction {
  id: number;
  kind: string;
  note: string | null;
  at: string;
  userId: string;
  userName: string | null;
}

export interface Concern extends Omit<ConcernSummary, 'child'> {
  child: { id: string; lastName: string; firstName: string; middleName: string | null; birthDate: string | null; iin: string | null; sex: string | null };
  schoolName: { kk: string; ru: string; en: string };
  description: string;
  childWords: string | null;
  bodyMap: BodyMark[];
  createdBy: string;
  updatedAt: string;
  reviewerId: string | null;
  reviewerName: string | null;
  closedAt: string | null;
  closeReason: string | null;
  actions: ConcernAction[];
  rights: { review: boolean; escalate: boolean };
}

export interface ConcernBody {
  child: { lastName: string; firstName: string; middleName?: string | null; birthDate?: string | null; iin?: string | null; sex?: 'male' | 'female' | null };
  grade?: string;
  categories: ConcernCategory[];
  observedAt: string;
  description: string;
  childWords?: string;
  bodyMap: BodyMark[];
}

export interface EscalateBody {
  types?: string[];
  place?: string;
  screening?: { immediateDanger?: boolean; childInjured?: boolean; perpetratorHasAccess?: boolean };
}

export interface Escalation {
  concernId: string;
  reportId: string;
  reportNumber: string;
  created: boolean;
}

export interface ChronologyEntry {
  at: string;
  kind: 'concern' | 'concern_action' | 'report';
  concernId: string | null;
  reportId: string | null;
  reportNumber: string | null;
  status: string | null;
  categories: string[];
  types: string[];
  action: string | null;
  note: string | null;
  role: string | null;
  userName: string | null;
}

export const CONCERN_STATUS_COLORS: Record<ConcernStatus, string> = {
  new: 'red', under_review: 'yellow', monitoring: 'blue', escalated: 'grape', closed: 'gray',
};
