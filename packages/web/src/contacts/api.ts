import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { get, withQuery } from '../api.ts';
import type { Contact } from '../console/types.ts';
import type { Page } from '../types.ts';

/** The list's filters, as they stand in the address. */
export const CONTACT_FILTER_KEYS = ['from', 'to', 'outcome', 'mine'] as const;
export type ContactFilter = Record<(typeof CONTACT_FILTER_KEYS)[number], string>;

const PAGE_SIZE = 50;

/** Helpline contacts in the caller's scope (own, or the territory's for supervisors and coordinators), newest first. */
export function useContactList(filter: ContactFilter) {
  return useInfiniteQuery({
    queryKey: ['contacts', 'list', filter],
    queryFn: ({ pageParam }) => get<Page<Contact>>(withQuery('/v1/contacts', { ...filter, mine: filter.mine === 'true' ? 'true' : undefined, limit: PAGE_SIZE, cursor: pageParam })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** One contact with its counsellor's summary (the read is audited). */
export function useContact(id: string | null) {
  return useQuery({
    queryKey: ['contacts', 'one', id],
    queryFn: () => get<Contact>(`/v1/contacts/${encodeURIComponent(id ?? '')}`),
    enabled: id !== null,
  });
}
