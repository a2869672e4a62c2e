import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, get, patch, post, withQuery } from '../api.ts';
import type { Items, Page } from '../types.ts';
import type {
  ApprovalRequestBody, Assessment, AssessmentBody, CaseFile, CaseFilter, CaseSummary, FactBody, Instrument, MemberBody, MemberUpdateBody,
  OpenCaseBody, PlanItemBody, PlanItemUpdateBody, ReviewBody, TransferBody, VisitBody,
} from './types.ts';

const KEY = ['cases'] as const;
const PAGE_SIZE = 50;

function noRetryOnClientError(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 2;
}

const path = (id: string, rest = '') => `/v1/cases/${encodeURIComponent(id)}${rest}`;

export function useCaseList(filter: CaseFilter, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...KEY, 'list', filter],
    queryFn: ({ pageParam }) => get<Page<CaseSummary>>(withQuery('/v1/cases', { ...filter, limit: PAGE_SIZE, cursor: pageParam })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    retry: noRetryOnClientError,
    enabled,
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    queryFn: () => get<CaseFile>(path(id)),
    retry: noRetryOnClientError,
  });
}

export function useInstrument() {
  return useQuery({
    queryKey: [...KEY, 'instrument'],
    queryFn: () => get<Instrument>('/v1/assessment/instrument'),
    staleTime: 10 * 60_000,
    retry: noRetryOnClientError,
  });
}

export function useAssessments(id: string) {
  return useQuery({
    queryKey: [...KEY, 'assessments', id],
    queryFn: () => get<Items<Assessment>>(path(id, '/assessments')),
    select: (d) => d.items,
    retry: noRetryOnClientError,
  });
}

export function useOpenCase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OpenCaseBody) => post<CaseFile>('/v1/cases', body),
    onSuccess: (data) => {
      client.setQueryData([...KEY, 'one', data.id], data);
      return client.invalidateQueries({ queryKey: [...KEY, 'list'] });
    },
  });
}

/** A change to one case: the server answers with the whole case, which replaces the cached one. */
function useCaseMutation<B>(id: string, send: (body: B) => Promise<CaseFile>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (data) => {
      client.setQueryData([...KEY, 'one', id], data);
      return client.invalidateQueries({ queryKey: [...KEY, 'list'] });
    },
  });
}

export const useUpdateCase = (id: string) =>
  useCaseMutation(id, (b: { summary?: string; address?: string | null; reviewIntervalDays?: number; nextReviewOn?: string | null }) => patch<CaseFile>(path(id), b));
export const useAddMember = (id: string) => useCaseMutation(id, (b: MemberBody) => post<CaseFile>(path(id, '/members'), b));
export const useUpdateMember = (id: string) =>
  useCaseMutation(id, ({ memberId, ...b }: MemberUpdateBody & { memberId: string }) => patch<CaseFile>(path(id, `/members/${encodeURIComponent(memberId)}`), b));
export const useRemoveMember = (id: string) =>
  useCaseMutation(id, (memberId: string) => api<CaseFile>('DELETE', path(id, `/members/${encodeURIComponent(memberId)}`)));
export const useAddAgency = (id: string) => useCaseMutation(id, (b: { agencyType: string }) => post<CaseFile>(path(id, '/agencies'), b));
export const useRemoveAgency = (id: string) =>
  useCaseMutation(id, (agencyType: string) => api<CaseFile>('DELETE', path(id, `/agencies/${encodeURIComponent(agencyType)}`)));
export const useLinkReport = (id: string) => useCaseMutation(id, (b: { reportId: string }) => post<CaseFile>(path(id, '/reports'), b));
export const useMoveStatus = (id: string) => useCaseMutation(id, (b: { to: 'assessment' | 'plan' | 'review'; note?: string }) => post<CaseFile>(path(id, '/status'), b));
export const useRequestApproval = (id: string) => useCaseMutation(id, (b: ApprovalRequestBody) => post<CaseFile>(path(id, '/approvals'), b));
export const useDecideApproval = (id: string) =>
  useCaseMutation(id, ({ approvalId, ...b }: { approvalId: string; decision: 'approved' | 'rejected'; note?: string }) =>
    post<CaseFile>(path(id, `/approvals/${encodeURIComponent(approvalId)}/decision`), b));
export const useReopen = (id: string) => useCaseMutation(id, (b: { note: string }) => post<CaseFile>(path(id, '/reopen'), b));
export const useAddPlanItem = (id: string) => useCaseMutation(id, (b: PlanItemBody) => post<CaseFile>(path(id, '/plan'), b));
export const useUpdatePlanItem = (id: string) =>
  useCaseMutation(id, ({ itemId, ...b }: PlanItemUpdateBody & { itemId: string }) => patch<CaseFile>(path(id, `/plan/${encodeURIComponent(itemId)}`), b));
export const useAddVisit = (id: string) => useCaseMutation(id, (b: VisitBody) => post<CaseFile>(path(id, '/visits'), b));
export const useAddNote = (id: string) => useCaseMutation(id, (b: { sensitivity: string; body: string }) => post<CaseFile>(path(id, '/notes'), b));
export const useAddFact = (id: string) => useCaseMutation(id, (b: FactBody) => post<CaseFile>(path(id, '/facts'), b));
export const useAddReview = (id: string) => useCaseMutation(id, (b: ReviewBody) => post<CaseFile>(path(id, '/reviews'), b));
export const useRequestTransfer = (id: string) => useCaseMutation(id, (b: TransferBody) => post<CaseFile>(path(id, '/transfers'), b));
/** After declining, the decider's agency may no longer read the case: the server then answers with nothing. */
export function useDecideTransfer(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ transferId, ...b }: { transferId: string; decision: 'accepted' | 'declined'; note?: string }) =>
      post<CaseFile | null>(path(id, `/transfers/${encodeURIComponent(transferId)}/decision`), b),
    onSuccess: (data) => {
      if (data) client.setQueryData([...KEY, 'one', id], data);
      else client.removeQueries({ queryKey: [...KEY, 'one', id] });
      return client.invalidateQueries({ queryKey: [...KEY, 'list'] });
    },
  });
}
export const useCancelTransfer = (id: string) =>
  useCaseMutation(id, (transferId: string) => post<CaseFile>(path(id, `/transfers/${encodeURIComponent(transferId)}/cancel`)));

/** An assessment answers with itself (201), not with the case: refetch the case and the history of assessments. */
export function useSubmitAssessment(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AssessmentBody) => post<Assessment>(path(id, '/assessments'), body),
    onSuccess: () => Promise.all([
      client.invalidateQueries({ queryKey: [...KEY, 'one', id] }),
      client.invalidateQueries({ queryKey: [...KEY, 'assessments', id] }),
      client.invalidateQueries({ queryKey: [...KEY, 'list'] }),
    ]),
  });
}
