import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, get, patch, post, upload, withQuery } from '../api.ts';
import type { LocalisedName } from '../types.ts';

export interface School {
  id: string;
  externalId: string | null;
  name: LocalisedName;
  regionCode: string;
  districtCode: string;
  settlementCode: string | null;
  students: number;
  studentsSen: number;
  languages: string[];
  lat: number | null;
  lon: number | null;
  active: boolean;
  updatedAt: string | null;
  rights?: { manage: boolean };
}

export interface SchoolInput {
  externalId?: string | null;
  nameKk: string;
  nameRu: string;
  nameEn: string;
  districtCode: string;
  settlementCode?: string | null;
  students: number;
  studentsSen: number;
  languages: string[];
  lat: number | null;
  lon: number | null;
  active: boolean;
}

export interface SchoolFilter {
  regionCode?: string | null;
  districtCode?: string | null;
  q?: string;
  active?: 'true' | 'false' | null;
  limit: number;
  offset: number;
}

export interface ImportResult {
  dryRun: boolean;
  kind: 'csv' | 'xlsx';
  rows: number;
  valid: number;
  errors: { row: number; field: string; message: string }[];
  errorCount: number;
  created: number;
  updated: number;
  unchanged: number;
}

export interface Specialist {
  id: string;
  schoolId: string;
  schoolName: LocalisedName;
  kind: string;
  fullName: string;
  fte: number;
  userId: string | null;
  active: boolean;
}

const noRetry = (n: number, e: unknown) => !(e instanceof ApiError && e.status < 500) && n < 2;

export function useSchoolList(f: SchoolFilter) {
  return useQuery({
    queryKey: ['schools', 'list', f],
    queryFn: () => get<{ items: School[]; total: number }>(withQuery('/v1/schools', { ...f })),
    placeholderData: keepPreviousData,
    retry: noRetry,
  });
}

export function useSchool(id: string | undefined) {
  return useQuery({ queryKey: ['schools', 'one', id], queryFn: () => get<School>(`/v1/schools/${encodeURIComponent(id ?? '')}`), enabled: Boolean(id), retry: noRetry });
}

export function useSaveSchool(id: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<SchoolInput>) => (id ? patch<School>(`/v1/schools/${encodeURIComponent(id)}`, body) : post<School>('/v1/schools', body)),
    onSuccess: () => client.invalidateQueries({ queryKey: ['schools'] }),
  });
}

export function useImportSchools() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => {
      const form = new FormData();
      form.append('file', file);
      return upload<ImportResult>(`/v1/schools/import?dryRun=${dryRun}`, form);
    },
    onSuccess: (r) => { if (!r.dryRun) void client.invalidateQueries({ queryKey: ['schools'] }); },
  });
}

export function useSpecialists(schoolId: string | undefined) {
  return useQuery({
    queryKey: ['workforce', 'specialists', schoolId],
    queryFn: () => get<{ items: Specialist[]; total: number }>(withQuery('/v1/workforce/specialists', { schoolId })),
    enabled: Boolean(schoolId),
    retry: noRetry,
  });
}

export function useSaveSpecialist(id: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<{ schoolId: string; kind: string; fullName: string; fte: number; active: boolean }>) =>
      (id ? patch<Specialist>(`/v1/workforce/specialists/${encodeURIComponent(id)}`, body) : post<Specialist>('/v1/workforce/specialists', body)),
    onSuccess: () => client.invalidateQueries({ queryKey: ['workforce'] }),
  });
}

/** Field errors of a failed save, by field path. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.details.map((d) => [d.path.split('.')[0] ?? d.path, d.message]));
}
