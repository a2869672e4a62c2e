import { useState } from 'react';
import { Badge, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { AGENCY_TYPES, type AgencyType } from '@qorgau/core';
import { useTranslation } from 'react-i18next';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { fieldErrors } from '../i18n/errors.ts';
import { useUnitMembers } from '../tasks/api.ts';
import { useAddPlanItem, useUpdatePlanItem } from './api.ts';
import { DateText, Section } from './parts.tsx';
import type { CaseFile, PlanItem } from './types.ts';
import { useCaseVocab } from './vocab.ts';
import { pendingApproval } from './workflow.tsx';

const ITEM_STATUS_COLORS = { open: 'blue', done: 'teal', dropped: 'gray' } as const;

export function PlanTab({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const editable = c.rights.lead && c.status !== 'closed';
  const goals = c.plan.filter((p) => p.kind === 'goal');
  const actionsOf = (goalId: string) => c.plan.filter((p) => p.kind === 'action' && p.goalId === goalId);

  return (
    <Stack gap="md">
      <Section title={t('cases.plan.title')} testId="case-plan">
        {c.status === 'plan' && editable && !pendingApproval(c) && <Text size="sm" c="dimmed" mb="sm">{t('cases.plan.intro')}</Text>}
        {goals.length === 0 ? <Text c="dimmed" size="sm" data-testid="case-plan-empty">{t('cases.plan.none')}</Text> : (
          <Stack gap="sm">
            {goals.map((g, i) => (
              <Card key={g.id} withBorder padding="sm" radius="md" data-testid="case-goal" data-status={g.status}>
                <ItemLine c={c} item={g} label={t('cases.plan.goalN', { n: i + 1 })} />
                <Stack gap={4} mt="xs" pl="md" style={{ borderLeft: '3px solid var(--mantine-color-gray-3)' }}>
                  {actionsOf(g.id).length === 0 && <Text size="sm" c="dimmed">{t('cases.plan.noActions')}</Text>}
                  {actionsOf(g.id).map((a) => <ItemLine key={a.id} c={c} item={a} />)}
                  {editable && g.status === 'open' && <AddItem c={c} goalId={g.id} />}
                </Stack>
              </Card>
            ))}
          </Stack>
        )}
      </Section>
      {editable && (
        <Section title={t('cases.plan.addGoal')} testId="case-goal-form">
          <AddItem c={c} />
        </Section>
      )}
    </Stack>
  );
}

function ItemLine({ c, item, label }: { c: CaseFile; item: PlanItem; label?: string }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const user = useUser();
  const update = useUpdatePlanItem(c.id);
  const open = c.status !== 'closed';
  // the lead changes the plan; the responsible worker or agency marks their action done
  const responsible = item.responsible?.id === user.id || (!!user.agencyType && item.responsibleAgency === user.agencyType && c.rights.work);
  const mayMark = open && (c.rights.lead || (item.kind === 'action' && responsible));
  const set = (status: PlanItem['status']) => update.mutate({ itemId: item.id, status });
  return (
    <div data-testid={item.kind === 'goal' ? 'case-goal-line' : 'case-action'} data-status={item.status} data-overdue={item.overdue}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs" wrap="wrap">
          {label && <Text size="xs" c="dimmed" tt="uppercase" fw={700}>{label}</Text>}
          <Text fw={item.kind === 'goal' ? 700 : 500} td={item.status === 'dropped' ? 'line-through' : undefined}>{item.title}</Text>
          <Badge size="xs" variant="light" color={ITEM_STATUS_COLORS[item.status]}>{t(`cases.plan.status.${item.status}`)}</Badge>
          {item.overdue && item.status === 'open' && <Badge size="xs" color="red" data-testid="case-plan-overdue">{t('cases.plan.overdue')}</Badge>}
        </Group>
        {mayMark && (
          <Group gap={4}>
            {item.status === 'open' && c.status !== 'plan' && (
              <Button size="compact-xs" variant="light" color="teal" loading={update.isPending} onClick={() => set('done')} data-testid="case-plan-done">{t('cases.plan.markDone')}</Button>
            )}
            {item.status === 'open' && c.rights.lead && <Button size="compact-xs" variant="subtle" color="gray" onClick={() => set('dropped')} data-testid="case-plan-drop">{t('cases.plan.drop')}</Button>}
            {item.status !== 'open' && c.rights.lead && <Button size="compact-xs" variant="subtle" onClick={() => set('open')}>{t('cases.plan.reopen')}</Button>}
          </Group>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {[
          item.responsibleAgency ? vocab.agency(item.responsibleAgency) : null,
          item.responsible?.name ?? null,
        ].filter(Boolean).join(' · ') || t('cases.plan.noResponsible')}
        {item.dueOn && <> · {t('cases.plan.due')} <DateText value={item.dueOn} /></>}
      </Text>
      {update.isError && <ErrorAlert error={update.error} />}
    </div>
  );
}

function AddItem({ c, goalId }: { c: CaseFile; goalId?: string }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const add = useAddPlanItem(c.id);
  const members = useUnitMembers(c.leadUnitId, c.rights.lead);
  const [opened, setOpened] = useState(!goalId);
  const [title, setTitle] = useState('');
  const [agency, setAgency] = useState('');
  const [userId, setUserId] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [tried, setTried] = useState(false);
  const errors = fieldErrors(add.error);
  const prefix = goalId ? 'case-action' : 'case-goal';
  if (!opened) return <Group><Button size="compact-sm" variant="subtle" onClick={() => setOpened(true)} data-testid="case-action-add">{t('cases.plan.addAction')}</Button></Group>;
  const submit = () => {
    setTried(true);
    if (!title.trim()) return;
    add.mutate({
      kind: goalId ? 'action' : 'goal', ...(goalId ? { goalId } : {}), title: title.trim(),
      responsibleAgency: (agency || null) as AgencyType | null, responsibleUserId: userId || null, dueOn: dueOn || null,
    }, { onSuccess: () => { setTitle(''); setAgency(''); setUserId(''); setDueOn(''); setTried(false); if (goalId) setOpened(false); } });
  };
  return (
    <Stack gap="xs" mt={goalId ? 'xs' : 0}>
      <SimpleGrid cols={{ base: 1, md: goalId ? 4 : 3 }} spacing="xs">
        <TextInput label={goalId ? t('cases.plan.action') : t('cases.plan.goal')} required value={title} maxLength={1000} onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title ?? (tried && !title.trim() ? t('intake.errors.required') : undefined)} data-testid={`${prefix}-title`} />
        <NativeSelect label={t('cases.plan.responsibleAgency')} value={agency} onChange={(e) => setAgency(e.currentTarget.value)} error={errors.responsibleAgency}
          data={[{ value: '', label: '—' }, ...AGENCY_TYPES.map((a) => ({ value: a, label: vocab.agency(a) }))]} data-testid={`${prefix}-agency`} />
        {goalId && (
          <NativeSelect label={t('cases.plan.responsibleUser')} value={userId} onChange={(e) => setUserId(e.currentTarget.value)} error={errors.responsibleUserId}
            data={[{ value: '', label: '—' }, ...(members.data ?? []).map((m) => ({ value: m.id, label: m.fullName }))]} data-testid={`${prefix}-user`} />
        )}
        <TextInput label={t('cases.plan.dueOn')} type="date" value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} error={errors.dueOn} data-testid={`${prefix}-due`} />
      </SimpleGrid>
      {add.isError && <ErrorAlert error={add.error} fields={['title', 'responsibleAgency', 'responsibleUserId', 'dueOn']} />}
      <Group gap="xs">
        <Button size="xs" loading={add.isPending} onClick={submit} data-testid={`${prefix}-save`}>{goalId ? t('cases.plan.saveAction') : t('cases.plan.saveGoal')}</Button>
        {goalId && <Button size="xs" variant="default" onClick={() => setOpened(false)}>{t('common.cancel')}</Button>}
      </Group>
    </Stack>
  );
}
