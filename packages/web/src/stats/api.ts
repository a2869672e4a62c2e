import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Locale } from '@qorgau/core';
import { ApiError, get, post, withQuery } from '../api.ts';
import type { District, Items } from '../types.ts';
import type { Dashboard, ExportFormat, MapData, OfficialTable, PopulationItem, PopulationResult } from './types.ts';

function noRetryOnClientError(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 2;
}

/** While the rollup is catching up (`pending`), the figures are read again every few seconds. */
const RECOUNT_POLL_MS = 5_000;

export interface DashboardQuery {
  from: string;
  to: string;
  regionCode: string;
}

export function useDashboard(q: DashboardQuery) {
  return useQuery({
    queryKey: ['stats', 'dashboard', q],
    queryFn: () => get<Dashboard>(withQuery('/v1/stats/dashboard', { from: q.from, to: q.to, regionCode: q.regionCode })),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.pending ? RECOUNT_POLL_MS : false),
    retry: noRetryOnClientError,
  });
}

/** Regions, or the districts of `regionCode`; every measure is in each item, so the map asks once. */
export function useStatsMap(q: DashboardQuery, pending: boolean) {
  return useQuery({
    queryKey: ['stats', 'map', q],
    queryFn: () => get<MapData>(withQuery('/v1/stats/map', { from: q.from, to: q.to, regionCode: q.regionCode, measure: 'count' })),
    placeholderData: keepPreviousData,
    refetchInterval: pending ? RECOUNT_POLL_MS : false,
    retry: noRetryOnClientError,
  });
}

export interface TableQuery {
  from: string;
  to: string;
  locale: Locale;
}

const TABLE_PATH = '/v1/stats/tables/region-type';

export function useRegionTypeTable(q: TableQuery) {
  return useQuery({
    queryKey: ['stats', 'table', 'region-type', q],
    queryFn: () => get<OfficialTable>(withQuery(TABLE_PATH, { ...q, format: 'json' })),
    placeholderData: keepPreviousData,
    retry: noRetryOnClientError,
  });
}

/** A plain link: the browser downloads the file itself, with the session cookie. */
export function tableFileUrl(q: TableQuery, format: ExportFormat): string {
  return `/api${withQuery(TABLE_PATH, { ...q, format })}`;
}

export function usePopulation() {
  return useQuery({
    queryKey: ['stats', 'population'],
    queryFn: () => get<Items<PopulationItem>>('/v1/stats/population'),
    select: (data) => data.items,
    retry: noRetryOnClientError,
  });
}

export function useLoadPopulation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { csv: string; dryRun: boolean }) => post<PopulationResult>('/v1/stats/population', body),
    onSuccess: (result) => {
      if (result.dryRun || !result.loaded) return;
      // rates on the map change with the figures
      return Promise.all([
        client.invalidateQueries({ queryKey: ['stats', 'population'] }),
        client.invalidateQueries({ queryKey: ['stats', 'map'] }),
      ]);
    },
  });
}

/** Every district of the country (the reference list), to name the rows of the population figures. */
export function useAllDistricts(enabled: boolean) {
  return useQuery({
    queryKey: ['reference', 'districts', 'all'],
    queryFn: () => get<Items<District>>('/v1/reference/districts'),
    select: (data) => data.items,
    enabled,
    staleTime: Infinity,
  });
}
