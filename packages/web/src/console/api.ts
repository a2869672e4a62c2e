import { useQuery } from '@tanstack/react-query';
import { get, withQuery } from '../api.ts';
import type { Items, Page } from '../types.ts';
import type { ChiCategory, Contact } from './types.ts';

/** Child Helpline International categories (reference data: they change with a release, not during a call). */
export function useChiCategories() {
  return useQuery({
    queryKey: ['reference', 'chi-categories'],
    queryFn: () => get<Items<ChiCategory>>('/v1/reference/chi-categories'),
    select: (data) => data.items,
    staleTime: Infinity,
  });
}

export const RECENT_LIMIT = 10;

/** The operator's own latest contacts, newest first. */
export function useMyRecentContacts() {
  return useQuery({
    queryKey: ['contacts', 'mine', RECENT_LIMIT],
    queryFn: () => get<Page<Contact>>(withQuery('/v1/contacts', { mine: true, limit: RECENT_LIMIT })),
    select: (data) => data.items,
    staleTime: 0,
  });
}
