import type { ReactNode } from 'react';
import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  caseCloseReasonLabels, riskFlagKindLabels, riskLevelLabels, roleHas,
  type CaseCloseReason, type RiskFlagKind,
} from '@qorgau/core';
import { useUser } from '../auth/session.ts';
import { formatDate } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import type { Flag, ReportRef } from './types.ts';

/** Badge colours: the assessed risk red, repeats orange, the household grape, school cyan. */
export const FLAG_COLORS: Record<RiskFlagKind, string> = {
  high_risk: 'red',
  repeat_report: 'orange',
  recent_case_closed: 'yellow',
  sibling_reports: 'grape',
  neet_teen: 'indigo',
  school_absence: 'cyan',
};

export type FlagText = { title: string; lines: string[]; refs: ReactNode[] };

/** The Kazakhstan date of an instant. */
const kzDay = (iso: string) => new Date(new Date(iso).getTime() + 5 * 3_600_000).toISOString().slice(0, 10);

/**
 * Why a flag is raised, in the reader's language: composed from the explanation's codes, numbers
 * and dates (the server never sends names or narrative). Report and case numbers link to the
 * records for those who may open them.
 */
export function useFlagText(): (flag: Flag) => FlagText {
  const { t } = useTranslation();
  const locale = useLocale();
  const user = useUser();
  const date = (iso: string) => formatDate(kzDay(iso), locale);
  const reportLink = (r: ReportRef, suffix = '') => (roleHas(user.role, 'reports.read') ? (
    <Anchor key={r.id + suffix} component={Link} to={`/reports/${r.id}`} size="xs" ff="monospace">№ {r.number}</Anchor>
  ) : <span key={r.id + suffix}>№ {r.number}</span>);
  const caseLink = (id: string, number: string) => (roleHas(user.role, 'cases.read') ? (
    <Anchor key={id} component={Link} to={`/cases/${id}`} size="xs" ff="monospace">{number}</Anchor>
  ) : <span key={id}>{number}</span>);
  const reason = (code: string | null) => (code && code in caseCloseReasonLabels ? caseCloseReasonLabels[code as CaseCloseReason][locale] : '—');

  return (flag) => {
    const title = riskFlagKindLabels[flag.kind][locale];
    switch (flag.kind) {
      case 'repeat_report': {
        const e = flag.explanation;
        return {
          title,
          lines: [t('risk.explain.repeatReport', { months: e.windowMonths, count: e.count })],
          refs: e.reports.map((r) => <span key={r.id}>{reportLink(r)} · {date(r.receivedAt)}</span>),
        };
      }
      case 'sibling_reports': {
        const e = flag.explanation;
        return {
          title,
          lines: [t('risk.explain.siblingReports', { months: e.windowMonths, count: e.count, siblings: e.siblingIds.length })],
          refs: e.reports.map((r) => <span key={r.id + r.siblingId}>{reportLink(r, r.siblingId)} · {date(r.receivedAt)}</span>),
        };
      }
      case 'neet_teen': {
        const e = flag.explanation;
        return {
          title,
          lines: [t('risk.explain.neetTeen', { age: e.age, min: e.ageMin, max: e.ageMax })],
          refs: [caseLink(e.caseId, e.caseNumber)],
        };
      }
      case 'recent_case_closed': {
        const e = flag.explanation;
        const params = { number: e.triggerNumber, days: e.days, previous: e.previousCaseNumber, date: date(e.closedAt), reason: reason(e.closeReason), months: e.withinMonths };
        return {
          title,
          lines: [e.trigger === 'case' ? t('risk.explain.recentCase', params) : t('risk.explain.recentReport', params)],
          refs: [
            caseLink(e.previousCaseId, e.previousCaseNumber),
            e.trigger === 'case' ? caseLink(e.triggerId, e.triggerNumber) : reportLink({ id: e.triggerId, number: e.triggerNumber, receivedAt: e.triggerAt }),
          ],
        };
      }
      case 'high_risk': {
        const e = flag.explanation;
        const level = riskLevelLabels[e.level]?.[locale] ?? e.level;
        return { title, lines: [t('risk.explain.highRisk', { level, score: e.score, date: date(e.assessedAt), case: e.caseNumber })], refs: [caseLink(e.caseId, e.caseNumber)] };
      }
      case 'school_absence': {
        const e = flag.explanation;
        const lines: string[] = [];
        if (e.count >= e.minConcerns) lines.push(t('risk.explain.absenceConcerns', { days: e.windowDays, count: e.count, min: e.minConcerns, date: e.concerns[0] ? date(e.concerns[0].observedAt) : '—' }));
        if (e.assessment) lines.push(t('risk.explain.absenceAssessment', { case: e.assessment.caseNumber, date: date(e.assessment.assessedAt) }));
        return { title, lines, refs: e.assessment ? [caseLink(e.assessment.caseId, e.assessment.caseNumber)] : [] };
      }
    }
  };
}
