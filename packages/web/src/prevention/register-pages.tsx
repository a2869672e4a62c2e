// Prevention register screens: programmes, sessions (list and the "record a session" form),
// trainings of school psychologists and volunteer groups.
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, Loader, NumberInput, SimpleGrid, Stack, Table, Text, TextInput, Textarea, NativeSelect } from '@mantine/core';
import { FACILITATOR_TYPES, facilitatorTypeLabels, roleHas } from '@qorgau/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { formatDate, formatNumber, localName } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import {
  GRADES, lastYear, useCreateGroup, useCreateProgramme, useCreateSession, useCreateTraining, useDeleteSession, useGroups, usePrograms, useSessions, useTrainings,
  useUpdateGroup,
} from './api.ts';
import { fieldErrors, PlacePicker, PreventionTabs, ProgrammeSelect, useCanManage, type Place } from './parts.tsx';

const NO_PLACE: Place = { regionCode: '', districtCode: '', schoolId: '' };
const todayKz = () => lastYear().to;

export function ProgrammesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const user = useUser();
  const list = usePrograms();
  const manager = roleHas(user.role, 'prevention.manage') && (user.role === 'admin' || user.role === 'regional_coordinator');
  const [open, setOpen] = useState(false);
  return (
    <Page title={t('prevention.title')} actions={useCanManage() ? <Button component={Link} to="/prevention/sessions/new" data-testid="prevention-record">{t('prevention.session.record')}</Button> : null}>
      <PreventionTabs />
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.isError && <ErrorAlert error={list.error} />}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {(list.data ?? []).map((p) => (
          <Card key={p.id} withBorder data-testid="prevention-programme">
            <Group justify="space-between" align="start">
              <Text fw={700}>{localName(p.name, locale)}</Text>
              <Badge variant="light" color={p.active ? 'teal' : 'gray'}>{p.active ? t('prevention.active') : t('prevention.inactive')}</Badge>
            </Group>
            <Text size="sm" c="dimmed">{p.code} · {formatDate(p.startsOn, locale)}{p.endsOn ? ` – ${formatDate(p.endsOn, locale)}` : ''}{p.organiser ? ` · ${p.organiser}` : ''}</Text>
            {p.description && <Text size="sm" mt="xs">{p.description}</Text>}
            <Group mt="sm" gap="lg">
              <Text size="sm">{t('prevention.figures.sessions')}: <b>{formatNumber(p.sessions, locale)}</b></Text>
              <Text size="sm">{t('prevention.figures.schoolsReached')}: <b>{formatNumber(p.schoolsReached, locale)}</b></Text>
              <Text size="sm">{t('prevention.figures.participants')}: <b>{formatNumber(p.participants, locale)}</b></Text>
            </Group>
            <Group mt="sm">
              <Anchor component={Link} to={`/prevention/sessions?programmeId=${p.id}`} size="sm">{t('prevention.tabs.sessions')}</Anchor>
              <Anchor component={Link} to={`/prevention/coverage?programmeId=${p.id}`} size="sm">{t('prevention.tabs.coverage')}</Anchor>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
      {manager && (open ? <ProgrammeForm onDone={() => setOpen(false)} /> : <Group><Button variant="light" onClick={() => setOpen(true)}>{t('prevention.programme.new')}</Button></Group>)}
    </Page>
  );
}

function ProgrammeForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const save = useCreateProgramme();
  const [v, setV] = useState({ code: '', nameKk: '', nameRu: '', nameEn: '', organiser: '', description: '', startsOn: todayKz(), endsOn: '' });
  const errors = fieldErrors(save.error);
  const field = (k: keyof typeof v) => ({ value: v[k], error: errors[k], onChange: (e: { currentTarget: { value: string } }) => setV({ ...v, [k]: e.currentTarget.value }) });
  return (
    <Card withBorder component="form" onSubmit={(e) => { e.preventDefault(); save.mutate({ ...v, endsOn: v.endsOn || null, organiser: v.organiser || null, description: v.description || null }, { onSuccess: onDone }); }}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('prevention.programme.code')} required {...field('code')} />
          <TextInput label={t('prevention.programme.organiser')} {...field('organiser')} />
          <TextInput label={t('prevention.programme.nameKk')} required {...field('nameKk')} />
          <TextInput label={t('prevention.programme.nameRu')} required {...field('nameRu')} />
          <TextInput label={t('prevention.programme.nameEn')} required {...field('nameEn')} />
          <TextInput type="date" label={t('prevention.programme.startsOn')} required {...field('startsOn')} />
          <TextInput type="date" label={t('prevention.programme.endsOn')} {...field('endsOn')} />
        </SimpleGrid>
        <Textarea label={t('prevention.programme.description')} {...field('description')} />
        {save.isError && !Object.keys(errors).length && <ErrorAlert error={save.error} />}
        <Group><Button type="submit" loading={save.isPending}>{t('prevention.save')}</Button><Button variant="default" onClick={onDone}>{t('prevention.cancel')}</Button></Group>
      </Stack>
    </Card>
  );
}

