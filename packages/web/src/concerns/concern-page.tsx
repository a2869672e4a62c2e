import { useState, type ReactNode } from 'react';
import {
  Alert, Anchor, Badge, Button, Card, Checkbox, Chip, Grid, Group, Loader, Modal, MultiSelect, NativeSelect, SimpleGrid, Stack, Text, Textarea, Timeline,
} from '@mantine/core';
import { PLACES, VIOLENCE_TYPES, type ConcernCategory, type ViolenceType } from '@qorgau/core';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { formatDate, formatDateTime, localName } from '../format.ts';
import { useVocab } from '../reports/vocab.ts';
import { useAddConcernAction, useCloseConcern, useConcern, useEscalateConcern } from './api.ts';
import { BodyMap } from './body-map.tsx';
import { Chronology } from './chronology.tsx';
import { CONCERN_STATUS_COLORS, type Concern } from './types.ts';
import { useConcernVocab } from './vocab.ts';

/** Violence types a category suggests: the first ones are preselected, the rest offered to choose from. */
export const CATEGORY_SUGGESTIONS: Record<ConcernCategory, { sure: ViolenceType[]; choose: ViolenceType[] }> = {
  injury: { sure: ['physical'], choose: [] },
  disclosure: { sure: [], choose: ['physical', 'sexual', 'psychological', 'neglect'] },
  behaviour_change: { sure: [], choose: ['psychological'] },
  neglect_signs: { sure: ['neglect'], choose: [] },
  absence: { sure: [], choose: ['neglect'] },
  bullying: { sure: ['bullying'], choose: [] },
  online_risk: { sure: ['cyberbullying'], choose: ['online_sexual_abuse'] },
  self_harm: { sure: ['self_harm'], choose: ['suicide_attempt'] },
  family_situation: { sure: [], choose: ['psychological', 'domestic_violence_witness'] },
  substance_use: { sure: ['substance_use'], choose: [] },
  other: { sure: [], choose: [] },
};

export function suggestionsFor(categories: readonly string[]): { sure: ViolenceType[]; choose: ViolenceType[] } {
  const sure = new Set<ViolenceType>();
  const choose = new Set<ViolenceType>();
  for (const c of categories) {
    const s = CATEGORY_SUGGESTIONS[c as ConcernCategory];
    if (!s) continue;
    s.sure.forEach((x) => sure.add(x));
    s.choose.forEach((x) => choose.add(x));
  }
  return { sure: [...sure], choose: [...choose].filter((x) => !sure.has(x)) };
}

const MANUAL = ['note', 'talked_with_child', 'contacted_parents', 'observed', 'internal_support', 'referred'] as const;

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text fw={500}>{children}</Text>
    </div>
  );
}

