import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, get, post, withQuery } from '../api.ts';
import type { Items } from '../types.ts';
import type { Candidate, CandidateSummary, Merge, Run } from './types.ts';

const KEY = ['linkage'] as const;

function noRetryOnClientError(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 2;
}

export type CandidateFilter = { status: string; band?: string | undefined };

export function useCandidates(filter: CandidateFilter) {
  return useInfiniteQuery({
    queryKey: [...KEY, 'candidates', filter],
    queryFn: ({ pageParam }) => get<{ items: CandidateSummary[]; nextCursor: string | null; thresholds: { upper: number; lower: number } }>(
      withQuery('/v1/linkage/candidates', { ...filter, limit: 50, cursor: pageParam })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    retry: noRetryOnClientError,
  });
}

export function useCandidate(id: string) {
  return useQuery({ queryKey: [...KEY, 'candidate', id], queryFn: () => get<Candidate>(`/v1/linkage/candidates/${encodeURIComponent(id)}`), retry: noRetryOnClientError });
}

export function useMerges() {
  return useInfiniteQuery({
    queryKey: [...KEY, 'merges'],
    queryFn: ({ pageParam }) => get<{ items: Merge[]; nextCursor: string | null }>(withQuery('/v1/linkage/merges', { limit: 50, cursor: pageParam })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: noRetryOnClientError,
  });
}

/** Runs, newest first; polled while one is still running. */
export function useRuns() {
  return useQuery({
    queryKey: [...KEY, 'runs'],
    queryFn: () => get<Items<Run>>('/v1/linkage/runs'),
    select: (d) => d.items,
    refetchInterval: (query) => (query.state.data?.items[0] && !query.state.data.items[0].finishedAt ? 3000 : false),
    retry: noRetryOnClientError,
  });
}

export function useStartRun() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => post<{ id: string }>('/v1/linkage/runs', { wait: false }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export function useMerge(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { survivorId: string; reason?: string }) => post<Merge>(`/v1/linkage/candidates/${encodeURIComponent(id)}/merge`, body),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: KEY }), client.invalidateQueries({ queryKey: ['persons'] })]),
  });
}

export function useMarkDistinct(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { reason?: string }) => post<Candidate>(`/v1/linkage/candidates/${encodeURIComponent(id)}/distinct`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export function useUndoMerge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason?: string }) => post<Merge>(`/v1/linkage/merges/${encodeURIComponent(id)}/undo`, reason ? { reason } : {}),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: KEY }), client.invalidateQueries({ queryKey: ['persons'] })]),
  });
}
