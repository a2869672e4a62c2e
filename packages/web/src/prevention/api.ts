import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, patch, post, withQuery, type QueryValue } from '../api.ts';
import type { Items, LocalisedName } from '../types.ts';

export const GRADES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'] as const;

export interface Programme {
  id: string; code: string; name: LocalisedName; description: string | null; organiser: string | null;
  startsOn: string; endsOn: string | null; active: boolean; sessions: number; schoolsReached: number; participants: number;
}
export interface Session {
  id: string; programmeId: string; programmeName: LocalisedName; schoolId: string | null; schoolName: LocalisedName | null;
  regionCode: string; districtCode: string; heldOn: string; topic: string; facilitatorType: string; facilitatorName: string | null;
  participants: Record<string, number>; participantsTotal: number; createdBy: string; createdByName: string | null; createdAt: string; rights: { edit: boolean };
}
export interface Training {
  id: string; programmeId: string | null; programmeName: LocalisedName | null; title: string; heldOn: string; hours: number; organiser: string | null;
  regionCode: string; districtCode: string | null; participants: { specialistId: string; fullName: string; kind: string; schoolId: string; schoolName: LocalisedName }[];
}
export interface VolunteerGroup {
  id: string; name: string; programmeId: string | null; programmeName: LocalisedName | null; schoolId: string | null; schoolName: LocalisedName | null;
  regionCode: string; districtCode: string; members: number; leader: string | null; active: boolean; rights: { edit: boolean };
}
export interface Figures {
  schoolsTotal: number; schoolsReached: number; reachedPercent: number | null; sessions: number; participants: number; students: number; participantsPer100: number | null;
}
export type CoverageLevel = 'region' | 'district' | 'school';
export interface Coverage {
  level: CoverageLevel; from: string; to: string; programmeId: string | null;
  units: (Figures & { code: string; name: LocalisedName; regionCode: string; districtCode: string | null })[]; totals: Figures;
}
export interface Unreached {
  from: string; to: string; total: number;
  items: { schoolId: string; name: LocalisedName; regionCode: string; districtCode: string; districtName: LocalisedName; students: number; lastSessionOn: string | null }[];
}
export type CoverageFilters = { regionCode?: string; districtCode?: string; programmeId?: string; from: string; to: string };

const BASE = '/v1/prevention';

export function usePrograms() {
  return useQuery({ queryKey: ['prevention', 'programmes'], queryFn: () => get<Items<Programme>>(`${BASE}/programmes`), select: (d) => d.items });
}

export function useSessions(q: Record<string, QueryValue>) {
  return useQuery({ queryKey: ['prevention', 'sessions', q], queryFn: () => get<{ items: Session[]; total: number }>(withQuery(`${BASE}/sessions`, q)) });
}

export function useTrainings() {
  return useQuery({ queryKey: ['prevention', 'trainings'], queryFn: () => get<Items<Training>>(`${BASE}/trainings`), select: (d) => d.items });
}

export function useGroups() {
  return useQuery({ queryKey: ['prevention', 'groups'], queryFn: () => get<Items<VolunteerGroup>>(`${BASE}/volunteer-groups`), select: (d) => d.items });
}

export function useCoverage(level: CoverageLevel, f: CoverageFilters) {
  return useQuery({ queryKey: ['prevention', 'coverage', level, f], queryFn: () => get<Coverage>(withQuery(`${BASE}/coverage`, { level, ...f })) });
}

export function useUnreached(f: CoverageFilters, offset: number, limit = 20) {
  return useQuery({ queryKey: ['prevention', 'unreached', f, offset], queryFn: () => get<Unreached>(withQuery(`${BASE}/unreached`, { ...f, limit, offset })) });
}

export const exportUrl = (what: 'coverage' | 'unreached', q: Record<string, QueryValue>) => withQuery(`/api${BASE}/${what}/export`, q);

function useSave<B, R>(fn: (body: B) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: ['prevention'] }) });
}

export const useCreateProgramme = () => useSave((b: Record<string, unknown>) => post<Programme>(`${BASE}/programmes`, b));
export const useCreateSession = () => useSave((b: Record<string, unknown>) => post<Session>(`${BASE}/sessions`, b));
export const useDeleteSession = () => useSave((id: string) => api<null>('DELETE', `${BASE}/sessions/${encodeURIComponent(id)}`));
export const useCreateTraining = () => useSave((b: Record<string, unknown>) => post<Training>(`${BASE}/trainings`, b));
export const useCreateGroup = () => useSave((b: Record<string, unknown>) => post<VolunteerGroup>(`${BASE}/volunteer-groups`, b));
export const useUpdateGroup = () => useSave(({ id, ...b }: { id: string } & Record<string, unknown>) => patch<VolunteerGroup>(`${BASE}/volunteer-groups/${encodeURIComponent(id)}`, b));

/** Today in Kazakhstan (UTC+5), and the same day a year ago: the default period. */
export function lastYear(): { from: string; to: string } {
  const now = new Date(Date.now() + 5 * 3_600_000);
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}