function EscalateDialog({ concern, opened, onClose }: { concern: Concern; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const navigate = useNavigate();
  const escalate = useEscalateConcern(concern.id);
  const suggested = suggestionsFor(concern.categories);
  const [types, setTypes] = useState<string[]>(suggested.sure);
  const [place, setPlace] = useState('school');
  const [immediateDanger, setImmediateDanger] = useState(false);
  const [childInjured, setChildInjured] = useState(concern.categories.includes('injury') || concern.bodyMap.length > 0);
  const [perpetratorHasAccess, setPerpetratorHasAccess] = useState(false);
  const offered = [...suggested.sure, ...suggested.choose];
  const others = types.filter((x) => !offered.includes(x as ViolenceType));
  const submit = () => escalate.mutate(
    { types, place, screening: { immediateDanger, childInjured, perpetratorHasAccess } },
    { onSuccess: (r) => void navigate(`/reports/${r.reportId}`) },
  );
  return (
    <Modal opened={opened} onClose={onClose} title={t('concerns.escalate.title')} size="lg" data-testid="escalate-dialog">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('concerns.escalate.intro')}</Text>
        <Text fw={600} size="sm">{t('concerns.escalate.types')}</Text>
        {offered.length > 0 && (
          <Chip.Group multiple value={types} onChange={setTypes}>
            <Group gap="xs" data-testid="escalate-types">
              {offered.map((x) => <Chip key={x} value={x} data-testid={`escalate-type-${x}`}>{vocab.type(x)}</Chip>)}
            </Group>
          </Chip.Group>
        )}
        {suggested.choose.length > 0 && <Text size="xs" c="dimmed">{t('concerns.escalate.chooseHint')}</Text>}
        <MultiSelect label={t('concerns.escalate.otherTypes')} searchable value={others}
          data={VIOLENCE_TYPES.filter((x) => !offered.includes(x)).map((x) => ({ value: x, label: vocab.type(x) }))}
          onChange={(v) => setTypes([...types.filter((x) => offered.includes(x as ViolenceType)), ...v])} />
        <NativeSelect label={t('concerns.escalate.place')} value={place} data={PLACES.map((p) => ({ value: p, label: vocab.place(p) }))} onChange={(e) => setPlace(e.currentTarget.value)} w={260} />
        <Text fw={600} size="sm">{t('concerns.escalate.screening')}</Text>
        <Checkbox label={t('concerns.escalate.immediateDanger')} checked={immediateDanger} onChange={(e) => setImmediateDanger(e.currentTarget.checked)} data-testid="escalate-danger" />
        <Checkbox label={t('concerns.escalate.childInjured')} checked={childInjured} onChange={(e) => setChildInjured(e.currentTarget.checked)} />
        <Checkbox label={t('concerns.escalate.perpetratorHasAccess')} checked={perpetratorHasAccess} onChange={(e) => setPerpetratorHasAccess(e.currentTarget.checked)} />
        {escalate.isError && <ErrorAlert error={escalate.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button color="red" onClick={submit} loading={escalate.isPending} disabled={types.length === 0} data-testid="escalate-confirm">{t('concerns.escalate.confirm')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ActionForm({ concern }: { concern: Concern }) {
  const { t } = useTranslation();
  const vocab = useConcernVocab();
  const add = useAddConcernAction(concern.id);
  const close = useCloseConcern(concern.id);
  const [kind, setKind] = useState<string>('talked_with_child');
  const [note, setNote] = useState('');
  const [monitoring, setMonitoring] = useState(false);
  const [closing, setClosing] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Text fw={700}>{t('concerns.page.addAction')}</Text>
        <NativeSelect label={t('concerns.page.actionKind')} value={kind} data-testid="concern-action-kind"
          data={MANUAL.map((k) => ({ value: k, label: vocab.action(k) }))} onChange={(e) => setKind(e.currentTarget.value)} />
        <Textarea label={t('concerns.page.note')} autosize minRows={2} maxLength={5000} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-testid="concern-action-note" />
        {kind === 'observed' && <Checkbox label={t('concerns.page.monitoring')} checked={monitoring} onChange={(e) => setMonitoring(e.currentTarget.checked)} />}
        {add.isError && <ErrorAlert error={add.error} />}
        <Group>
          <Button loading={add.isPending} data-testid="concern-action-save"
            onClick={() => add.mutate({ kind, ...(note.trim() ? { note } : {}), ...(kind === 'observed' && monitoring ? { monitoring: true } : {}) }, { onSuccess: () => { setNote(''); setMonitoring(false); } })}>
            {t('concerns.page.save')}
          </Button>
          <Button variant="subtle" color="gray" onClick={() => setClosing((v) => !v)} data-testid="concern-close-open">{t('concerns.page.close')}</Button>
        </Group>
        {closing && (
          <Stack gap="xs">
            <Textarea label={t('concerns.page.closeReason')} required autosize minRows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="concern-close-reason" />
            {close.isError && <ErrorAlert error={close.error} />}
            <Group><Button color="gray" disabled={!reason.trim()} loading={close.isPending} onClick={() => close.mutate({ reason })} data-testid="concern-close-confirm">{t('concerns.page.closeConfirm')}</Button></Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

export function ConcernPage() {
  const { t } = useTranslation();
  const vocab = useConcernVocab();
  const { id = '' } = useParams();
  const concern = useConcern(id);
  const [escalating, setEscalating] = useState(false);
  if (concern.isPending) return <Loader aria-label={t('common.loading')} />;
  if (concern.error instanceof ApiError && concern.error.status === 404) {
    return (
      <Page title={t('concerns.page.notFound')}>
        <Anchor component={Link} to="/concerns">{t('concerns.page.back')}</Anchor>
      </Page>
    );
  }
  if (concern.isError) return <ErrorAlert error={concern.error} />;
  const c = concern.data;
  const open = c.status !== 'escalated' && c.status !== 'closed';
  const childName = [c.child.lastName, c.child.firstName, c.child.middleName].filter(Boolean).join(' ');

  return (
    <Page title={t('concerns.page.title', { name: childName })}
      actions={
        <Group gap="xs">
          <Badge size="lg" color={CONCERN_STATUS_COLORS[c.status]} data-testid="concern-status" data-status={c.status}>{vocab.status(c.status)}</Badge>
          {c.rights.escalate && open && <Button color="red" onClick={() => setEscalating(true)} data-testid="concern-escalate">{t('concerns.escalate.button')}</Button>}
        </Group>
      }>
      {c.reportId && (
        <Alert color="grape" data-testid="concern-report">
          {t('concerns.page.escalatedTo')} <Anchor component={Link} to={`/reports/${c.reportId}`} ff="monospace" fw={700}>№ {c.reportNumber}</Anchor>
        </Alert>
      )}
      {!c.rights.review && <Text c="dimmed" size="sm">{t('concerns.page.authorNote')}</Text>}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Card withBorder padding="md">
              <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
                <Fact label={t('concerns.form.birthDate')}>{c.child.birthDate ? formatDate(c.child.birthDate, vocab.locale) : '—'}</Fact>
                <Fact label={t('concerns.form.grade')}>{c.grade ?? '—'}</Fact>
                <Fact label={t('concerns.form.observedAt')}>{formatDateTime(c.observedAt, vocab.locale)}</Fact>
                <Fact label={t('concerns.queue.author')}>{c.authorName ?? '—'}</Fact>
              </SimpleGrid>
              <Text size="sm" c="dimmed" mt="xs">{localName(c.schoolName, vocab.locale)}</Text>
              <Group gap={4} mt="sm">{c.categories.map((k) => <Badge key={k} variant="outline">{vocab.category(k)}</Badge>)}</Group>
            </Card>
            <Card withBorder padding="md">
              <Text fw={700} mb={4}>{t('concerns.form.description')}</Text>
              <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="concern-description-text">{c.description}</Text>
              {c.childWords && (
                <>
                  <Text fw={700} mt="sm" mb={4}>{t('concerns.form.childWords')}</Text>
                  <Text fs="italic">«{c.childWords}»</Text>
                </>
              )}
            </Card>
            {c.bodyMap.length > 0 && (
              <Card withBorder padding="md">
                <Text fw={700} mb="xs">{t('concerns.bodyMap.title')}</Text>
                <BodyMap marks={c.bodyMap} />
              </Card>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            {c.rights.review && (
              <Card withBorder padding="md">
                <Text fw={700} mb="xs">{t('concerns.page.actions')}</Text>
                {c.actions.length === 0 ? <Text c="dimmed" size="sm">{t('concerns.page.noActions')}</Text> : (
                  <Timeline bulletSize={12} data-testid="concern-actions">
                    {c.actions.map((a) => (
                      <Timeline.Item key={a.id} title={<Text size="sm" fw={600}>{vocab.action(a.kind)}</Text>}>
                        {a.note && a.kind !== 'escalated' && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{a.note}</Text>}
                        <Text size="xs" c="dimmed">{formatDateTime(a.at, vocab.locale)}{a.userName ? ` · ${a.userName}` : ''}</Text>
                      </Timeline.Item>
                    ))}
                  </Timeline>
                )}
                {c.closeReason && <Text size="sm" mt="xs">{t('concerns.page.closeReason')}: {c.closeReason}</Text>}
              </Card>
            )}
            {c.rights.review && open && <ActionForm concern={c} />}
            {c.rights.review && (
              <Card withBorder padding="md">
                <Text fw={700} mb="xs">{t('concerns.chronology.title')}</Text>
                <Chronology personId={c.child.id} currentConcernId={c.id} />
              </Card>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      {escalating && <EscalateDialog concern={c} opened={escalating} onClose={() => setEscalating(false)} />}
    </Page>
  );
}
