// The sample report of the editor's preview and the facts it sends to the server.
import type { Channel, PerpetratorRelation, Place, ScreeningQuestion, ViolenceType } from '@qorgau/core';
import type { PreviewFacts } from './api.ts';
import { fromKzInput, kzInputValue } from '../format.ts';

export interface Sample {
  channel: Channel;
  screening: Record<ScreeningQuestion, boolean>;
  types: ViolenceType[];
  place: Place | '';
  school: boolean;
  /** a Criminal Code article; empty: none */
  article: string;
  relation: PerpetratorRelation | '';
  /** `YYYY-MM-DDTHH:mm` in Kazakhstan time */
  receivedAt: string;
}

/** A child hurt at home by the father, reported to the hotline now. */
export function defaultSample(now: Date = new Date()): Sample {
  return {
    channel: 'hotline',
    screening: { immediateDanger: false, childInjured: true, perpetratorHasAccess: false },
    types: ['physical'],
    place: 'home',
    school: false,
    article: '',
    relation: 'father',
    receivedAt: kzInputValue(now),
  };
}

/** The preview's report facts, or null when the sample is not complete (no type chosen). */
export function sampleFacts(s: Sample): PreviewFacts | null {
  if (!s.types.length) return null;
  const article = s.article.trim();
  return {
    channel: s.channel,
    screening: { ...s.screening },
    incidents: [{
      types: [...s.types],
      place: s.place || null,
      // a school named in the incident; any id will do for the protocol
      schoolId: s.school ? 'sample-school' : null,
      ...(article ? { legalQualification: [{ code: 'criminal' as const, article }] } : {}),
      ...(s.relation ? { perpetratorRelations: [s.relation] } : {}),
    }],
  };
}

export function sampleReceivedAt(s: Sample): string | undefined {
  return fromKzInput(s.receivedAt) ?? undefined;
}
