import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@qorgau/core';
import { ApiError, get, post, withQuery } from '../api.ts';
import { refreshAfterTaskChange } from '../tasks/api.ts';
import type { UnitMember } from '../tasks/types.ts';
import type { Items } from '../types.ts';
import type { Conference, ConferenceStatus, RecordBody, ScheduleBody, Unit } from './types.ts';

/** Roles whose members may see the members of any unit (for inviting named people). */
const MEMBER_READERS: readonly Role[] = ['regional_coordinator', 'supervisor'];

function noRetryOnClientError(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 2;
}

/** The conferences of the user's territory with a status, soonest first. */
export function useConferences(status: ConferenceStatus) {
  return useQuery({
    queryKey: ['conferences', status],
    queryFn: () => get<Items<Conference>>(withQuery('/v1/conferences', { status })),
    select: (data) => data.items,
    retry: noRetryOnClientError,
  });
}

export function useReportConferences(reportId: string) {
  return useQuery({
    queryKey: ['reports', 'conferences', reportId],
    queryFn: () => get<Items<Conference>>(`/v1/reports/${encodeURIComponent(reportId)}/conferences`),
    select: (data) => data.items,
    retry: noRetryOnClientError,
  });
}

function useRefresh(reportId: string) {
  const client = useQueryClient();
  return () => Promise.all([
    client.invalidateQueries({ queryKey: ['reports', 'conferences', reportId] }),
    refreshAfterTaskChange(client, reportId),
  ]);
}

export function useScheduleConference(reportId: string) {
  const refresh = useRefresh(reportId);
  return useMutation({
    mutationFn: (body: ScheduleBody) => post<Conference>(`/v1/reports/${encodeURIComponent(reportId)}/conferences`, body),
    onSuccess: refresh,
  });
}

export function useRecordConference(reportId: string, id: string) {
  const refresh = useRefresh(reportId);
  return useMutation({
    mutationFn: (body: RecordBody) => post<Conference>(`/v1/conferences/${encodeURIComponent(id)}/record`, body),
    onSuccess: refresh,
  });
}

export function useCancelConference(reportId: string, id: string) {
  const refresh = useRefresh(reportId);
  return useMutation({
    mutationFn: (reason: string) => post<Conference>(`/v1/conferences/${encodeURIComponent(id)}/cancel`, { reason }),
    onSuccess: refresh,
  });
}

/**
 * People who may be invited by name: members of the region's units of the chosen agencies. Only
 * coordinators and supervisors may list other units' members; for others the list is empty.
 */
export function useInvitablePeople(regionCode: string, agencies: string[], role: Role) {
  const allowed = MEMBER_READERS.includes(role);
  const units = useQuery({
    queryKey: ['units', 'list', regionCode],
    queryFn: () => get<Items<Unit>>(withQuery('/v1/units', { regionCode })),
    select: (data) => data.items.filter((u) => u.active && u.regionCode === regionCode),
    enabled: allowed,
    staleTime: 5 * 60_000,
    retry: noRetryOnClientError,
  });
  const chosen = (units.data ?? []).filter((u) => agencies.includes(u.agencyType));
  const members = useQueries({
    queries: chosen.map((u) => ({
      queryKey: ['units', 'members', u.id],
      queryFn: () => get<Items<UnitMember>>(`/v1/units/${encodeURIComponent(u.id)}/members`),
      staleTime: 5 * 60_000,
      retry: noRetryOnClientError,
    })),
  });
  return chosen.flatMap((u, i) => (members[i]?.data?.items ?? []).map((m) => ({ ...m, agencyType: u.agencyType, unitName: u.name })));
}
