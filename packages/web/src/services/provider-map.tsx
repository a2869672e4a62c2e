// Providers as points over the regions' outline (the boundaries the statistics map draws), coloured
// by free places; zoomed to the chosen region. Loaded on demand: it brings the charting library.
import { useEffect, useMemo, useRef } from 'react';
import { Box, Center, Group, Loader, Stack, Text } from '@mantine/core';
import * as echarts from 'echarts/core';
import { ScatterChart, type ScatterSeriesOption } from 'echarts/charts';
import { GeoComponent, TooltipComponent, type GeoComponentOption, type TooltipComponentOption } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/error-alert.tsx';
import { localName } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { MAP_NAME, registerRegions } from '../stats/echart.tsx';
import { useRegionShapes } from '../stats/kz-map.tsx';
import type { Provider } from './types.ts';
import { placesColor } from './vocab.ts';

echarts.use([ScatterChart, GeoComponent, TooltipComponent, SVGRenderer]);

type Option = echarts.ComposeOption<ScatterSeriesOption | GeoComponentOption | TooltipComponentOption>;

const COLORS: Record<string, string> = { green: '#2f9e44', orange: '#f08c00', red: '#e03131', gray: '#868e96' };

type Shape = { type: string; features: { properties: { iso_code: string }; geometry?: { type: string; coordinates: unknown } }[] };

/** [[west, north], [east, south]] of a region's polygons, with a margin, or null. */
function boundsOf(shapes: Shape, code: string): [[number, number], [number, number]] | null {
  const feature = shapes.features.find((f) => f.properties.iso_code === code);
  if (!feature?.geometry) return null;
  let west = Infinity; let east = -Infinity; let south = Infinity; let north = -Infinity;
  const walk = (node: unknown) => {
    if (Array.isArray(node) && typeof node[0] === 'number' && typeof node[1] === 'number') {
      west = Math.min(west, node[0]); east = Math.max(east, node[0]); south = Math.min(south, node[1]); north = Math.max(north, node[1]);
    } else if (Array.isArray(node)) node.forEach(walk);
  };
  walk(feature.geometry.coordinates);
  if (!Number.isFinite(west)) return null;
  const mx = (east - west) * 0.15 + 0.02;
  const my = (north - south) * 0.15 + 0.02;
  return [[west - mx, north + my], [east + mx, south - my]];
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface Props {
  providers: Provider[];
  regionCode: string | null;
  onSelect: (id: string) => void;
  height?: number;
}

export function ProviderMap({ providers, regionCode, onSelect, height = 520 }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const shapes = useRegionShapes();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.EChartsType | null>(null);
  const select = useRef(onSelect);
  useEffect(() => { select.current = onSelect; }, [onSelect]);

  const placed = providers.filter((p) => p.lat !== null && p.lon !== null);
  const option = useMemo<Option | null>(() => {
    if (!shapes.data) return null;
    registerRegions(shapes.data);
    const bounds = regionCode ? boundsOf(shapes.data, regionCode) : null;
    const free = (p: Provider) => (p.freePlaces === null ? t('services.places.unlimited') : t('services.places.free', { free: p.freePlaces, capacity: p.capacity }));
    return {
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params) => {
          const one = Array.isArray(params) ? params[0] : params;
          const p = placed.find((x) => x.id === (one?.data as { id?: string } | undefined)?.id);
          return p ? `<strong>${escape(localName(p.name, locale))}</strong><br/>${escape(free(p))}` : '';
        },
      },
      geo: {
        map: MAP_NAME,
        nameProperty: 'iso_code',
        roam: true,
        aspectScale: 0.66,
        ...(bounds ? { boundingCoords: bounds } : { left: 4, right: 4, top: 4, bottom: 4 }),
        itemStyle: { areaColor: '#f1f3f5', borderColor: '#868e96', borderWidth: 0.6 },
        emphasis: { disabled: true },
        regions: regionCode ? [{ name: regionCode, itemStyle: { areaColor: '#e7f5ff', borderColor: '#1c7ed6', borderWidth: 1.2 } }] : [],
        label: { show: false },
      },
      series: [{
        type: 'scatter',
        coordinateSystem: 'geo',
        symbolSize: 12,
        data: placed.map((p) => ({
          id: p.id,
          name: localName(p.name, locale),
          value: [p.lon as number, p.lat as number],
          itemStyle: { color: p.active ? COLORS[placesColor(p.freePlaces, p.capacity)] : COLORS.gray, borderColor: '#fff', borderWidth: 1.5 },
        })),
      }],
    } satisfies Option;
  }, [shapes.data, placed, regionCode, locale, t]);

  // the chart is made once the boundaries are there (the box appears then); later options go through setOption
  const ready = option !== null;
  useEffect(() => {
    const el = ref.current;
    if (!el || !ready) return;
    const instance = echarts.init(el, null, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (e) => {
      const id = (e.data as { id?: string } | undefined)?.id;
      if (id) select.current(id);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [ready]);

  useEffect(() => {
    if (option) chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  const legend = [
    { color: COLORS.green, label: t('services.map.free') },
    { color: COLORS.orange, label: t('services.map.few') },
    { color: COLORS.red, label: t('services.map.full') },
    { color: COLORS.gray, label: t('services.map.inactive') },
  ];
  return (
    <Stack gap={4}>
      {shapes.error ? <ErrorAlert error={shapes.error} /> : null}
      {option ? (
        <Box
          ref={ref}
          h={height}
          role="img"
          aria-label={t('services.map.label', { n: placed.length })}
          data-testid="services-map"
          data-points={placed.length}
          style={{ width: '100%', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}
        />
      ) : (
        <Center h={height}>{shapes.isPending ? <Loader aria-label={t('common.loading')} /> : null}</Center>
      )}
      <Group gap="md" wrap="wrap">
        {legend.map((l) => (
          <Group key={l.label} gap={6} wrap="nowrap">
            <Box w={12} h={12} style={{ borderRadius: 6, background: l.color }} aria-hidden="true" />
            <Text size="xs">{l.label}</Text>
          </Group>
        ))}
        {providers.length > placed.length && <Text size="xs" c="dimmed">{t('services.map.unplaced', { n: providers.length - placed.length })}</Text>}
      </Group>
      <Text size="xs" c="dimmed">{t('services.map.hint')}</Text>
    </Stack>
  );
}

export default ProviderMap;
