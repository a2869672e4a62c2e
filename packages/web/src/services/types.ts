import type { ProviderKind, ReferralDeclineReason, ReferralOutcome, ReferralStatus, ServiceCode } from '@qorgau/core';
import type { LocalisedName } from '../types.ts';

// Shapes of the service directory's and the referrals' answers (packages/server/src/services, referrals).

export interface Provider {
  id: string;
  externalId: string | null;
  kind: ProviderKind;
  name: LocalisedName;
  services: ServiceCode[];
  regionCode: string;
  districtCode: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  lat: number | null;
  lon: number | null;
  ageMin: number;
  ageMax: number;
  languages: string[];
  /** null: places not limited */
  capacity: number | null;
  occupancy: number;
  occupancyUpdatedAt: string | null;
  /** null when places are not limited */
  freePlaces: number | null;
  /** accepted referrals not yet delivered */
  activeReferrals: number;
  /** sent referrals not yet answered */
  waitingReferrals: number;
  unitId: string | null;
  active: boolean;
  updatedAt: string;
}

export interface ProviderDetail extends Provider {
  unitName: LocalisedName | null;
  rights: { manage: boolean; occupancy: boolean };
}

export interface ProviderInput {
  externalId: string | null;
  kind: ProviderKind;
  nameKk: string;
  nameRu: string;
  nameEn: string;
  services: ServiceCode[];
  regionCode: string;
  districtCode: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  lat: number | null;
  lon: number | null;
  ageMin: number;
  ageMax: number;
  languages: string[];
  capacity: number | null;
  occupancy?: number;
  unitId: string | null;
  active: boolean;
}

export interface ProviderFilter {
  q?: string;
  kind?: string;
  service?: string;
  regionCode?: string;
  districtCode?: string;
  age?: number | null;
  language?: string;
  available?: boolean;
  active?: 'true' | 'false' | 'all';
  unitId?: string;
  limit: number;
  offset: number;
}

export type ReferralUrgency = 'routine' | 'urgent';

export interface Referral {
  id: string;
  caseId: string;
  caseNumber: string;
  status: ReferralStatus;
  service: ServiceCode;
  urgency: ReferralUrgency;
  reason: string;
  provider: { id: string; kind: ProviderKind; name: LocalisedName; phone: string | null; capacity: number | null; occupancy: number; freePlaces: number | null };
  person: { id: string; lastName: string; firstName: string; middleName: string | null; birthDate: string | null; age: number | null; sex: string | null } | null;
  referredAt: string;
  referredBy: { id: string; name: string | null; agencyType: string | null; unitName: LocalisedName | null; email: string | null };
  decidedAt: string | null;
  decidedByName: string | null;
  declineReason: ReferralDeclineReason | null;
  declineNote: string | null;
  deliveredAt: string | null;
  feedback: string | null;
  outcome: ReferralOutcome | null;
  feedbackAt: string | null;
  updatedAt: string;
  rights: { accept: boolean; decline: boolean; deliver: boolean; feedback: boolean; cancel: boolean };
}

export interface CaseReferrals {
  items: Referral[];
  case: { id: string; number: string; regionCode: string; districtCode: string | null; canRefer: boolean };
}

/** A member of the case as the case page passes it to the referrals panel. */
export interface CaseMemberOption {
  personId: string;
  name: string;
  birthDate: string | null;
  relation: string;
}
