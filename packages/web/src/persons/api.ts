import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError, get, post, withQuery } from '../api.ts';
import type { Items } from '../types.ts';
import type { MatchQuery, PersonDetail, PersonHit, PersonMatch } from './types.ts';

export function usePersonSearch(q: string, birthDate: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ['persons', 'search', query, birthDate],
    queryFn: () => get<Items<PersonHit>>(withQuery('/v1/persons/search', { q: query, birthDate: birthDate || undefined })),
    select: (data) => data.items,
    enabled: query.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function usePerson(id: string) {
  return useQuery({
    queryKey: ['persons', 'one', id],
    queryFn: () => get<PersonDetail>(`/v1/persons/${encodeURIComponent(id)}`),
  });
}

/** Enough typed to look for duplicates: a full IIN, or a first and a last name. */
export function matchable(q: MatchQuery): boolean {
  return Boolean((q.iin && /^\d{12}$/.test(q.iin)) || (q.firstName && q.firstName.length >= 2 && q.lastName && q.lastName.length >= 2));
}

/**
 * Likely existing persons for a child being entered (`POST /persons/match`). Where that endpoint
 * is missing, person search stands in (without reasons or open reports).
 */
async function fetchMatches(q: MatchQuery): Promise<PersonMatch[]> {
  try {
    return (await post<Items<PersonMatch>>('/v1/persons/match', q)).items;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    const text = q.iin ?? [q.lastName, q.firstName, q.middleName].filter(Boolean).join(' ');
    const hits = (await get<Items<PersonHit>>(withQuery('/v1/persons/search', { q: text, birthDate: q.birthDate, limit: 5 }))).items;
    return hits.filter((h) => h.score >= 0.8).map(({ score, age: _age, ...person }) => ({ person, score, reasons: [], openReports: [] }));
  }
}

export function usePersonMatches(q: MatchQuery) {
  return useQuery({
    queryKey: ['persons', 'match', q],
    queryFn: () => fetchMatches(q),
    enabled: matchable(q),
    staleTime: 30_000,
    retry: false,
  });
}
