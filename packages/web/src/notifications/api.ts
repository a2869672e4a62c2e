// Notifications of the signed-in user: the list behind the bell, read marks, preferences, and the
// live stream that tells the list to refresh whenever a new one commits on any server instance.
import { useEffect } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notificationText, type Locale, type NotificationKind, type NotificationTextParams } from '@qorgau/core';
import { get, post, put, withQuery } from '../api.ts';

export interface AppNotification {
  id: number;
  kind: NotificationKind;
  /** codes and ids only, never names */
  params: NotificationTextParams;
  reportId: string | null;
  taskId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: AppNotification[];
  nextCursor: string | null;
  unread: number;
}

export interface NotificationPreference {
  kind: NotificationKind;
  inApp: boolean;
  email: boolean;
}

export const NOTIFICATIONS_KEY = ['notifications'] as const;
const LIST_KEY = [...NOTIFICATIONS_KEY, 'list'] as const;
const PREFERENCES_KEY = [...NOTIFICATIONS_KEY, 'preferences'] as const;
const EMAIL_KEY = ['account', 'email'] as const;
const PAGE_SIZE = 20;

/** Where a notification leads: its family case, report, the referral queue, the school's concern, or the task inbox. */
export function notificationHref(n: Pick<AppNotification, 'reportId'> & { params?: AppNotification['params'] }): string {
  const caseId = n.params?.caseId;
  if (typeof caseId === 'string' && caseId) return `/cases/${encodeURIComponent(caseId)}`;
  if (n.reportId) return `/reports/${encodeURIComponent(n.reportId)}`;
  if (typeof n.params?.referralId === 'string' && n.params.referralId) return '/referrals';
  const concernId = n.params?.concernId;
  return typeof concernId === 'string' && concernId ? `/concerns/${encodeURIComponent(concernId)}` : '/inbox';
}

/** Title and body in the reader's language, composed from codes only (the same function writes the emails). */
export function notificationWords(n: Pick<AppNotification, 'kind' | 'params'>, locale: Locale) {
  return notificationText(n.kind, n.params, locale);
}

export function useNotifications() {
  return useInfiniteQuery({
    queryKey: LIST_KEY,
    queryFn: ({ pageParam }) => get<NotificationPage>(withQuery('/v1/notifications', { limit: PAGE_SIZE, cursor: pageParam })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // the stream keeps it fresh; this is the fallback when a proxy drops event streams
    refetchInterval: 120_000,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => post<AppNotification>(`/v1/notifications/${id}/read`),
    onSettled: () => client.invalidateQueries({ queryKey: LIST_KEY }),
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => post<{ updated: number }>('/v1/notifications/read-all'),
    onSettled: () => client.invalidateQueries({ queryKey: LIST_KEY }),
  });
}

export function usePreferences() {
  return useQuery({ queryKey: PREFERENCES_KEY, queryFn: () => get<NotificationPreference[]>('/v1/notifications/preferences') });
}

export function useSavePreference() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (p: NotificationPreference) => put<NotificationPreference[]>('/v1/notifications/preferences', [p]),
    onSuccess: (data) => client.setQueryData(PREFERENCES_KEY, data),
  });
}

export function useOwnEmail() {
  return useQuery({ queryKey: EMAIL_KEY, queryFn: () => get<{ email: string | null }>('/v1/account/email') });
}

export function useSaveEmail() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (email: string | null) => put<{ email: string | null }>('/v1/account/email', { email }),
    onSuccess: (data) => client.setQueryData(EMAIL_KEY, data),
  });
}

/**
 * Listens to the server's event stream while mounted. Each event (and each reconnect, which may
 * have missed some) refreshes the list; EventSource itself reconnects after a dropped connection.
 */
export function useNotificationStream(): void {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/notifications/stream', { withCredentials: true });
    let opened = false;
    const refresh = () => void client.invalidateQueries({ queryKey: LIST_KEY });
    source.addEventListener('notification', refresh);
    source.addEventListener('open', () => {
      if (opened) refresh();
      opened = true;
    });
    return () => source.close();
  }, [client]);
}
