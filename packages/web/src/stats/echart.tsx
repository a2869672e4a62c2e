// Apache ECharts, only the parts the statistics screens draw (the whole library is ~1 MB): map,
// bar, line and pie charts with tooltips and legends; drawn as SVG.
import { useEffect, useRef } from 'react';
import { Box } from '@mantine/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, MapChart, PieChart, type BarSeriesOption, type LineSeriesOption, type MapSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent, LegendComponent, TooltipComponent,
  type GridComponentOption, type LegendComponentOption, type TooltipComponentOption,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([MapChart, BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.ComposeOption<
  MapSeriesOption | BarSeriesOption | LineSeriesOption | PieSeriesOption
  | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** What a click on a bar, point, slice or region says. */
export interface ChartClick {
  name: string;
  dataIndex: number;
  seriesIndex: number;
}

export const MAP_NAME = 'kazakhstan';

/** Registers the region boundaries once (GeoJSON with the property `iso_code`). */
export function registerRegions(geoJson: object): void {
  if (!echarts.getMap(MAP_NAME)) echarts.registerMap(MAP_NAME, geoJson as Parameters<typeof echarts.registerMap>[1]);
}

interface Props {
  option: ChartOption;
  height: number | string;
  /** what the chart shows, for screen readers (the figures are also in a table or list nearby) */
  label: string;
  onClick?: (event: ChartClick) => void;
  testId?: string;
  /** data-* attributes for tests and styling */
  data?: Record<string, string | number>;
}

export function EChart({ option, height, label, onClick, testId, data = {} }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.EChartsType | null>(null);
  const click = useRef(onClick);
  useEffect(() => {
    click.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, null, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (e) => {
      click.current?.({ name: e.name, dataIndex: e.dataIndex, seriesIndex: e.seriesIndex ?? 0 });
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  const attrs = Object.fromEntries(Object.entries(data).map(([k, v]) => [`data-${k}`, String(v)]));
  return (
    <Box
      ref={ref}
      h={height}
      role="img"
      aria-label={label}
      data-testid={testId}
      style={{ cursor: onClick ? 'pointer' : undefined, width: '100%' }}
      {...attrs}
    />
  );
}
