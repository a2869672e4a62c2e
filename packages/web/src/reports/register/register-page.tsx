import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import {
  Alert, Button, Checkbox, Group, Modal, NativeSelect, Paper, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title,
} from '@mantine/core';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CHANNELS, REPORTER_RELATIONS, type Channel, type ReporterRelation } from '@qorgau/core';
import { useUser } from '../../auth/session.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { useFocusFirstError } from '../../components/use-focus-first-error.ts';
import { formatNumber, localName } from '../../format.ts';
import { fieldErrors } from '../../i18n/errors.ts';
import { useDistricts, useRegions } from '../../reference/queries.ts';
import type { OpenReportRef, Person } from '../../persons/types.ts';
import { personName } from '../../persons/person-text.ts';
import { useAddIncident, useCreateReport } from '../api.ts';
import { useVocab } from '../vocab.ts';
import {
  canImport, checkDraft, checkIncident, clearDraft, expandForErrors, fieldPaths, incidentBody, initialDraft, isBlank, loadDraft,
  NARRATIVE_MAX, newIncident, agencyDefaults, reportBody, saveDraft, SCREENING_KEYS, valueAt,
  type ClientError, type ReportDraft,
} from './form-state.ts';
import { IncidentFields } from './incident-fields.tsx';

/** Server messages per field, with the value each referred to: a message goes away once its field is edited. */
interface Failure {
  error: unknown;
  entries: Map<string, { message: string; snapshot: string }>;
}

function failureOf(error: unknown, prefix: string, body: unknown): Failure {
  const entries = new Map<string, { message: string; snapshot: string }>();
  for (const [path, message] of Object.entries(fieldErrors(error))) {
    const full = `${prefix}${path}`;
    entries.set(full, { message, snapshot: JSON.stringify(valueAt(body, full)) ?? '' });
  }
  return { error, entries };
}

type CheckScope = null | 'all' | { incident: number };

interface AddTarget {
  incident: number;
  victim: number;
  person: Person;
  report: OpenReportRef;
}

