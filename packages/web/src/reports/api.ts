import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, get, patch, post, upload, withQuery } from '../api.ts';
import type { Items, LocalisedName, Page } from '../types.ts';
import type {
  Attachment, HistoryEntry, IncidentBody, LegalArticle, Report, ReportBody, ReportFilter, ReportStatus, ReportSummary,
} from './types.ts';

const PAGE_SIZE = 50;

/** A 404 from a sub-resource of a report that loaded: the endpoint is not there (yet). */
export function isMissingEndpoint(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

function noRetryOn404(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 2;
}

export function useReportList(filter: ReportFilter) {
  return useInfiniteQuery({
    queryKey: ['reports', 'list', filter],
    queryFn: ({ pageParam }) => get<Page<ReportSummary>>(withQuery('/v1/reports', { ...filter, limit: PAGE_SIZE, cursor: pageParam })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useReport(id: string) {
  return useQuery({
    queryKey: ['reports', 'one', id],
    queryFn: () => get<Report>(`/v1/reports/${encodeURIComponent(id)}`),
  });
}

export function useReportHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['reports', 'history', id],
    queryFn: () => get<Items<HistoryEntry>>(`/v1/reports/${encodeURIComponent(id)}/history`),
    select: (data) => data.items,
    enabled,
    retry: noRetryOn404,
    staleTime: 0,
  });
}

export function useAttachments(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['reports', 'attachments', id],
    queryFn: () => get<Items<Attachment>>(`/v1/reports/${encodeURIComponent(id)}/attachments`),
    select: (data) => data.items,
    enabled,
    retry: noRetryOn404,
  });
}

export function useUploadAttachment(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return upload<Attachment>(`/v1/reports/${encodeURIComponent(id)}/attachments`, form);
    },
    onSuccess: () => Promise.all([
      client.invalidateQueries({ queryKey: ['reports', 'attachments', id] }),
      client.invalidateQueries({ queryKey: ['reports', 'history', id] }),
    ]),
  });
}

export function useChangeStatus(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { status: ReportStatus; statusReason?: string }) => patch<Report>(`/v1/reports/${encodeURIComponent(id)}`, body),
    onSuccess: (report) => {
      client.setQueryData(['reports', 'one', id], report);
      return Promise.all([
        client.invalidateQueries({ queryKey: ['reports', 'history', id] }),
        client.invalidateQueries({ queryKey: ['reports', 'list'] }),
      ]);
    },
  });
}

export function useCreateReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReportBody) => post<Report>('/v1/reports', body),
    onSuccess: (report) => {
      client.setQueryData(['reports', 'one', report.id], report);
      return client.invalidateQueries({ queryKey: ['reports', 'list'] });
    },
  });
}

export function useAddIncident() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ reportId, incident }: { reportId: string; incident: IncidentBody }) =>
      post<Report>(`/v1/reports/${encodeURIComponent(reportId)}/incidents`, incident),
    onSuccess: (report) => {
      client.setQueryData(['reports', 'one', report.id], report);
      return Promise.all([
        client.invalidateQueries({ queryKey: ['reports', 'history', report.id] }),
        client.invalidateQueries({ queryKey: ['reports', 'list'] }),
      ]);
    },
  });
}

/** Criminal and Administrative Code articles; `null` while the endpoint does not exist (free text then). */
export function useLegalArticles() {
  return useQuery({
    queryKey: ['reference', 'legal-articles'],
    queryFn: async () => {
      try {
        return (await get<Items<LegalArticle>>('/v1/reference/legal-articles')).items;
      } catch (error) {
        if (isMissingEndpoint(error)) return null;
        throw error;
      }
    },
    staleTime: Infinity,
    retry: noRetryOn404,
  });
}

export interface Settlement {
  code: string;
  name: LocalisedName | string;
}

/** Settlements (KATO) of a district; `null` when the server does not offer them. */
export function useSettlements(districtCode: string | null | undefined) {
  return useQuery({
    queryKey: ['reference', 'settlements', districtCode],
    queryFn: async () => {
      try {
        return (await get<Items<Settlement>>(withQuery('/v1/reference/settlements', { districtCode }))).items;
      } catch (error) {
        if (isMissingEndpoint(error)) return null;
        throw error;
      }
    },
    enabled: Boolean(districtCode),
    staleTime: Infinity,
    retry: noRetryOn404,
  });
}
