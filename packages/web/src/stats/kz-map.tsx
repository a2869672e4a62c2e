import { useMemo } from 'react';
import { Anchor, Box, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../api.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { EChart, MAP_NAME, registerRegions, type ChartOption } from './echart.tsx';
import { colorAt } from './scale.ts';

/** One region on the map: its value (null when there is none), and what the tooltip says. */
export interface MapArea {
  code: string;
  name: string;
  value: number | null;
  /** lines under the name in the tooltip, e.g. "Incidents: 12" */
  details: string[];
  /** shown on the region itself and in grey with hatching, e.g. "<5" for a suppressed figure */
  mark?: string | null;
}

interface Props {
  areas: MapArea[];
  /** the title of the colour scale */
  legend: string;
  formatValue: (value: number) => string;
  /** growth: a scale centred on 0 (blue falls, red rises) */
  diverging?: boolean;
  selected?: string | null;
  onSelect?: (code: string) => void;
  height?: number;
  label: string;
  testId?: string;
  /** the legend of grey regions (default: no figure) */
  blankLabel?: string;
}

// ColorBrewer Oranges and RdBu, friendly to colour-blind readers and to printing in grey
const SEQUENTIAL = ['#fff5eb', '#fdd0a2', '#fdae6b', '#f16913', '#a63603'];
const DIVERGING = ['#2166ac', '#92c5de', '#f7f7f7', '#f4a582', '#b2182b'];
const NO_VALUE = '#e9ecef';
/** Space around the country inside the chart, in pixels (the browser test aims its clicks with it). */
export const MAP_MARGIN = 4;

/** The boundaries never change during a session. */
export function useRegionShapes() {
  return useQuery({
    queryKey: ['reference', 'regions.geojson'],
    queryFn: () => get<{ type: string; features: { properties: { iso_code: string } }[] }>('/v1/reference/regions.geojson'),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Kazakhstan's 20 regions coloured by a figure, with a tooltip; a click picks a region. */
export function KzMap({ areas, legend, formatValue, diverging = false, selected = null, onSelect, height = 380, label, testId = 'stats-map', blankLabel }: Props) {
  const { t } = useTranslation();
  const shapes = useRegionShapes();
  const scale = useMemo(() => {
    const values = areas.filter((a) => !a.mark).map((a) => a.value).filter((v): v is number => v !== null);
    const top = Math.max(0, ...values);
    const reach = Math.max(Math.abs(top), Math.abs(Math.min(0, ...values)));
    return diverging
      ? { min: -(reach || 1), max: reach || 1, colors: DIVERGING }
      : { min: 0, max: top > 0 ? top : 1, colors: SEQUENTIAL };
  }, [areas, diverging]);

  const option = useMemo<ChartOption | null>(() => {
    if (!shapes.data) return null;
    registerRegions(shapes.data);
    const byCode = new Map(areas.map((a) => [a.code, a]));
    return {
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (p) => {
          const one = Array.isArray(p) ? p[0] : p;
          const area = byCode.get(one?.name ?? '');
          if (!area) return '';
          return `<strong>${escape(area.name)}</strong><br/>${area.details.map(escape).join('<br/>')}`;
        },
      },
      series: [{
        type: 'map',
        map: MAP_NAME,
        nameProperty: 'iso_code',
        aspectScale: 0.66, // cos 48.5°: Kazakhstan's middle latitude, so the country is not stretched
        preserveAspect: 'contain',
        left: MAP_MARGIN,
        right: MAP_MARGIN,
        top: MAP_MARGIN,
        bottom: MAP_MARGIN,
        selectedMode: false,
        roam: false,
        itemStyle: { areaColor: NO_VALUE, borderColor: '#868e96', borderWidth: 0.6 },
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffe066', borderColor: '#343a40', borderWidth: 1.5 } },
        label: { show: false },
        // coloured here rather than by ECharts' visualMap, which would paint regions without a value in the palette's blue
        data: areas.map((a) => {
          const blank = Boolean(a.mark) || a.value === null;
          return {
            name: a.code,
            value: blank ? undefined : a.value ?? undefined,
            itemStyle: {
              areaColor: blank ? NO_VALUE : colorAt(a.value ?? 0, scale.min, scale.max, scale.colors),
              // a suppressed figure: grey with hatching, and its mark written on it
              ...(a.mark ? { decal: { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -Math.PI / 4, color: 'rgba(73, 80, 87, 0.35)', backgroundColor: NO_VALUE } } : {}),
              ...(a.code === selected ? { borderColor: '#1c7ed6', borderWidth: 3 } : {}),
            },
            ...(a.mark ? { label: { show: true, formatter: a.mark, fontWeight: 'bold' as const, fontSize: 12, color: '#212529' } } : {}),
          };
        }),
      }],
    } satisfies ChartOption;
  }, [shapes.data, areas, scale, selected]);

  const anyBlank = areas.some((a) => a.mark || a.value === null);
  const anyMark = areas.some((a) => a.mark);
  return (
    <Stack gap={4}>
      {shapes.error ? <ErrorAlert error={shapes.error} /> : null}
      {option ? (
        <EChart
          option={option}
          height={height}
          label={`${label}. ${legend}.`}
          onClick={onSelect ? (e) => { if (byCodeHas(areas, e.name)) onSelect(e.name); } : undefined}
          testId={testId}
          data={{ regions: shapes.data?.features.length ?? 0, selected: selected ?? '' }}
        />
      ) : (
        <Center h={height}>{shapes.isPending ? <Loader aria-label={t('common.loading')} /> : null}</Center>
      )}
      <Group gap="md" wrap="wrap" data-testid="stats-map-legend">
        <Group gap={6} wrap="nowrap">
          <Text size="xs">{formatValue(scale.min)}</Text>
          <Box w={160} h={10} style={{ borderRadius: 2, background: `linear-gradient(to right, ${scale.colors.join(', ')})`, border: '1px solid var(--mantine-color-gray-4)' }} aria-hidden="true" />
          <Text size="xs">{formatValue(scale.max)}</Text>
        </Group>
        <Text size="xs" c="dimmed">{legend}</Text>
        {anyBlank && (
          <Group gap={6} wrap="nowrap">
            <Box
              w={14} h={10} aria-hidden="true"
              style={{ background: anyMark ? `repeating-linear-gradient(-45deg, ${NO_VALUE} 0 3px, #adb5bd 3px 4px)` : NO_VALUE, border: '1px solid var(--mantine-color-gray-4)' }}
            />
            <Text size="xs" c="dimmed">{blankLabel ?? t('stats.map.noValue')}</Text>
          </Group>
        )}
      </Group>
      <Text size="xs" c="dimmed" data-testid="stats-map-attribution">
        {t('stats.map.boundaries')}{' '}
        <Anchor href="https://github.com/arodionoff/geokz" target="_blank" rel="noreferrer" size="xs">geokz (A. Rodionov)</Anchor>, CC BY 4.0,{' '}
        <Anchor href="https://data.humdata.org/dataset/cod-ab-kaz" target="_blank" rel="noreferrer" size="xs">OCHA/UNHCR COD-AB</Anchor>, © OpenStreetMap contributors.{' '}
        {t('stats.map.noEndorsement')}
      </Text>
    </Stack>
  );
}

function byCodeHas(areas: MapArea[], code: string): boolean {
  return areas.some((a) => a.code === code);
}
