import type { Sex } from '@qorgau/core';

// Persons as the server sends them (API.md "Persons").

export interface Person {
  id: string;
  iin: string | null;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  birthYearApprox?: number | null;
  sex: Sex | null;
}

export interface PersonHit extends Person {
  score: number;
  age: number | null;
}

export interface PersonReportRef {
  id: string;
  number: string;
  /** victim | perpetrator | … */
  role: string;
}

export interface PersonDetail extends Person {
  age: number | null;
  reports: PersonReportRef[];
  /** this record was merged into another (record linkage): the person lives on as that one */
  mergedInto?: string | null;
}

export interface OpenReportRef {
  id: string;
  number: string;
  receivedAt: string;
  status: string;
}

/** `POST /persons/match`: a likely existing person for what is being typed, and why. */
export interface PersonMatch {
  person: Person;
  score: number;
  /** iin | name | similar_name | birth_date | birth_date_differs */
  reasons: string[];
  openReports: OpenReportRef[];
}

export interface MatchQuery {
  iin?: string;
  lastName?: string;
  firstName?: string;
  middleName?: string;
  birthDate?: string;
}