export function SessionsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const params = new URLSearchParams(window.location.search);
  const [programmeId, setProgrammeId] = useState(params.get('programmeId') ?? '');
  const [place, setPlace] = useState<Place>(NO_PLACE);
  const [facilitatorType, setFacilitatorType] = useState('');
  const [{ from, to }, setPeriod] = useState(lastYear());
  const [offset, setOffset] = useState(0);
  const q = { programmeId, regionCode: place.regionCode, districtCode: place.districtCode, schoolId: place.schoolId, facilitatorType, from, to, limit: 50, offset };
  const list = useSessions(q);
  const remove = useDeleteSession();
  return (
    <Page title={t('prevention.tabs.sessions')} actions={useCanManage() ? <Button component={Link} to="/prevention/sessions/new" data-testid="prevention-record">{t('prevention.session.record')}</Button> : null}>
      <PreventionTabs />
      <Group align="end" wrap="wrap">
        <ProgrammeSelect value={programmeId} onChange={(v) => { setProgrammeId(v); setOffset(0); }} optional testId="sessions-programme" />
        <PlacePicker value={place} onChange={(p) => { setPlace(p); setOffset(0); }} optional testId="sessions-place" />
        <NativeSelect label={t('prevention.session.facilitator')} value={facilitatorType} onChange={(e) => setFacilitatorType(e.currentTarget.value)}
          data={[{ value: '', label: t('prevention.all') }, ...FACILITATOR_TYPES.map((f) => ({ value: f, label: facilitatorTypeLabels[f][locale] }))]} />
        <TextInput type="date" label={t('prevention.from')} value={from} onChange={(e) => setPeriod({ from: e.currentTarget.value, to })} />
        <TextInput type="date" label={t('prevention.to')} value={to} onChange={(e) => setPeriod({ from, to: e.currentTarget.value })} />
      </Group>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && (
        <>
          <Text size="sm" c="dimmed">{t('prevention.found', { n: list.data.total })}</Text>
          <Table striped highlightOnHover data-testid="sessions-table">
            <Table.Thead><Table.Tr>
              <Table.Th>{t('prevention.session.heldOn')}</Table.Th><Table.Th>{t('prevention.school')}</Table.Th><Table.Th>{t('prevention.programmeLabel')}</Table.Th>
              <Table.Th>{t('prevention.session.topic')}</Table.Th><Table.Th>{t('prevention.session.facilitator')}</Table.Th><Table.Th>{t('prevention.session.grades')}</Table.Th>
              <Table.Th ta="right">{t('prevention.figures.participants')}</Table.Th><Table.Th />
            </Table.Tr></Table.Thead>
            <Table.Tbody>
              {list.data.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{formatDate(s.heldOn, locale)}</Table.Td>
                  <Table.Td>{s.schoolName ? localName(s.schoolName, locale) : '—'}</Table.Td>
                  <Table.Td>{localName(s.programmeName, locale)}</Table.Td>
                  <Table.Td>{s.topic}</Table.Td>
                  <Table.Td>{facilitatorTypeLabels[s.facilitatorType as keyof typeof facilitatorTypeLabels]?.[locale] ?? s.facilitatorType}{s.facilitatorName ? ` · ${s.facilitatorName}` : ''}</Table.Td>
                  <Table.Td>{Object.keys(s.participants).join(', ')}</Table.Td>
                  <Table.Td ta="right">{formatNumber(s.participantsTotal, locale)}</Table.Td>
                  <Table.Td>{s.rights.edit && <Button size="compact-xs" variant="subtle" color="red" loading={remove.isPending}
                    onClick={() => { if (window.confirm(t('prevention.session.confirmDelete'))) remove.mutate(s.id); }}>{t('prevention.delete')}</Button>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group>
            <Button variant="default" size="xs" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - 50))}>{t('prevention.previous')}</Button>
            <Button variant="default" size="xs" disabled={offset + 50 >= list.data.total} onClick={() => setOffset(offset + 50)}>{t('prevention.next')}</Button>
          </Group>
        </>
      )}
    </Page>
  );
}

