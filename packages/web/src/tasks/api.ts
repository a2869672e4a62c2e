import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Role, TaskOutcome } from '@qorgau/core';
import { ApiError, get, post, upload, withQuery } from '../api.ts';
import type { Attachment } from '../reports/types.ts';
import type { Items } from '../types.ts';
import type { InboxFilter, InboxPage, InboxScope, TaskDetail, TimelineItem, TimelinessRow, UnitMember } from './types.ts';

const PAGE_SIZE = 50;
/** Lists with time left are refreshed this often, so that what is shown stays true. */
export const REFRESH_MS = 30_000;

/** Roles that see every task of their territory (the server answers 403 to others). */
export const TERRITORY_ROLES: readonly Role[] = ['supervisor', 'regional_coordinator', 'commission_member'];

function noRetryOnClientError(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 2;
}

export function useInbox(filter: InboxFilter) {
  return useInfiniteQuery({
    queryKey: ['tasks', 'inbox', filter],
    queryFn: ({ pageParam }) => get<InboxPage>(withQuery('/v1/tasks', {
      scope: filter.scope, status: filter.status, overdue: filter.overdue || undefined, agencyType: filter.agencyType,
      priority: filter.priority, limit: PAGE_SIZE, cursor: pageParam,
    })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
    retry: noRetryOnClientError,
  });
}

/** Active and overdue tasks of a scope, for the navigation badge. */
export function useTaskCounts(scope: InboxScope, enabled: boolean) {
  return useQuery({
    queryKey: ['tasks', 'counts', scope],
    // numbers only: not audited, unlike the inbox itself
    queryFn: () => get<InboxPage['counts']>(withQuery('/v1/tasks/counts', { scope })),
    enabled,
    refetchInterval: 60_000,
    retry: noRetryOnClientError,
  });
}

export function useTask(id: string) {
  return useQuery({
    queryKey: ['tasks', 'one', id],
    queryFn: () => get<TaskDetail>(`/v1/tasks/${encodeURIComponent(id)}`),
    // time left is recounted in the page (useNow); the task itself is read again on focus and after changes
    retry: noRetryOnClientError,
  });
}

export function useUnitMembers(unitId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['units', 'members', unitId],
    queryFn: () => get<Items<UnitMember>>(`/v1/units/${encodeURIComponent(unitId ?? '')}/members`),
    select: (data) => data.items,
    enabled: enabled && Boolean(unitId),
    retry: noRetryOnClientError,
  });
}

/** After a change to a task: the task, the lists and the report it belongs to. */
export function refreshAfterTaskChange(client: QueryClient, reportId: string): Promise<unknown> {
  return Promise.all([
    client.invalidateQueries({ queryKey: ['tasks', 'inbox'] }),
    client.invalidateQueries({ queryKey: ['tasks', 'counts'] }),
    client.invalidateQueries({ queryKey: ['reports', 'one', reportId] }),
    client.invalidateQueries({ queryKey: ['reports', 'timeline', reportId] }),
    client.invalidateQueries({ queryKey: ['reports', 'history', reportId] }),
    client.invalidateQueries({ queryKey: ['reports', 'attachments', reportId] }),
  ]);
}

export type TaskCommand =
  | { kind: 'accept' }
  | { kind: 'assign'; userId: string }
  | { kind: 'action'; note: string }
  | { kind: 'complete'; outcome: TaskOutcome; note?: string }
  | { kind: 'cancel'; reason: string };

function send(id: string, command: TaskCommand): Promise<TaskDetail> {
  const path = `/v1/tasks/${encodeURIComponent(id)}`;
  switch (command.kind) {
    case 'accept': return post<TaskDetail>(`${path}/accept`);
    case 'assign': return post<TaskDetail>(`${path}/assign`, { userId: command.userId });
    case 'action': return post<TaskDetail>(`${path}/actions`, { note: command.note });
    case 'complete': return post<TaskDetail>(`${path}/complete`, { outcome: command.outcome, ...(command.note ? { note: command.note } : {}) });
    case 'cancel': return post<TaskDetail>(`${path}/cancel`, { reason: command.reason });
  }
}

/** One mutation per form: accept, assign, record an action, complete, cancel. */
export function useTaskCommand(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (command: TaskCommand) => send(id, command),
    onSuccess: (task) => {
      client.setQueryData(['tasks', 'one', id], task);
      return refreshAfterTaskChange(client, task.reportId);
    },
  });
}

export function useUploadTaskAttachment(id: string, reportId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return upload<Attachment>(`/v1/tasks/${encodeURIComponent(id)}/attachments`, form);
    },
    onSuccess: () => Promise.all([
      client.invalidateQueries({ queryKey: ['tasks', 'one', id] }),
      refreshAfterTaskChange(client, reportId),
    ]),
  });
}

export function useReportTimeline(reportId: string) {
  return useQuery({
    queryKey: ['reports', 'timeline', reportId],
    queryFn: () => get<Items<TimelineItem>>(`/v1/reports/${encodeURIComponent(reportId)}/timeline`),
    select: (data) => data.items,
    retry: noRetryOnClientError,
  });
}

export interface TimelinessQuery {
  groupBy: 'agency' | 'region';
  from: string;
  to: string;
  regionCode: string;
}

export function useTimeliness(q: TimelinessQuery) {
  return useQuery({
    queryKey: ['stats', 'timeliness', q],
    queryFn: () => get<{ rows: TimelinessRow[] }>(withQuery('/v1/stats/timeliness', { ...q })),
    select: (data) => data.rows,
    placeholderData: keepPreviousData,
    retry: noRetryOnClientError,
  });
}
