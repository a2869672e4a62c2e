import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AgencyType, Channel, EscalationLevel, PerpetratorRelation, Place, Priority, ProtocolDefinition, ScreeningQuestion, TaskAction,
  ViolenceType,
} from '@qorgau/core';
import { api, get, post, put } from '../api.ts';
import type { Items } from '../types.ts';

export type VersionStatus = 'draft' | 'active' | 'retired';

export interface ProtocolVersionSummary {
  version: number;
  status: VersionStatus;
  note: string | null;
  createdAt: string;
  createdBy: string | null;
  activatedAt: string | null;
}

export interface ProtocolVersion extends ProtocolVersionSummary {
  definition: ProtocolDefinition;
}

/** The sample report of the preview: the facts the protocol looks at. */
export interface PreviewFacts {
  channel: Channel;
  screening: Partial<Record<ScreeningQuestion, boolean>>;
  incidents: {
    types: ViolenceType[];
    place?: Place | null;
    schoolId?: string | null;
    legalQualification?: { code: 'criminal' | 'administrative'; article: string }[];
    perpetratorRelations?: PerpetratorRelation[];
  }[];
}

export interface PreviewRequest {
  /** a definition being edited; else `version`; else the active one */
  definition?: unknown;
  version?: number;
  report: PreviewFacts;
  receivedAt?: string;
}

export interface PreviewTask {
  ruleId: string;
  agencyType: AgencyType;
  action: TaskAction;
  mandatory: boolean;
  dueAt: string;
  escalation: { to: EscalationLevel; at: string }[];
}

export interface PreviewResult {
  version: number | null;
  priority: Priority;
  priorityRuleIds: string[];
  tasks: PreviewTask[];
}

const versionPath = (v: number) => `/v1/protocol/versions/${encodeURIComponent(String(v))}`;

/** The protocol in force (anyone signed in). */
export function useActiveProtocol() {
  return useQuery({ queryKey: ['protocol', 'active'], queryFn: () => get<ProtocolVersion>('/v1/protocol') });
}

export function useProtocolVersions() {
  return useQuery({
    queryKey: ['protocol', 'versions'],
    queryFn: () => get<Items<ProtocolVersionSummary>>('/v1/protocol/versions'),
    select: (data) => data.items,
  });
}

export function useProtocolVersion(version: number | null) {
  return useQuery({
    queryKey: ['protocol', 'version', version],
    queryFn: () => get<ProtocolVersion>(versionPath(version ?? 0)),
    enabled: version !== null && version > 0,
    // drafts change while being edited
    staleTime: 0,
  });
}

export function useCreateDraft() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { definition: ProtocolDefinition; note?: string }) => post<ProtocolVersion>('/v1/protocol/versions', body),
    onSuccess: (saved) => {
      client.setQueryData(['protocol', 'version', saved.version], saved);
      return client.invalidateQueries({ queryKey: ['protocol', 'versions'] });
    },
  });
}

export function useUpdateDraft() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, ...body }: { version: number; definition: ProtocolDefinition; note?: string }) =>
      put<ProtocolVersion>(versionPath(version), body),
    onSuccess: (saved) => {
      client.setQueryData(['protocol', 'version', saved.version], saved);
      return client.invalidateQueries({ queryKey: ['protocol', 'versions'] });
    },
  });
}

export function useDeleteDraft() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api<void>('DELETE', versionPath(version)),
    onSuccess: (_, version) => {
      client.removeQueries({ queryKey: ['protocol', 'version', version] });
      return client.invalidateQueries({ queryKey: ['protocol', 'versions'] });
    },
  });
}

export function useActivateVersion() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => post<ProtocolVersion>(`${versionPath(version)}/activate`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['protocol'] }),
  });
}

/** What a protocol would do to a sample report; `null` asks nothing. */
export function usePreview(request: PreviewRequest | null) {
  const key = request ? JSON.stringify(request) : null;
  return useQuery({
    queryKey: ['protocol', 'preview', key],
    queryFn: () => post<PreviewResult>('/v1/protocol/preview', request),
    enabled: request !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
}