/** Record a session that was held: where, when, what, who led it and how many pupils of each grade took part. */
export function RecordSessionPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const user = useUser();
  const navigate = useNavigate();
  const save = useCreateSession();
  const ownSchool = user.role === 'school_specialist' && user.schoolId ? user.schoolId : null;
  const [place, setPlace] = useState<Place>({ ...NO_PLACE, regionCode: user.regionCode ?? '', districtCode: user.districtCode ?? '' });
  const [programmeId, setProgrammeId] = useState('');
  const [heldOn, setHeldOn] = useState(todayKz());
  const [topic, setTopic] = useState('');
  const [facilitatorType, setFacilitatorType] = useState<string>(ownSchool ? 'school' : 'police');
  const [facilitatorName, setFacilitatorName] = useState('');
  const [grades, setGrades] = useState<Record<string, number>>({});
  const total = Object.values(grades).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  const errors = fieldErrors(save.error);
  const gradeError = Object.entries(errors).find(([k]) => k.startsWith('participants'))?.[1];
  const submit = () => save.mutate({
    programmeId, schoolId: ownSchool ?? place.schoolId, heldOn, topic, facilitatorType, facilitatorName: facilitatorName || null,
    participants: Object.fromEntries(Object.entries(grades).filter(([, n]) => n > 0)),
  }, { onSuccess: () => void navigate('/prevention/sessions') });
  return (
    <Page title={t('prevention.session.record')}>
      <PreventionTabs />
      <Stack component="form" maw={860} onSubmit={(e) => { e.preventDefault(); submit(); }} data-testid="session-form">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <ProgrammeSelect value={programmeId} onChange={setProgrammeId} error={errors.programmeId} testId="session-programme" />
          <TextInput type="date" label={t('prevention.session.heldOn')} required value={heldOn} max={todayKz()} error={errors.heldOn}
            description={t('prevention.session.heldOnHelp')} onChange={(e) => setHeldOn(e.currentTarget.value)} data-testid="session-date" />
        </SimpleGrid>
        {ownSchool ? <Text size="sm">{t('prevention.session.ownSchool')}</Text> : (
          <SimpleGrid cols={{ base: 1, sm: 3 }}><PlacePicker value={place} onChange={setPlace} errors={{ schoolId: errors.schoolId }} testId="session-place" /></SimpleGrid>
        )}
        <TextInput label={t('prevention.session.topic')} required value={topic} error={errors.topic} onChange={(e) => setTopic(e.currentTarget.value)} data-testid="session-topic" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect label={t('prevention.session.facilitator')} value={facilitatorType} error={errors.facilitatorType} onChange={(e) => setFacilitatorType(e.currentTarget.value)}
            data={FACILITATOR_TYPES.map((f) => ({ value: f, label: facilitatorTypeLabels[f][locale] }))} data-testid="session-facilitator" />
          <TextInput label={t('prevention.session.facilitatorName')} value={facilitatorName} onChange={(e) => setFacilitatorName(e.currentTarget.value)} data-testid="session-facilitator-name" />
        </SimpleGrid>
        <Stack gap={4}>
          <Text fw={600} size="sm">{t('prevention.session.grades')}</Text>
          <SimpleGrid cols={{ base: 3, sm: 6 }} spacing="xs" maw={640} data-testid="session-grades">
            {GRADES.map((g) => (
              <NumberInput key={g} label={g === '0' ? t('prevention.session.preschool') : t('prevention.session.grade', { grade: g })} min={0} max={5000} allowDecimal={false} allowNegative={false}
                value={grades[g] ?? ''} onChange={(v) => setGrades({ ...grades, [g]: typeof v === 'number' ? v : Number(v) || 0 })} data-testid={`session-grade-${g}`} hideControls />
            ))}
          </SimpleGrid>
          <Text size="sm" data-testid="session-total">{t('prevention.session.total')}: <b>{formatNumber(total, locale)}</b></Text>
          {gradeError && <Text size="sm" c="red">{gradeError}</Text>}
        </Stack>
        {save.isError && <ErrorAlert error={save.error} />}
        <Group><Button type="submit" loading={save.isPending} disabled={total <= 0} data-testid="session-save">{t('prevention.save')}</Button></Group>
      </Stack>
    </Page>
  );
}

