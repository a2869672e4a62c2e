import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, get, post, put, withQuery } from '../api.ts';
import type { LocalisedName } from '../types.ts';

export interface KindFigures { kind: string; fte: number; studentsPerFte: number | null; needFte: number; gapFte: number; normStudentsPerFte: number }
export interface SchoolMetrics {
  id: string; name: LocalisedName; regionCode: string; districtCode: string; students: number; kinds: KindFigures[]; fteTotal: number;
  openCaseload: number; caseloadPerFte: number | null; casesPerFte: number | null; underServed: boolean; overloaded: boolean;
}
export interface SummaryGroup { code: string; name: LocalisedName; schools: number; students: number; fte: number; needFte: number; gapFte: number; underServedSchools: number; studentsPerFte: number | null }
export interface Summary { level: 'region' | 'district'; kind: string; studentsPerFteNorm: number; groups: SummaryGroup[]; total: SummaryGroup }
export interface Norm { kind: string; studentsPerFte: number; casesPerFte: number | null; updatedAt: string }
export interface PlanInput { regionCode?: string; kind: string; positions: number; step: number; mode: 'new' | 'reassign' }
export interface PlanRule { code: string; step?: number; steps?: number; fte?: number; donors?: number; unallocatedFte?: number }
export interface PlanRow {
  id: string; name: LocalisedName; districtCode: string; students: number; haveFte: number; needFte: number; add: number; remove: number; afterFte: number;
  gapBefore: number; gapAfter: number; studentsPerFteBefore: number | null; studentsPerFteAfter: number | null; firstReduction: number;
}
export interface Plan {
  regionCode: string | null; kind: string; mode: 'new' | 'reassign'; step: number; positions: number; studentsPerFte: number; schoolsTotal: number;
  allocatedNew: number; moved: number; unallocated: number; objectiveBefore: number; objectiveAfter: number; shortfallBefore: number; shortfallAfter: number;
  underServedBefore: number; underServedAfter: number; proportional: { objectiveAfter: number; shortfallAfter: number };
  explanation: { objective: string; rules: PlanRule[]; firstSteps: { order: number; schoolId: string; schoolName: LocalisedName; gapBefore: number; gapAfter: number; reduction: number }[] };
  schools: PlanRow[];
}

const noRetry = (n: number, e: unknown) => !(e instanceof ApiError && e.status < 500) && n < 2;

export function useSchoolMetrics(q: { regionCode?: string | null; kind: string; underServedOnly: boolean; limit: number; offset: number }) {
  return useQuery({
    queryKey: ['workforce', 'schools', q],
    queryFn: () => get<{ items: SchoolMetrics[]; total: number; underServed: number }>(withQuery('/v1/workforce/schools', { ...q })),
    placeholderData: keepPreviousData,
    retry: noRetry,
  });
}

export function useSummary(regionCode: string | null, kind: string) {
  return useQuery({ queryKey: ['workforce', 'summary', regionCode, kind], queryFn: () => get<Summary>(withQuery('/v1/workforce/summary', { regionCode, kind })), retry: noRetry });
}

export function useNorms() {
  return useQuery({ queryKey: ['workforce', 'norms'], queryFn: () => get<{ items: Norm[] }>('/v1/workforce/norms'), select: (d) => d.items, retry: noRetry });
}

export function useSaveNorms() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (items: { kind: string; studentsPerFte: number; casesPerFte: number | null }[]) => put<{ items: Norm[] }>('/v1/workforce/norms', { items }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['workforce'] }),
  });
}

export function usePlan() {
  return useMutation({ mutationFn: (body: PlanInput) => post<Plan>('/v1/workforce/allocation', body) });
}

export function exportUrl(ext: 'xlsx' | 'csv', body: PlanInput, lang: string): string {
  return withQuery(`/api/v1/workforce/allocation.${ext}`, { ...body, lang });
}
