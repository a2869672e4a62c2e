import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReferralDeclineReason, ReferralOutcome } from '@qorgau/core';
import { ApiError, get, patch, post, put, withQuery } from '../api.ts';
import type { LocalisedName } from '../types.ts';
import type { CaseReferrals, Provider, ProviderDetail, ProviderFilter, ProviderInput, Referral, ReferralUrgency } from './types.ts';

const SERVICES = ['services'] as const;
const REFERRALS = ['referrals'] as const;

const noRetry = (n: number, e: unknown) => !(e instanceof ApiError && e.status < 500) && n < 2;

export function useProviders(f: ProviderFilter, enabled = true) {
  return useQuery({
    queryKey: [...SERVICES, 'list', f],
    queryFn: () => get<{ items: Provider[]; total: number; limit: number; offset: number }>(withQuery('/v1/services/providers', { ...f, available: f.available ? 'true' : undefined })),
    placeholderData: keepPreviousData,
    enabled,
    retry: noRetry,
  });
}

export function useProvider(id: string | null) {
  return useQuery({
    queryKey: [...SERVICES, 'one', id],
    queryFn: () => get<ProviderDetail>(`/v1/services/providers/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
    retry: noRetry,
  });
}

export function useSaveProvider(id: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<ProviderInput>) => (id
      ? patch<ProviderDetail>(`/v1/services/providers/${encodeURIComponent(id)}`, body)
      : post<ProviderDetail>('/v1/services/providers', body)),
    onSuccess: () => client.invalidateQueries({ queryKey: SERVICES }),
  });
}

export function useSetOccupancy(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (occupancy: number) => put<ProviderDetail>(`/v1/services/providers/${encodeURIComponent(id)}/occupancy`, { occupancy }),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: SERVICES }), client.invalidateQueries({ queryKey: REFERRALS })]),
  });
}

export interface Unit { id: string; name: LocalisedName; agencyType: string; regionCode: string | null; active: boolean }

/** Units a provider may belong to (its staff answer its referrals). */
export function useUnits(regionCode: string | null) {
  return useQuery({
    queryKey: ['units', 'list', regionCode],
    queryFn: () => get<{ items: Unit[] }>(withQuery('/v1/units', { regionCode })),
    select: (d) => d.items,
    enabled: Boolean(regionCode),
    staleTime: 5 * 60_000,
    retry: noRetry,
  });
}

// ---------------------------------------------------------------- referrals

export function useReferralQueue(status: string, offset: number, limit = 20) {
  return useQuery({
    queryKey: [...REFERRALS, 'queue', status, offset, limit],
    queryFn: () => get<{ items: Referral[]; total: number }>(withQuery('/v1/referrals', { status: status === 'all' ? undefined : status, offset, limit })),
    placeholderData: keepPreviousData,
    retry: noRetry,
  });
}

export function useCaseReferrals(caseId: string) {
  return useQuery({
    queryKey: [...REFERRALS, 'case', caseId],
    queryFn: () => get<CaseReferrals>(`/v1/cases/${encodeURIComponent(caseId)}/referrals`),
    retry: noRetry,
  });
}

export interface ReferralBody { providerId: string; service: string; personId: string; urgency: ReferralUrgency; reason: string }

export function useCreateReferral(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReferralBody) => post<Referral>(`/v1/cases/${encodeURIComponent(caseId)}/referrals`, body),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: REFERRALS }), client.invalidateQueries({ queryKey: SERVICES })]),
  });
}

export type ReferralStep =
  | { step: 'accept'; overCapacity?: boolean }
  | { step: 'decline'; reason: ReferralDeclineReason; note?: string }
  | { step: 'delivered' }
  | { step: 'feedback'; outcome: ReferralOutcome; feedback: string }
  | { step: 'cancel'; note: string };

export function useReferralStep(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ step, ...body }: ReferralStep) => post<Referral & { overCapacity?: boolean }>(`/v1/referrals/${encodeURIComponent(id)}/${step}`, body),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: REFERRALS }), client.invalidateQueries({ queryKey: SERVICES })]),
  });
}

/** The provider is full: the server refused to accept without overCapacity. */
export function isFullRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && error.details.some((d) => d.path === 'overCapacity');
}
