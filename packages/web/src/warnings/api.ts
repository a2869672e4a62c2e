import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Locale, RiskFlagKind } from '@qorgau/core';
import { ApiError, get, withQuery } from '../api.ts';
import type { CaseFlags, PersonFlags, Profiles, RiskRegister } from './types.ts';

function noRetryOnClientError(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 2;
}

const KEY = ['warnings'] as const;

export function usePersonFlags(personId: string) {
  return useQuery({
    queryKey: [...KEY, 'person', personId],
    queryFn: () => get<PersonFlags>(`/v1/persons/${encodeURIComponent(personId)}/flags`),
    select: (d) => d.items,
    retry: noRetryOnClientError,
  });
}

export function useCaseFlags(caseId: string) {
  return useQuery({
    queryKey: [...KEY, 'case', caseId],
    queryFn: () => get<CaseFlags>(`/v1/cases/${encodeURIComponent(caseId)}/flags`),
    select: (d) => d.items,
    retry: noRetryOnClientError,
  });
}

export interface RegisterFilter {
  regionCode?: string | undefined;
  districtCode?: string | undefined;
  schoolId?: string | undefined;
  kind?: RiskFlagKind | undefined;
  offset?: number | undefined;
}

export const REGISTER_PAGE = 50;

export function useRiskRegister(filter: RegisterFilter) {
  return useQuery({
    queryKey: [...KEY, 'register', filter],
    queryFn: () => get<RiskRegister>(withQuery('/v1/risk-register', { ...filter, limit: REGISTER_PAGE })),
    placeholderData: keepPreviousData,
    retry: noRetryOnClientError,
  });
}

export interface ProfilesQuery {
  from: string;
  to: string;
  regionCode: string;
}

const PROFILES_PATH = '/v1/stats/profiles';

export function useProfiles(q: ProfilesQuery) {
  return useQuery({
    queryKey: ['stats', 'profiles', q],
    queryFn: () => get<Profiles>(withQuery(PROFILES_PATH, { from: q.from, to: q.to, regionCode: q.regionCode || undefined })),
    placeholderData: keepPreviousData,
    retry: noRetryOnClientError,
  });
}

/** A plain link: the browser downloads the file itself, with the session cookie. */
export function profilesFileUrl(q: ProfilesQuery, format: 'csv' | 'xlsx', locale: Locale): string {
  return `/api${withQuery(PROFILES_PATH, { from: q.from, to: q.to, regionCode: q.regionCode || undefined, format, locale })}`;
}
