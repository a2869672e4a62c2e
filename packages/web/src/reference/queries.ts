import { useQuery } from '@tanstack/react-query';
import { get, withQuery } from '../api.ts';
import type { District, Items, Region, School } from '../types.ts';

// Reference lists change with a new classifier edition, not during a session.
const FOREVER = Infinity;

export function useRegions() {
  return useQuery({
    queryKey: ['reference', 'regions'],
    queryFn: () => get<Items<Region>>('/v1/reference/regions'),
    staleTime: FOREVER,
    select: (data) => data.items,
  });
}

export function useDistricts(regionCode: string | null | undefined) {
  return useQuery({
    queryKey: ['reference', 'districts', regionCode],
    queryFn: () => get<Items<District>>(withQuery('/v1/reference/districts', { regionCode })),
    enabled: Boolean(regionCode),
    staleTime: FOREVER,
    select: (data) => data.items,
  });
}

export function useSchools(districtCode: string | null | undefined) {
  return useQuery({
    queryKey: ['reference', 'schools', districtCode],
    queryFn: () => get<Items<School>>(withQuery('/v1/reference/schools', { districtCode })),
    enabled: Boolean(districtCode),
    staleTime: FOREVER,
    select: (data) => data.items,
  });
}