export function TrainingsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const user = useUser();
  const list = useTrainings();
  const save = useCreateTraining();
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState<Place>({ ...NO_PLACE, regionCode: user.regionCode ?? '' });
  const [v, setV] = useState({ title: '', heldOn: todayKz(), hours: 8, organiser: '', programmeId: '' });
  const errors = fieldErrors(save.error);
  return (
    <Page title={t('prevention.tabs.trainings')} actions={useCanManage() && !open ? <Button variant="light" onClick={() => setOpen(true)}>{t('prevention.training.new')}</Button> : null}>
      <PreventionTabs />
      {open && (
        <Card withBorder component="form" onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ ...v, organiser: v.organiser || null, programmeId: v.programmeId || null, regionCode: place.regionCode, districtCode: place.districtCode || null, specialistIds: [] }, { onSuccess: () => setOpen(false) });
        }}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('prevention.training.title')} required value={v.title} error={errors.title} onChange={(e) => setV({ ...v, title: e.currentTarget.value })} />
            <ProgrammeSelect value={v.programmeId} onChange={(p) => setV({ ...v, programmeId: p })} optional testId="training-programme" />
            <TextInput type="date" label={t('prevention.session.heldOn')} required value={v.heldOn} error={errors.heldOn} onChange={(e) => setV({ ...v, heldOn: e.currentTarget.value })} />
            <NumberInput label={t('prevention.training.hours')} min={0.5} max={500} value={v.hours} error={errors.hours} onChange={(n) => setV({ ...v, hours: Number(n) || 0 })} />
            <TextInput label={t('prevention.programme.organiser')} value={v.organiser} onChange={(e) => setV({ ...v, organiser: e.currentTarget.value })} />
            <PlacePicker value={place} onChange={setPlace} depth="district" errors={{ regionCode: errors.regionCode, districtCode: errors.districtCode }} testId="training-place" />
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt="xs">{t('prevention.training.participantsLater')}</Text>
          {save.isError && <ErrorAlert error={save.error} />}
          <Group mt="sm"><Button type="submit" loading={save.isPending}>{t('prevention.save')}</Button><Button variant="default" onClick={() => setOpen(false)}>{t('prevention.cancel')}</Button></Group>
        </Card>
      )}
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && list.data.length === 0 && <Text c="dimmed">{t('prevention.none')}</Text>}
      {list.data && list.data.length > 0 && (
        <Table striped data-testid="trainings-table">
          <Table.Thead><Table.Tr>
            <Table.Th>{t('prevention.session.heldOn')}</Table.Th><Table.Th>{t('prevention.training.title')}</Table.Th><Table.Th>{t('prevention.programmeLabel')}</Table.Th>
            <Table.Th>{t('prevention.region')}</Table.Th><Table.Th ta="right">{t('prevention.training.hours')}</Table.Th><Table.Th>{t('prevention.training.participants')}</Table.Th>
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {list.data.map((x) => (
              <Table.Tr key={x.id}>
                <Table.Td>{formatDate(x.heldOn, locale)}</Table.Td>
                <Table.Td>{x.title}{x.organiser ? <Text size="xs" c="dimmed">{x.organiser}</Text> : null}</Table.Td>
                <Table.Td>{x.programmeName ? localName(x.programmeName, locale) : '—'}</Table.Td>
                <Table.Td>{x.regionCode}</Table.Td>
                <Table.Td ta="right">{x.hours}</Table.Td>
                <Table.Td>{x.participants.length === 0 ? '—' : x.participants.map((p) => p.fullName).join(', ')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Page>
  );
}

export function VolunteersPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const user = useUser();
  const list = useGroups();
  const save = useCreateGroup();
  const update = useUpdateGroup();
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState<Place>({ ...NO_PLACE, regionCode: user.regionCode ?? '', districtCode: user.districtCode ?? '' });
  const [v, setV] = useState({ name: '', members: 10, leader: '', programmeId: '' });
  const errors = fieldErrors(save.error);
  return (
    <Page title={t('prevention.tabs.volunteers')} actions={useCanManage() && !open ? <Button variant="light" onClick={() => setOpen(true)}>{t('prevention.group.new')}</Button> : null}>
      <PreventionTabs />
      {open && (
        <Card withBorder component="form" onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ ...v, leader: v.leader || null, programmeId: v.programmeId || null, regionCode: place.regionCode, districtCode: place.districtCode, schoolId: place.schoolId || null }, { onSuccess: () => setOpen(false) });
        }}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('prevention.group.name')} required value={v.name} error={errors.name} onChange={(e) => setV({ ...v, name: e.currentTarget.value })} />
            <ProgrammeSelect value={v.programmeId} onChange={(p) => setV({ ...v, programmeId: p })} optional testId="group-programme" />
            <NumberInput label={t('prevention.group.members')} min={1} value={v.members} error={errors.members} onChange={(n) => setV({ ...v, members: Number(n) || 0 })} />
            <TextInput label={t('prevention.group.leader')} value={v.leader} onChange={(e) => setV({ ...v, leader: e.currentTarget.value })} />
            <PlacePicker value={place} onChange={setPlace} errors={{ regionCode: errors.regionCode, districtCode: errors.districtCode, schoolId: errors.schoolId }} testId="group-place" />
          </SimpleGrid>
          {save.isError && <ErrorAlert error={save.error} />}
          <Group mt="sm"><Button type="submit" loading={save.isPending}>{t('prevention.save')}</Button><Button variant="default" onClick={() => setOpen(false)}>{t('prevention.cancel')}</Button></Group>
        </Card>
      )}
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && list.data.length === 0 && <Alert color="gray">{t('prevention.none')}</Alert>}
      {list.data && list.data.length > 0 && (
        <Table striped data-testid="groups-table">
          <Table.Thead><Table.Tr>
            <Table.Th>{t('prevention.group.name')}</Table.Th><Table.Th>{t('prevention.school')}</Table.Th><Table.Th>{t('prevention.programmeLabel')}</Table.Th>
            <Table.Th ta="right">{t('prevention.group.members')}</Table.Th><Table.Th>{t('prevention.active')}</Table.Th>
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {list.data.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Td>{g.name}{g.leader ? <Text size="xs" c="dimmed">{g.leader}</Text> : null}</Table.Td>
                <Table.Td>{g.schoolName ? localName(g.schoolName, locale) : g.districtCode}</Table.Td>
                <Table.Td>{g.programmeName ? localName(g.programmeName, locale) : '—'}</Table.Td>
                <Table.Td ta="right">{g.members}</Table.Td>
                <Table.Td><Checkbox checked={g.active} disabled={!g.rights.edit || update.isPending} aria-label={t('prevention.active')}
                  onChange={(e) => update.mutate({ id: g.id, active: e.currentTarget.checked })} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Page>
  );
}
