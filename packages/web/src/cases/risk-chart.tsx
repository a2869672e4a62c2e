import { RISK_LEVELS, type InstrumentDefinition, type RiskLevel } from '@qorgau/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../format.ts';
import { kzDay } from './dates.ts';
import type { Assessment } from './types.ts';
import { useCaseVocab } from './vocab.ts';

const BAND: Record<RiskLevel, string> = {
  low: 'var(--mantine-color-teal-0)', moderate: 'var(--mantine-color-yellow-0)', high: 'var(--mantine-color-orange-0)', very_high: 'var(--mantine-color-red-0)',
};
const DOT: Record<RiskLevel, string> = {
  low: 'var(--mantine-color-teal-7)', moderate: 'var(--mantine-color-yellow-7)', high: 'var(--mantine-color-orange-7)', very_high: 'var(--mantine-color-red-7)',
};

const W = 640;
const H = 220;
const PAD = { left: 36, right: 120, top: 12, bottom: 34 };

/**
 * Score of each assessment over time on the bands of the instrument's thresholds; each point is
 * coloured by the level after overrides (which may be above the band the score falls in).
 */
export function RiskChart({ assessments, definition }: { assessments: Assessment[]; definition: InstrumentDefinition | undefined }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const th = definition?.thresholds ?? { moderate: 4, high: 8, very_high: 12 };
  const top = Math.max(th.very_high + 4, ...assessments.map((a) => a.score + 2));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const y = (score: number) => PAD.top + plotH - (Math.min(score, top) / top) * plotH;
  const x = (i: number) => PAD.left + (assessments.length === 1 ? plotW / 2 : (i / (assessments.length - 1)) * plotW);
  const bands: { level: RiskLevel; from: number; to: number }[] = [
    { level: 'low', from: 0, to: th.moderate },
    { level: 'moderate', from: th.moderate, to: th.high },
    { level: 'high', from: th.high, to: th.very_high },
    { level: 'very_high', from: th.very_high, to: top },
  ];
  const line = assessments.map((a, i) => `${x(i)},${y(a.score)}`).join(' ');
  const summary = assessments.map((a) => `${formatDate(kzDay(a.assessedAt), vocab.locale)}: ${a.score} — ${vocab.risk(a.level)}`).join('; ');

  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`${t('cases.assessment.chart')}: ${summary}`} data-testid="case-risk-chart"
      style={{ maxWidth: 760, display: 'block', fontFamily: 'var(--mantine-font-family)' }}>
      {bands.map((b) => (
        <g key={b.level}>
          <rect x={PAD.left} width={plotW} y={y(b.to)} height={Math.max(0, y(b.from) - y(b.to))} fill={BAND[b.level]} />
          <text x={PAD.left + plotW + 8} y={(y(b.from) + y(b.to)) / 2 + 4} fontSize={12} fill={DOT[b.level]}>{vocab.risk(b.level)}</text>
          {b.from > 0 && <text x={PAD.left - 6} y={y(b.from) + 4} fontSize={11} textAnchor="end" fill="var(--mantine-color-dimmed)">{b.from}</text>}
        </g>
      ))}
      <text x={PAD.left - 6} y={y(0) + 4} fontSize={11} textAnchor="end" fill="var(--mantine-color-dimmed)">0</text>
      <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={PAD.top + plotH} stroke="var(--mantine-color-gray-5)" />
      <line x1={PAD.left} x2={PAD.left + plotW} y1={PAD.top + plotH} y2={PAD.top + plotH} stroke="var(--mantine-color-gray-5)" />
      {assessments.length > 1 && <polyline points={line} fill="none" stroke="var(--mantine-color-gray-7)" strokeWidth={2} />}
      {assessments.map((a, i) => (
        <g key={a.id} data-testid="case-risk-point" data-level={a.level} data-score={a.score}>
          <circle cx={x(i)} cy={y(a.score)} r={6} fill={DOT[a.level]} stroke="white" strokeWidth={2}>
            <title>{`${formatDate(kzDay(a.assessedAt), vocab.locale)} · ${a.score} · ${vocab.risk(a.level)}`}</title>
          </circle>
          {RISK_LEVELS.indexOf(a.level) > RISK_LEVELS.indexOf(a.scoredLevel) && (
            <text x={x(i)} y={y(a.score) - 10} fontSize={11} textAnchor="middle" fill={DOT[a.level]}>▲</text>
          )}
          <text x={x(i)} y={H - 12} fontSize={11} textAnchor="middle" fill="var(--mantine-color-dimmed)">{formatDate(kzDay(a.assessedAt), vocab.locale)}</text>
        </g>
      ))}
    </svg>
  );
}
