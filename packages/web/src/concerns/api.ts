import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, get, post, withQuery } from '../api.ts';
import type { Items, Page } from '../types.ts';
import type { ChronologyEntry, Concern, ConcernBody, ConcernSummary, EscalateBody, Escalation } from './types.ts';

const KEY = ['concerns'] as const;

function noRetryOnClientError(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 2;
}

export type ConcernFilter = { status?: string | undefined; category?: string | undefined };

export function useConcernList(filter: ConcernFilter) {
  return useInfiniteQuery({
    queryKey: [...KEY, 'list', filter],
    queryFn: ({ pageParam }) => get<Page<ConcernSummary>>(withQuery('/v1/concerns', { ...filter, limit: 50, cursor: pageParam })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    retry: noRetryOnClientError,
  });
}

export function useConcern(id: string) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    queryFn: () => get<Concern>(`/v1/concerns/${encodeURIComponent(id)}`),
    retry: noRetryOnClientError,
  });
}

export function useChronology(personId: string, enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'chronology', personId],
    queryFn: () => get<Items<ChronologyEntry>>(`/v1/persons/${encodeURIComponent(personId)}/chronology`),
    select: (d) => d.items,
    enabled,
    retry: noRetryOnClientError,
  });
}

export function useCreateConcern() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ConcernBody) => post<Concern>('/v1/concerns', body),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

function useConcernMutation<B>(id: string, path: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => post<Concern>(`/v1/concerns/${encodeURIComponent(id)}/${path}`, body),
    onSuccess: (data) => {
      client.setQueryData([...KEY, 'one', id], data);
      return client.invalidateQueries({ queryKey: KEY });
    },
  });
}

export const useAddConcernAction = (id: string) => useConcernMutation<{ kind: string; note?: string; monitoring?: boolean }>(id, 'actions');
export const useCloseConcern = (id: string) => useConcernMutation<{ reason: string }>(id, 'close');

export function useEscalateConcern(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EscalateBody) => post<Escalation>(`/v1/concerns/${encodeURIComponent(id)}/escalate`, body),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: KEY }), client.invalidateQueries({ queryKey: ['reports'] })]),
  });
}
