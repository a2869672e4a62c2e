import { useMutation, useQuery } from '@tanstack/react-query';
import type { Locale, ViolenceType } from '@qorgau/core';
import { get, post } from '../api.ts';
import type { PublicStats } from '../stats/types.ts';

export const PUBLIC_NARRATIVE_MAX = 5000;

/** Typology in plain words, for children and citizens; each maps to one code of the register. */
export const PUBLIC_TYPES: readonly ViolenceType[] = [
  'physical', 'sexual', 'psychological', 'neglect', 'bullying', 'cyberbullying', 'online_sexual_abuse',
  'domestic_violence_witness', 'self_harm', 'other',
];

export interface PublicReportBody {
  regionCode: string;
  narrative: string;
  types?: ViolenceType[];
  contact?: string;
  /** the language the form was filled in */
  locale?: Locale;
}

export function useSubmitPublicReport() {
  return useMutation({
    mutationFn: (body: PublicReportBody) => post<{ trackingCode: string }>('/v1/public/reports', body),
  });
}

/** Tracking codes are shown in capitals and may be typed with spaces or in lower case. */
export function normaliseCode(code: string): string {
  return code.trim().replace(/\s+/g, '').toUpperCase();
}

export function usePublicStatus(code: string) {
  return useQuery({
    queryKey: ['public', 'status', code],
    queryFn: () => get<{ status: string }>(`/v1/public/reports/${encodeURIComponent(code)}`),
    enabled: code.length > 0,
    retry: false,
    staleTime: 0,
  });
}

/** Published figures (no sign-in): incidents by region × type for a year, small counts suppressed. */
export function usePublicStats(year: number, locale: Locale) {
  return useQuery({
    queryKey: ['public', 'stats', year, locale],
    queryFn: () => get<PublicStats>(`/v1/public/stats?year=${year}&locale=${locale}`),
    placeholderData: (previous) => previous,
    retry: false,
  });
}
