import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AgencyType } from '@qorgau/core';
import { api, get, post, put, withQuery } from '../api.ts';
import type { Items, LocalisedName } from '../types.ts';

/** An office of an agency that receives tasks: national, for a region, or for a district. */
export interface Unit {
  id: string;
  agencyType: AgencyType;
  name: LocalisedName;
  regionCode: string | null;
  districtCode: string | null;
  email: string | null;
  active: boolean;
}

export interface UnitBody {
  agencyType: AgencyType;
  nameKk: string;
  nameRu: string;
  nameEn: string;
  regionCode: string | null;
  districtCode?: string | null;
  email?: string | null;
  active?: boolean;
}

/** Which unit gets an agency's tasks in a region (districtCode null) or in one district. */
export interface RoutingRule {
  id: string;
  agencyType: AgencyType;
  regionCode: string;
  districtCode: string | null;
  unitId: string;
}

export interface UnitFilter {
  agencyType?: AgencyType | '' | null;
  /** a region's units and the national ones */
  regionCode?: string | null;
}

export function useUnits(filter: UnitFilter, enabled = true) {
  return useQuery({
    queryKey: ['units', 'list', filter.agencyType || null, filter.regionCode || null],
    queryFn: () => get<Items<Unit>>(withQuery('/v1/units', { agencyType: filter.agencyType, regionCode: filter.regionCode })),
    select: (data) => data.items,
    enabled,
  });
}

export function useCreateUnit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UnitBody) => post<Unit>('/v1/units', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['units'] }),
  });
}

export function useUpdateUnit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UnitBody }) => put<Unit>(`/v1/units/${encodeURIComponent(id)}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['units'] }),
  });
}

export function useUnitMembers(id: string | null) {
  return useQuery({
    queryKey: ['units', 'members', id],
    queryFn: () => get<Items<{ id: string; fullName: string; isUnitHead: boolean }>>(`/v1/units/${encodeURIComponent(id ?? '')}/members`),
    select: (data) => data.items,
    enabled: Boolean(id),
  });
}

export function useRouting(regionCode: string | null) {
  return useQuery({
    queryKey: ['routing', regionCode],
    queryFn: () => get<Items<RoutingRule>>(withQuery('/v1/routing', { regionCode })),
    select: (data) => data.items,
    enabled: Boolean(regionCode),
  });
}

export function useSetRoute() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { agencyType: AgencyType; regionCode: string; districtCode: string | null; unitId: string }) =>
      put<RoutingRule>('/v1/routing', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['routing'] }),
  });
}

export function useDeleteRoute() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/v1/routing/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['routing'] }),
  });
}
