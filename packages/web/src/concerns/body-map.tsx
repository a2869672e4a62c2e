import type { MouseEvent } from 'react';
import { ActionIcon, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { BODY_REGIONS, type BodyRegion } from '@qorgau/core';
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { useConcernVocab } from './vocab.ts';
import type { BodyMark, BodyView } from './types.ts';

// The figure is drawn in a 100 × 220 box; marks are kept as fractions of it (x, y in 0..1).
const W = 100;
const H = 220;

/** The region under a point of the figure. Front view: the child's right is on the viewer's left. */
export function regionAt(view: BodyView, x: number, y: number): BodyRegion {
  const side = (view === 'front') === (x < 0.5) ? 'right' : 'left';
  if (y < 0.105) return view === 'front' && y > 0.045 ? 'face' : 'head';
  if (y < 0.135) return 'neck';
  if ((x < 0.29 || x > 0.71) && y < 0.53) return y < 0.455 ? `arm_${side}` : `hand_${side}`;
  if (y < 0.515) {
    if (y < 0.3) return view === 'front' ? 'chest' : 'back_upper';
    if (y < 0.45) return view === 'front' ? 'abdomen' : 'back_lower';
    return view === 'front' ? 'genital_area' : 'buttocks';
  }
  return y < 0.93 ? `leg_${side}` : `foot_${side}`;
}

/** Where a mark added from the list (keyboard) goes: the middle of the region, on a view that shows it. */
export function regionCentre(region: BodyRegion, view: BodyView): { x: number; y: number } {
  const mirrored = (right: boolean) => ((view === 'front') === right ? 0.22 : 0.78);
  switch (region) {
    case 'head': return { x: 0.5, y: 0.03 };
    case 'face': return { x: 0.5, y: 0.07 };
    case 'neck': return { x: 0.5, y: 0.12 };
    case 'chest': case 'back_upper': return { x: 0.5, y: 0.22 };
    case 'abdomen': case 'back_lower': return { x: 0.5, y: 0.38 };
    case 'genital_area': case 'buttocks': return { x: 0.5, y: 0.49 };
    case 'arm_left': case 'arm_right': return { x: mirrored(region === 'arm_right'), y: 0.3 };
    case 'hand_left': case 'hand_right': return { x: mirrored(region === 'hand_right'), y: 0.48 };
    case 'leg_left': case 'leg_right': return { x: mirrored(region === 'leg_right') === 0.22 ? 0.4 : 0.6, y: 0.7 };
    case 'foot_left': case 'foot_right': return { x: mirrored(region === 'foot_right') === 0.22 ? 0.4 : 0.6, y: 0.94 };
  }
}

const FRONT_ONLY: readonly BodyRegion[] = ['face', 'chest', 'abdomen', 'genital_area'];
const BACK_ONLY: readonly BodyRegion[] = ['back_upper', 'back_lower', 'buttocks'];

function Figure({ view, marks, onPlace, label }: { view: BodyView; marks: { mark: BodyMark; n: number }[]; onPlace?: (x: number, y: number) => void; label: string }) {
  const click = (e: MouseEvent<SVGSVGElement>) => {
    if (!onPlace) return;
    const box = e.currentTarget.getBoundingClientRect();
    const x = Math.min(1, Math.max(0, (e.clientX - box.left) / box.width));
    const y = Math.min(1, Math.max(0, (e.clientY - box.top) / box.height));
    onPlace(Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000);
  };
  const fill = '#eef2f6';
  const stroke = '#5c6b7a';
  return (
    <Stack gap={4} align="center">
      <Text size="sm" fw={600}>{label}</Text>
      <svg
        viewBox={`0 0 ${W} ${H}`} width={150} height={330} role="img" aria-label={label} data-testid={`body-map-${view}`}
        onClick={click} style={{ cursor: onPlace ? 'crosshair' : 'default', touchAction: 'manipulation' }}
      >
        <g fill={fill} stroke={stroke} strokeWidth={1.2}>
          <circle cx={50} cy={13} r={11} />
          <rect x={45} y={23} width={10} height={7} />
          <rect x={30} y={29} width={40} height={86} rx={8} />
          <rect x={17} y={31} width={11} height={69} rx={5} />
          <rect x={72} y={31} width={11} height={69} rx={5} />
          <ellipse cx={22.5} cy={107} rx={6} ry={8} />
          <ellipse cx={77.5} cy={107} rx={6} ry={8} />
          <rect x={32} y={113} width={16} height={91} rx={6} />
          <rect x={52} y={113} width={16} height={91} rx={6} />
          <ellipse cx={40} cy={208} rx={9} ry={5} />
          <ellipse cx={60} cy={208} rx={9} ry={5} />
        </g>
        {view === 'front' ? (
          <g fill="none" stroke={stroke} strokeWidth={0.8}>
            <circle cx={46} cy={12} r={1.2} /><circle cx={54} cy={12} r={1.2} /><path d="M46 17 Q50 20 54 17" />
          </g>
        ) : (
          <path d="M50 32 L50 108" stroke={stroke} strokeWidth={0.8} strokeDasharray="2 2" />
        )}
        {marks.map(({ mark, n }) => (
          <g key={n} data-testid="body-mark">
            <circle cx={mark.x * W} cy={mark.y * H} r={4.5} fill="#e03131" stroke="#fff" strokeWidth={1} />
            <text x={mark.x * W} y={mark.y * H + 2.2} textAnchor="middle" fontSize={6} fill="#fff" fontWeight={700}>{n}</text>
          </g>
        ))}
      </svg>
    </Stack>
  );
}

/** Front and back outlines; click to mark an injury (or add one from the list, by keyboard). */
export function BodyMap({ marks, onChange }: { marks: BodyMark[]; onChange?: (marks: BodyMark[]) => void }) {
  const { t } = useTranslation();
  const vocab = useConcernVocab();
  const [view, setView] = useState<BodyView>('front');
  const [region, setRegion] = useState<BodyRegion>('arm_left');
  const numbered = marks.map((mark, i) => ({ mark, n: i + 1 }));
  const editable = !!onChange;
  const place = (v: BodyView) => (x: number, y: number) => onChange?.([...marks, { view: v, region: regionAt(v, x, y), x, y }]);
  const update = (i: number, patch: Partial<BodyMark>) => onChange?.(marks.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const regionsFor = (v: BodyView) => BODY_REGIONS.filter((r) => !(v === 'front' ? BACK_ONLY : FRONT_ONLY).includes(r));
  const addFromList = () => {
    const v: BodyView = FRONT_ONLY.includes(region) ? 'front' : BACK_ONLY.includes(region) ? 'back' : view;
    onChange?.([...marks, { view: v, region, ...regionCentre(region, v) }]);
  };

  return (
    <Stack gap="sm">
      {editable && <Text size="sm" c="dimmed">{t('concerns.bodyMap.hint')}</Text>}
      <Group gap="xl" justify="center" align="flex-start">
        <Figure view="front" label={t('concerns.bodyMap.front')} marks={numbered.filter((m) => m.mark.view === 'front')} {...(editable ? { onPlace: place('front') } : {})} />
        <Figure view="back" label={t('concerns.bodyMap.back')} marks={numbered.filter((m) => m.mark.view === 'back')} {...(editable ? { onPlace: place('back') } : {})} />
      </Group>
      {editable && (
        <Group align="flex-end" gap="xs">
          <NativeSelect label={t('concerns.bodyMap.view')} value={view} data-testid="body-map-view"
            data={[{ value: 'front', label: t('concerns.bodyMap.front') }, { value: 'back', label: t('concerns.bodyMap.back') }]}
            onChange={(e) => setView(e.currentTarget.value as BodyView)} />
          <NativeSelect label={t('concerns.bodyMap.region')} value={region} data-testid="body-map-region"
            data={regionsFor(view).map((r) => ({ value: r, label: vocab.region(r) }))}
            onChange={(e) => setRegion(e.currentTarget.value as BodyRegion)} />
          <Button variant="light" onClick={addFromList} data-testid="body-map-add" disabled={marks.length >= 50}>{t('concerns.bodyMap.add')}</Button>
        </Group>
      )}
      {marks.length === 0 ? (
        <Text size="sm" c="dimmed">{t('concerns.bodyMap.none')}</Text>
      ) : (
        <Table verticalSpacing={4} data-testid="body-marks">
          <Table.Tbody>
            {numbered.map(({ mark, n }) => (
              <Table.Tr key={n}>
                <Table.Td w={30}><Text fw={700} c="red">{n}</Text></Table.Td>
                <Table.Td>
                  {editable ? (
                    <NativeSelect aria-label={t('concerns.bodyMap.region')} value={mark.region} size="xs"
                      data={regionsFor(mark.view).map((r) => ({ value: r, label: vocab.region(r) }))}
                      onChange={(e) => update(n - 1, { region: e.currentTarget.value as BodyRegion })} />
                  ) : (
                    <Text size="sm">{vocab.region(mark.region)}</Text>
                  )}
                </Table.Td>
                <Table.Td><Text size="sm" c="dimmed">{mark.view === 'front' ? t('concerns.bodyMap.front') : t('concerns.bodyMap.back')}</Text></Table.Td>
                <Table.Td>
                  {editable ? (
                    <TextInput size="xs" aria-label={t('concerns.bodyMap.note')} placeholder={t('concerns.bodyMap.note')} value={mark.note ?? ''} maxLength={500}
                      data-testid="body-mark-note" onChange={(e) => update(n - 1, { note: e.currentTarget.value })} />
                  ) : (
                    <Text size="sm">{mark.note ?? ''}</Text>
                  )}
                </Table.Td>
                {editable && (
                  <Table.Td w={40}>
                    <ActionIcon variant="subtle" color="red" aria-label={t('concerns.bodyMap.remove', { n })} onClick={() => onChange?.(marks.filter((_, j) => j !== n - 1))}>×</ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