/** Register a report: a form shaped by the user's agency, with duplicate checks and a draft that survives a reload. */
export function RegisterReportPage() {
  const { t } = useTranslation();
  const user = useUser();
  const vocab = useVocab();
  const navigate = useNavigate();
  const importer = canImport(user);
  const defaults = useMemo(() => initialDraft(user), [user]);
  const [restored] = useState(() => loadDraft(user.id));
  const [draft, setDraft] = useState<ReportDraft>(() => restored ?? defaults);
  const [restoredNotice, setRestoredNotice] = useState(() => restored !== null && !isBlank(restored, defaults));
  const [scope, setScope] = useState<CheckScope>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [addTarget, setAddTarget] = useState<AddTarget | null>(null);
  const [discardOpen, setDiscardOpen] = useState(false);
  const create = useCreateReport();
  const add = useAddIncident();
  const focus = useFocusFirstError<HTMLFormElement>();
  const regions = useRegions();
  const districts = useDistricts(draft.regionCode || null);
  const finished = useRef(false);

  // the draft: saved shortly after each change, and at once when the page is left
  const latest = useRef(draft);
  latest.current = draft;
  useEffect(() => {
    if (finished.current) return;
    const timer = setTimeout(() => {
      if (finished.current) return;
      if (isBlank(draft, defaults)) clearDraft(user.id);
      else saveDraft(user.id, draft);
    }, 250);
    return () => clearTimeout(timer);
  }, [draft, defaults, user.id]);
  useEffect(() => {
    const flush = () => {
      if (!finished.current && !isBlank(latest.current, defaults)) saveDraft(user.id, latest.current);
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [defaults, user.id]);

  const clientErrors: Map<string, ClientError> = useMemo(() => {
    if (scope === null) return new Map<string, ClientError>();
    if (scope === 'all') return checkDraft(draft, { canImport: importer });
    const out = new Map<string, ClientError>();
    const inc = draft.incidents[scope.incident];
    if (inc) checkIncident(inc, `incidents.${scope.incident}`, out, new Date());
    return out;
  }, [scope, draft, importer]);
  const currentBody = useMemo(() => reportBody(draft, { canImport: importer }), [draft, importer]);
  const errorOf = (path: string): string | undefined => {
    const client = clientErrors.get(path);
    if (client) return t(client);
    const server = failure?.entries.get(path);
    if (server && (JSON.stringify(valueAt(currentBody, path)) ?? '') === server.snapshot) return server.message;
    return undefined;
  };

  const update = (changes: Partial<ReportDraft>) => setDraft((d) => ({ ...d, ...changes }));

  const finish = (reportId: string) => {
    finished.current = true;
    clearDraft(user.id);
    void navigate(`/reports/${reportId}`);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending || add.isPending) return;
    setScope('all');
    setFailure(null);
    const problems = checkDraft(draft, { canImport: importer });
    if (problems.size > 0) {
      setDraft((d) => expandForErrors(d, problems.keys()));
      focus.reportFailure();
      return;
    }
    const body = reportBody(draft, { canImport: importer });
    create.mutate(body, {
      onSuccess: (report) => finish(report.id),
      onError: (error) => {
        const f = failureOf(error, '', body);
        setFailure(f);
        setDraft((d) => expandForErrors(d, f.entries.keys()));
        focus.reportFailure();
      },
    });
  };

  const confirmAdd = () => {
    if (!addTarget || add.isPending) return;
    const { incident: i, victim: j, person, report } = addTarget;
    // the child becomes the register's person in the draft too, so that nothing is lost on failure
    const next: ReportDraft = {
      ...draft,
      incidents: draft.incidents.map((inc, n) => (n !== i ? inc : {
        ...inc,
        victims: inc.victims.map((v, m) => (m === j ? { ...v, existing: person } : v)),
      })),
    };
    setDraft(next);
    const inc = next.incidents[i];
    if (!inc) return;
    const problems = new Map<string, ClientError>();
    checkIncident(inc, `incidents.${i}`, problems, new Date());
    if (problems.size > 0) {
      setScope({ incident: i });
      setAddTarget(null);
      setDraft((d) => expandForErrors(d, problems.keys()));
      focus.reportFailure();
      return;
    }
    add.mutate({ reportId: report.id, incident: incidentBody(inc) }, {
      onSuccess: (r) => finish(r.id),
      onError: (error) => {
        const f = failureOf(error, `incidents.${i}.`, reportBody(next, { canImport: importer }));
        setFailure(f);
        if (f.entries.size > 0) {
          setAddTarget(null);
          focus.reportFailure();
        }
      },
    });
  };

  const startOver = () => {
    clearDraft(user.id);
    setDraft(initialDraft(user));
    setScope(null);
    setFailure(null);
    setRestoredNotice(false);
    setDiscardOpen(false);
    create.reset();
    add.reset();
  };

  /** Enter in a one-line field does not send the whole form by accident; Ctrl+Enter does, from anywhere. */
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter') return;
    const target = event.target as HTMLElement;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      event.currentTarget.requestSubmit();
      return;
    }
    if (target instanceof HTMLInputElement && target.type !== 'submit' && target.type !== 'button') event.preventDefault();
  };

  const choose = t('common.choose');
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, vocab.locale);
  const clientProblemCount = scope === 'all' ? clientErrors.size : 0;
  const d = draft;
  const setIncident = (i: number, inc: ReportDraft['incidents'][number]) =>
    setDraft((x) => ({ ...x, incidents: x.incidents.map((y, n) => (n === i ? inc : y)) }));

  return (
    <Page title={t('intake.title')}>
      <Text c="dimmed" mt={-8}>{t('intake.intro')}</Text>
      {restoredNotice && (
        <Alert color="blue" withCloseButton onClose={() => setRestoredNotice(false)} closeButtonLabel={t('intake.draft.dismiss')} data-testid="intake-draft-restored" role="status">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm">{t('intake.draft.restored')}</Text>
            <Button size="xs" variant="light" onClick={() => setDiscardOpen(true)}>{t('intake.draft.startOver')}</Button>
          </Group>
        </Alert>
      )}

      <form ref={focus.ref} onSubmit={submit} onKeyDown={onKeyDown} noValidate data-testid="intake-form" aria-describedby="intake-keys-hint">
        <Stack gap="lg">
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="intake-s-intake">
            <Title order={2} size="h4" mb="sm" id="intake-s-intake">{t('intake.section.intake')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
              <NativeSelect
                label={t('intake.channel')}
                required
                data={CHANNELS.map((c) => ({ value: c, label: vocab.channel(c) }))}
                value={d.channel}
                error={errorOf('channel')}
                onChange={(e) => update({ channel: e.currentTarget.value as Channel })}
                data-testid="intake-channel"
              />
              <NativeSelect
                label={t('intake.region')}
                required
                data={[
                  { value: '', label: regions.isPending ? t('common.loading') : choose },
                  ...(regions.data ?? []).map((r) => ({ value: r.code, label: localName(r.name, vocab.locale) })).sort(byLabel),
                ]}
                value={d.regionCode}
                error={errorOf('regionCode') ?? (regions.isError ? t('territory.loadFailed') : undefined)}
                onChange={(e) => {
                  const regionCode = e.currentTarget.value;
                  // districts, settlements and schools belong to the old region
                  setDraft((x) => ({
                    ...x, regionCode, districtCode: '',
                    incidents: x.incidents.map((inc) => ({ ...inc, districtCode: '', settlementCode: '', schoolId: '' })),
                  }));
                }}
                data-testid="intake-region"
              />
              <NativeSelect
                label={t('intake.district')}
                disabled={!d.regionCode}
                data={[
                  { value: '', label: districts.isFetching ? t('common.loading') : choose },
                  ...(districts.data ?? []).map((x) => ({ value: x.code, label: localName(x.name, vocab.locale) })).sort(byLabel),
                ]}
                value={d.districtCode}
                error={errorOf('districtCode')}
                onChange={(e) => {
                  const districtCode = e.currentTarget.value;
                  // incidents that were in the report's district follow it
                  setDraft((x) => ({
                    ...x, districtCode,
                    incidents: x.incidents.map((inc) => (inc.districtCode === x.districtCode
                      ? { ...inc, districtCode, settlementCode: '', schoolId: '' } : inc)),
                  }));
                }}
                data-testid="intake-district"
              />
              {importer ? (
                <TextInput
                  label={t('intake.received')}
                  description={t('intake.receivedHint')}
                  type="datetime-local"
                  value={d.receivedAt}
                  error={errorOf('receivedAt')}
                  onChange={(e) => update({ receivedAt: e.currentTarget.value })}
                  data-testid="intake-received"
                />
              ) : (
                <div>
                  <Text size="sm" fw={500}>{t('intake.received')}</Text>
                  <Text size="sm" c="dimmed" mt={4} data-testid="intake-received-now">{t('intake.receivedNow')}</Text>
                </div>
              )}
            </SimpleGrid>
          </Paper>

          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="intake-s-reporter">
            <Title order={2} size="h4" mb="sm" id="intake-s-reporter">{t('intake.section.reporter')}</Title>
            <Stack gap="sm">
              <Checkbox
                label={t('intake.reporter.anonymous')}
                description={t('intake.reporter.anonymousHint')}
                checked={d.anonymous}
                onChange={(e) => update({ anonymous: e.currentTarget.checked })}
                data-testid="intake-anonymous"
              />
              {!d.anonymous && (
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
                  <TextInput
                    label={t('intake.person.lastName')}
                    autoComplete="off"
                    value={d.reporter.lastName}
                    error={errorOf('reporter.lastName')}
                    onChange={(e) => update({ reporter: { ...d.reporter, lastName: e.currentTarget.value } })}
                    data-testid="intake-reporter-last"
                  />
                  <TextInput
                    label={t('intake.person.firstName')}
                    required
                    autoComplete="off"
                    value={d.reporter.firstName}
                    error={errorOf('reporter.firstName')}
                    onChange={(e) => update({ reporter: { ...d.reporter, firstName: e.currentTarget.value } })}
                    data-testid="intake-reporter-first"
                  />
                  <NativeSelect
                    label={t('intake.reporter.relation')}
                    required
                    data={[{ value: '', label: choose }, ...REPORTER_RELATIONS.map((r) => ({ value: r, label: vocab.reporterRelation(r) }))]}
                    value={d.reporter.relation}
                    error={errorOf('reporter.relation')}
                    onChange={(e) => update({ reporter: { ...d.reporter, relation: e.currentTarget.value as '' | ReporterRelation } })}
                    data-testid="intake-reporter-relation"
                  />
                  <TextInput
                    label={t('intake.reporter.phone')}
                    type="tel"
                    autoComplete="off"
                    value={d.reporter.phone}
                    error={errorOf('reporter.phone')}
                    onChange={(e) => update({ reporter: { ...d.reporter, phone: e.currentTarget.value } })}
                    data-testid="intake-reporter-phone"
                  />
                </SimpleGrid>
              )}
            </Stack>
          </Paper>

          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="intake-s-narrative">
            <Title order={2} size="h4" mb="sm" id="intake-s-narrative">{t('intake.section.narrative')}</Title>
            <Stack gap="md">
              <Textarea
                label={t('intake.narrative')}
                description={t('intake.narrativeCount', { n: formatNumber(d.narrative.length, vocab.locale), max: formatNumber(NARRATIVE_MAX, vocab.locale) })}
                required
                autosize
                minRows={5}
                maxRows={20}
                maxLength={NARRATIVE_MAX}
                value={d.narrative}
                error={errorOf('narrative')}
                onChange={(e) => update({ narrative: e.currentTarget.value })}
                data-testid="intake-narrative"
              />
              <div>
                <Text fw={600} size="sm">{t('intake.screening.title')}</Text>
                <Text size="xs" c="dimmed" mb="xs">{t('intake.screening.hint')}</Text>
                <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
                  {SCREENING_KEYS.map((key) => (
                    <Radio.Group
                      key={key}
                      label={t(`intake.screening.${key}`)}
                      value={d.screening[key]}
                      onChange={(v) => update({ screening: { ...d.screening, [key]: v } })}
                      error={errorOf(`screening.${key}`)}
                      data-testid={`intake-screening-${key}`}
                    >
                      <Group gap="lg" mt={6}>
                        <Radio value="yes" label={t('common.yes')} data-testid={`intake-screening-${key}-yes`} />
                        <Radio value="no" label={t('common.no')} data-testid={`intake-screening-${key}-no`} />
                      </Group>
                    </Radio.Group>
                  ))}
                </SimpleGrid>
              </div>
            </Stack>
          </Paper>

          {d.incidents.map((inc, i) => (
            <IncidentFields
              key={inc.key}
              index={i}
              value={inc}
              regionCode={d.regionCode}
              errorOf={errorOf}
              onChange={(x) => setIncident(i, x)}
              onRemove={d.incidents.length > 1 ? () => setDraft((x) => ({ ...x, incidents: x.incidents.filter((_, n) => n !== i) })) : undefined}
              onAddToReport={(victim, person, report) => {
                add.reset();
                setFailure(null);
                setAddTarget({ incident: i, victim, person, report });
              }}
            />
          ))}
          <Group>
            <Button
              variant="light"
              disabled={d.incidents.length >= 20}
              onClick={() => {
                const a = agencyDefaults(user);
                setDraft((x) => ({ ...x, incidents: [...x.incidents, newIncident({ ...a, districtCode: x.districtCode || a.districtCode })] }));
              }}
              data-testid="incident-add"
            >
              + {t('intake.incident.add')}
            </Button>
          </Group>

          {clientProblemCount > 0 && (
            <Alert color="red" title={t('common.errorTitle')} role="alert" data-testid="intake-error">
              {t('intake.errors.summary', { n: clientProblemCount })}
            </Alert>
          )}
          <ErrorAlert error={addTarget ? null : (failure?.error ?? null)} fields={fieldPaths(d)} testId="intake-error" />

          <Paper withBorder p="md" radius="md" bg="gray.0">
            <Group justify="space-between" wrap="wrap" gap="sm">
              <Text size="sm" c="dimmed" id="intake-keys-hint">{t('intake.keysHint')}</Text>
              <Group gap="sm">
                <Button variant="default" onClick={() => setDiscardOpen(true)} data-testid="intake-discard">
                  {t('intake.draft.discard')}
                </Button>
                <Button type="submit" size="md" loading={create.isPending} data-testid="intake-submit">
                  {t('intake.submit')}
                </Button>
              </Group>
            </Group>
          </Paper>
        </Stack>
      </form>

      <Modal opened={addTarget !== null} onClose={() => setAddTarget(null)} title={t('intake.addInstead.title')} size="lg">
        {addTarget && (
          <Stack gap="sm">
            <Text>
              {t('intake.addInstead.text', { number: addTarget.report.number, name: personName(addTarget.person), n: addTarget.incident + 1 })}
            </Text>
            <Text size="sm" c="dimmed">{t('intake.addInstead.note')}</Text>
            <ErrorAlert error={failure?.error ?? null} testId="intake-add-error" />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAddTarget(null)}>{t('common.cancel')}</Button>
              <Button color="orange" loading={add.isPending} onClick={confirmAdd} data-testid="intake-add-confirm">
                {t('intake.addInstead.confirm', { number: addTarget.report.number })}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>

      <Modal opened={discardOpen} onClose={() => setDiscardOpen(false)} title={t('intake.draft.discardTitle')}>
        <Stack gap="sm">
          <Text>{t('intake.draft.discardText')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDiscardOpen(false)}>{t('common.cancel')}</Button>
            <Button color="red" onClick={startOver} data-testid="intake-discard-confirm">{t('intake.draft.discard')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Page>
  );
}
