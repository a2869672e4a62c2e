import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import {
  Alert, Anchor, Badge, Button, Grid, Group, Kbd, Loader, NativeSelect, Paper, Stack, Text, Textarea, Title, VisuallyHidden,
} from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUser } from '../auth/session.ts';
import { Page } from '../components/page.tsx';
import { formatDateTime, localName } from '../format.ts';
import { useErrorText } from '../i18n/errors.ts';
import { useRegions } from '../reference/queries.ts';
import { PRIORITY_COLORS, useVocab } from '../reports/vocab.ts';
import { ApiError } from '../api.ts';
import { useChiCategories } from './api.ts';
import { CallTimer } from './call-timer.tsx';
import { ChiPicker } from './chi-picker.tsx';
import { ChildSection, clickAddToOpenReport } from './child-section.tsx';
import {
  checkDraft, contactBody, expectedPriority, fieldOfPath, firstProblem, formatDuration, incidentOf, isPristine, loadDraft, newDraft,
  storeDraft, withChi, withOutcome, type ConsoleDraft, type FieldKey,
} from './draft.ts';
import { focusRadioGroup, KeyRadioGroup } from './key-radio-group.tsx';
import { chordOf, digitOf, isTextEntry, yesNoOf, type ConsoleAction } from './keys.ts';
import { useOutbox, type OutboxEntry, type SaveError, type SaveEvent } from './outbox.ts';
import { RecentContacts } from './recent-contacts.tsx';
import { ReportForm } from './report-form.tsx';
import { ShortcutHelp } from './shortcut-help.tsx';
import { CALLER_TYPES, CONTACT_OUTCOMES, SCREENING_QUESTIONS, type CallerType, type Contact, type ContactOutcome, type ScreeningQuestion } from './types.ts';
import './console.css';

/** Where each field lives on the screen, to put the focus on it. */
const FIELD_ELEMENT: Record<FieldKey, string> = {
  callerType: 'console-caller-type', regionCode: 'console-region', person: 'console-child-search', childFirstName: 'console-child-first-name',
  childAge: 'console-child-age', chiCode: 'console-chi', outcome: 'console-outcome', openReport: 'console-child-change',
  districtCode: 'console-report-district', narrative: 'console-report-narrative', types: 'console-report-types',
  callerName: 'console-report-caller-name', callerPhone: 'console-report-caller-phone', summary: 'console-summary',
};

function focusElement(id: string): boolean {
  const el = document.getElementById(id);
  if (!el) return false;
  if (el.getAttribute('role') === 'radiogroup') return focusRadioGroup(id);
  el.focus();
  return true;
}

type SaveResult =
  | { clientId: string; status: 'saving'; since: number }
  | { clientId: string; status: 'retrying'; since: number }
  | { clientId: string; status: 'saved'; contact: Contact; incidentError: SaveError | null; incidentReport: string | null }
  | { clientId: string; status: 'refused'; error: SaveError; restored: boolean };

function Section({ id, title, shortcut, children, testId }: { id: string; title: string; shortcut?: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={`${id}-title`} data-testid={testId}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2} size="h4" id={`${id}-title`}>{title}</Title>
        {shortcut && <Kbd size="xs" aria-hidden="true">{shortcut}</Kbd>}
      </Group>
      {children}
    </Paper>
  );
}

/** The hotline console: one call at a time, from the first key to the saved contact. */
export function ConsolePage() {
  const { t } = useTranslation();
  const user = useUser();
  const vocab = useVocab();
  const locale = vocab.locale;
  const errorText = useErrorText();
  const regions = useRegions();
  const chi = useChiCategories();
  const [draft, setDraft] = useState<ConsoleDraft | null>(() => loadDraft(localStorage, user.id));
  const [showProblems, setShowProblems] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<FieldKey, string>>>({});
  const [result, setResult] = useState<SaveResult | null>(null);
  const [slow, setSlow] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  // a draft found in storage at load: the tab was reloaded (or closed) mid-call
  const [restoredAt, setRestoredAt] = useState<string | null>(() => loadDraft(localStorage, user.id)?.startedAt ?? null);
  const [, setFocusTick] = useState(0);
  const pendingFocus = useRef<string | null>(null);
  const draftRef = useRef(draft);
  draftRef.current = draft;

  // every change is kept at once: a reload mid-call continues where it was
  useEffect(() => {
    storeDraft(localStorage, user.id, draft);
  }, [draft, user.id]);

  const update = useCallback((change: (d: ConsoleDraft) => ConsoleDraft) => {
    setDraft((d) => (d ? change(d) : d));
  }, []);

  const focusSoon = useCallback((id: string) => {
    pendingFocus.current = id;
    setFocusTick((n) => n + 1);
  }, []);
  useEffect(() => {
    const id = pendingFocus.current;
    if (id && focusElement(id)) pendingFocus.current = null;
  });

  // a spinner only when saving takes longer than 300 ms
  useEffect(() => {
    if (result?.status !== 'saving') {
      setSlow(false);
      return;
    }
    const timer = setTimeout(() => setSlow(true), Math.max(0, 300 - (Date.now() - result.since)));
    return () => clearTimeout(timer);
  }, [result]);

  const onSaveEvent = useCallback((ev: SaveEvent) => {
    const { clientId } = ev.entry;
    if (ev.type === 'saved') {
      setResult({ clientId, status: 'saved', contact: ev.contact, incidentError: ev.incidentError, incidentReport: ev.entry.incident?.reportNumber ?? null });
    } else if (ev.type === 'retrying') {
      setResult((r) => (r?.clientId === clientId && r.status === 'saving' ? { clientId, status: 'retrying', since: r.since } : r ?? { clientId, status: 'retrying', since: Date.now() }));
    } else {
      // refused: back into the console if it is free, with the server's words at the fields
      const restore = !draftRef.current;
      if (restore) {
        setDraft(ev.entry.draft);
        outboxRef.current?.remove(clientId);
        const errs: Partial<Record<FieldKey, string>> = {};
        for (const d of ev.error.details) {
          const key = fieldOfPath(d.path);
          if (key && !errs[key]) errs[key] = d.message;
        }
        setServerErrors(errs);
        setShowProblems(true);
        const first = (Object.keys(FIELD_ELEMENT) as FieldKey[]).find((k) => errs[k]);
        if (first) focusSoon(FIELD_ELEMENT[first]);
      }
      setResult({ clientId, status: 'refused', error: ev.error, restored: restore });
    }
  }, [focusSoon]);
  const outbox = useOutbox(user.id, onSaveEvent);
  const outboxRef = useRef<typeof outbox | null>(null);
  outboxRef.current = outbox;

  const start = useCallback(() => {
    if (draftRef.current) {
      focusSoon('console-caller-type');
      return;
    }
    setDraft({ ...newDraft(new Date()), regionCode: user.regionCode ?? '' });
    setRestoredAt(null);
    setShowProblems(false);
    setServerErrors({});
    focusSoon('console-caller-type');
  }, [focusSoon, user.regionCode]);

  const end = useCallback(() => {
    update((d) => (d.endedAt ? d : { ...d, endedAt: new Date().toISOString() }));
  }, [update]);

  const save = useCallback(() => {
    const d = draftRef.current;
    if (!d) return;
    const problems = checkDraft(d);
    const first = firstProblem(problems);
    setServerErrors({});
    if (first) {
      setShowProblems(true);
      focusSoon(FIELD_ELEMENT[first]);
      return;
    }
    const now = new Date();
    const body = contactBody(d, now);
    const entry: OutboxEntry = {
      clientId: d.clientId,
      body,
      incident: d.outcome === 'added_to_report' && d.openReport
        ? { reportId: d.openReport.id, reportNumber: d.openReport.number, body: incidentOf(d) }
        : null,
      draft: { ...d, endedAt: body.endedAt },
      queuedAt: now.toISOString(),
      state: 'pending',
      attempts: 0,
    };
    outbox.enqueue(entry);
    setResult({ clientId: d.clientId, status: 'saving', since: Date.now() });
    setDraft(null);
    setShowProblems(false);
    setRestoredAt(null);
    focusSoon('console-start');
  }, [focusSoon, outbox]);

  const cancel = useCallback(() => {
    setDraft(null);
    focusSoon('console-start');
  }, [focusSoon]);

  const restore = useCallback((entry: OutboxEntry) => {
    if (draftRef.current) return;
    setDraft(entry.draft);
    outbox.remove(entry.clientId);
    const errs: Partial<Record<FieldKey, string>> = {};
    for (const det of entry.error?.details ?? []) {
      const key = fieldOfPath(det.path);
      if (key && !errs[key]) errs[key] = det.message;
    }
    setServerErrors(errs);
    setShowProblems(true);
    focusSoon('console-caller-type');
  }, [focusSoon, outbox]);

  const setCallerType = useCallback((callerType: CallerType | null, moveOn: boolean) => {
    update((d) => ({ ...d, callerType }));
    if (moveOn) focusSoon(draftRef.current?.person ? 'console-chi' : 'console-child-search');
  }, [focusSoon, update]);

  // ---- keys ------------------------------------------------------------------------------
  const run = useCallback((action: ConsoleAction) => {
    const d = draftRef.current;
    switch (action) {
      case 'start': start(); return;
      case 'end': end(); return;
      case 'save': save(); return;
      case 'help': setHelpOpen((o) => !o); return;
      case 'callerType': focusElement('console-caller-type'); return;
      case 'child': focusElement(d?.person ? 'console-child-change' : 'console-child-search'); return;
      case 'subject': focusElement('console-chi'); return;
      case 'screening': focusElement('console-screening-immediateDanger'); return;
      case 'outcome': focusElement('console-outcome'); return;
      case 'report': focusElement('console-report-types'); return;
      case 'addToReport': clickAddToOpenReport(); return;
      case 'summary': focusElement('console-summary'); return;
    }
  }, [end, save, start]);
  const runRef = useRef(run);
  runRef.current = run;
  const helpRef = useRef(helpOpen);
  helpRef.current = helpOpen;
  const setCallerTypeRef = useRef(setCallerType);
  setCallerTypeRef.current = setCallerType;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target instanceof Element ? e.target : null;
      const typing = isTextEntry(target);
      if (e.key === '?' && !typing && !e.ctrlKey && !e.altKey && !e.metaKey) {
        e.preventDefault();
        runRef.current('help');
        return;
      }
      if (helpRef.current) return;
      const action = chordOf(e);
      if (action) {
        e.preventDefault();
        e.stopPropagation();
        runRef.current(action);
        return;
      }
      // digits choose the caller type, unless they are typed into a field or another choice has the focus
      const digit = digitOf(e);
      if (digit !== null && draftRef.current && !typing) {
        const inCaller = Boolean(target?.closest('#console-caller-type'));
        const inOtherChoice = Boolean(target?.closest('[role=radiogroup]')) && !inCaller;
        const type = CALLER_TYPES[digit - 1];
        if (!inOtherChoice && type) {
          e.preventDefault();
          setCallerTypeRef.current(type, true);
        }
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  // ---- view ------------------------------------------------------------------------------
  const problems = draft && showProblems ? checkDraft(draft) : {};
  const errors: Partial<Record<FieldKey, string>> = { ...serverErrors };
  for (const [key, problem] of Object.entries(problems) as [FieldKey, string][]) errors[key] = t(`console.invalid.${problem}`);
  const priority = draft ? expectedPriority(draft.screening) : null;
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, locale);

  const resultBanner = (() => {
    if (!result) return null;
    if (result.status === 'saving') {
      return slow ? (
        <Alert color="gray" variant="light" data-testid="console-result" data-status="saving">
          <Group gap="xs"><Loader size="xs" />{t('console.result.saving')}</Group>
        </Alert>
      ) : null;
    }
    if (result.status === 'retrying') {
      return (
        <Alert color="yellow" variant="light" data-testid="console-result" data-status="retrying">
          <Group gap="xs"><Loader size="xs" color="yellow" />{t('console.result.retrying')}</Group>
        </Alert>
      );
    }
    if (result.status === 'refused') {
      return (
        <Alert color="red" variant="light" title={t('console.result.refusedTitle')} data-testid="console-result" data-status="refused">
          {errorText(new ApiError(result.error.code, result.error.message, result.error.details, result.error.status))}{' '}
          {result.restored ? t('console.result.restored') : t('console.result.restoreLater')}
        </Alert>
      );
    }
    const c = result.contact;
    return (
      <Alert color="teal" variant="light" title={t('console.result.savedTitle')} data-testid="console-result" data-status="saved">
        <Stack gap={4}>
          <Text size="sm">
            {t('console.result.saved', {
              time: formatDateTime(c.startedAt, locale),
              duration: c.durationSeconds !== null ? formatDuration(c.durationSeconds) : '—',
              outcome: t(`console.outcome.${c.outcome}`, { defaultValue: c.outcome }),
            })}
          </Text>
          {c.reportId && c.reportNumber && (
            <Text size="lg" fw={700}>
              {c.outcome === 'added_to_report' ? t('console.result.addedTo') : t('console.result.reportRegistered')}{' '}
              <Anchor component={Link} to={`/reports/${c.reportId}`} fw={800} data-testid="console-result-report">{c.reportNumber}</Anchor>
            </Text>
          )}
          {result.incidentError && (
            <Text size="sm" c="orange.9" data-testid="console-result-incident-error">
              {t('console.result.incidentFailed', { number: result.incidentReport ?? '' })}{' '}
              {errorText(new ApiError(result.incidentError.code, result.incidentError.message, result.incidentError.details, result.incidentError.status))}
            </Text>
          )}
        </Stack>
      </Alert>
    );
  })();

  const liveText = !result ? '' : result.status === 'saved'
    ? `${t('console.result.savedTitle')}${result.contact.reportNumber ? ` · ${result.contact.reportNumber}` : ''}`
    : result.status === 'refused' ? t('console.result.refusedTitle') : result.status === 'retrying' ? t('console.result.retrying') : '';

  const yesNo = (q: ScreeningQuestion, index: number) => (
    <KeyRadioGroup<'yes' | 'no'>
      key={q}
      id={`console-screening-${q}`}
      name={`console-screening-${q}`}
      label={t(`console.screening.${q}`)}
      options={[
        { value: 'yes', label: t('console.screening.yes'), hint: t('console.screening.yesKey'), color: 'red' },
        { value: 'no', label: t('console.screening.no'), hint: t('console.screening.noKey'), color: 'teal' },
      ]}
      value={draft?.screening[q] === undefined ? null : draft.screening[q] ? 'yes' : 'no'}
      onChange={(v) => update((d) => {
        const screening = { ...d.screening };
        if (v === null) delete screening[q];
        else screening[q] = v === 'yes';
        return { ...d, screening };
      })}
      onKeyDown={(e) => {
        const answer = yesNoOf(e);
        if (answer === null) return;
        e.preventDefault();
        update((d) => ({ ...d, screening: { ...d.screening, [q]: answer } }));
        const next = SCREENING_QUESTIONS[index + 1];
        focusSoon(next ? `console-screening-${next}` : 'console-outcome');
      }}
      testId={`console-screening-${q}`}
    />
  );

  const outcomeOptions = CONTACT_OUTCOMES.map((o) => ({ value: o, label: t(`console.outcome.${o}`) }));
  const setOutcome = (o: ContactOutcome | null) => update((d) => withOutcome(d, o));

  return (
    <Page
      title={t('console.title')}
      actions={
        <Button variant="subtle" size="compact-sm" onClick={() => setHelpOpen(true)} data-testid="console-help-open">
          {t('console.help.button')} <Kbd size="xs" ml={6}>?</Kbd>
        </Button>
      }
    >
      <ShortcutHelp opened={helpOpen} onClose={() => setHelpOpen(false)} />
      {/* said once by screen readers; the banner shows it */}
      <VisuallyHidden role="status" aria-live="polite">{liveText}</VisuallyHidden>
      {resultBanner}
      {draft && restoredAt && (
        <Alert color="blue" variant="light" py={6} data-testid="console-restored" withCloseButton onClose={() => setRestoredAt(null)} closeButtonLabel={t('console.call.dismiss')}>
          {t('console.call.restored', { time: formatDateTime(restoredAt, locale) })}
        </Alert>
      )}
      {draft && (
        <Paper withBorder p="sm" radius="md" className="console-callbar" data-testid="console-callbar" data-client-id={draft.clientId}>
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Group gap="md" wrap="nowrap">
              <CallTimer startedAt={draft.startedAt} endedAt={draft.endedAt} />
              <Stack gap={0}>
                <Badge color={draft.endedAt ? 'gray' : 'teal'} variant={draft.endedAt ? 'light' : 'filled'} data-testid="console-call-state">
                  {draft.endedAt ? t('console.call.ended') : t('console.call.inProgress')}
                </Badge>
                <Text size="xs" c="dimmed">{t('console.call.startedAt', { time: formatDateTime(draft.startedAt, locale) })}</Text>
              </Stack>
              {priority && (
                <Badge size="lg" color={PRIORITY_COLORS[priority]} data-testid="console-priority">{priority}</Badge>
              )}
            </Group>
            <Group gap="xs">
              {isPristine(draft) && (
                <Button variant="subtle" color="gray" onClick={cancel} data-testid="console-cancel">{t('console.call.cancel')}</Button>
              )}
              {!draft.endedAt && (
                <Button variant="default" onClick={end} data-testid="console-end">
                  {t('console.call.end')} <Kbd size="xs" ml={6}>F4</Kbd>
                </Button>
              )}
              <Button onClick={save} data-testid="console-save">
                {t('console.call.save')} <Kbd size="xs" ml={6}>Ctrl+Enter</Kbd>
              </Button>
            </Group>
          </Group>
        </Paper>
      )}
      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            {!draft ? (
              <Paper withBorder p="xl" radius="md" data-testid="console-idle">
                <Stack align="center" gap="sm">
                  <Button id="console-start" size="lg" onClick={start} data-testid="console-start">
                    {t('console.call.start')}
                  </Button>
                  <Text c="dimmed" size="sm">
                    {t('console.call.startHint')} <Kbd>F2</Kbd> / <Kbd>Alt+N</Kbd> · {t('console.help.hint')} <Kbd>?</Kbd>
                  </Text>
                </Stack>
              </Paper>
            ) : (
              <>
                <Section id="console-caller" title={t('console.caller.title')} shortcut="Alt+C">
                  <Stack gap="sm">
                    <KeyRadioGroup<CallerType>
                      id="console-caller-type"
                      name="console-caller-type"
                      label={t('console.caller.type')}
                      description={t('console.caller.typeHint')}
                      options={CALLER_TYPES.map((c, i) => ({ value: c, label: t(`console.callerType.${c}`), hint: String(i + 1) }))}
                      value={draft.callerType}
                      onChange={(v) => setCallerType(v, false)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
                          e.preventDefault();
                          focusSoon('console-child-search');
                        }
                      }}
                      error={errors.callerType}
                      testId="console-caller-type"
                    />
                    <NativeSelect
                      id="console-region"
                      label={t('console.caller.region')}
                      description={t('console.caller.regionHint')}
                      data={[
                        { value: '', label: t('console.caller.regionUnknown') },
                        ...(regions.data ?? []).map((r) => ({ value: r.code, label: localName(r.name, locale) })).sort(byLabel),
                      ]}
                      value={draft.regionCode}
                      onChange={(e) => {
                        const regionCode = e.currentTarget.value;
                        update((d) => ({ ...d, regionCode, report: { ...d.report, districtCode: '' } }));
                      }}
                      error={errors.regionCode}
                      maw={360}
                      data-testid="console-region"
                    />
                  </Stack>
                </Section>

                <Section id="console-child" title={t('console.child.title')} shortcut="Alt+K" testId="console-child">
                  <ChildSection draft={draft} update={update} errors={errors} focusSoon={focusSoon} />
                </Section>

                <Section id="console-subject" title={t('console.subject.title')} shortcut="Alt+S">
                  <ChiPicker
                    value={draft.chiCode}
                    onChange={(c) => {
                      update((d) => withChi(d, c));
                      if (c) focusSoon('console-screening-immediateDanger');
                    }}
                    error={errors.chiCode}
                  />
                </Section>

                <Section id="console-screening" title={t('console.screening.title')} shortcut="Alt+Q" testId="console-screening">
                  <Stack gap="sm">
                    <Text size="xs" c="dimmed">{t('console.screening.hint')}</Text>
                    {SCREENING_QUESTIONS.map((q, i) => yesNo(q, i))}
                    {draft.screening.immediateDanger && (
                      <Alert color="red" variant="filled" title={t('console.screening.p1Title')} data-testid="console-p1" role="alert">
                        <Stack gap="xs">
                          <Text size="sm">{t('console.screening.p1Text')}</Text>
                          <Group gap="xs">
                            <Button size="xs" color="red" variant="white" onClick={() => setOutcome('transferred_police')} data-testid="console-p1-police">
                              {t('console.screening.toPolice')}
                            </Button>
                            <Button size="xs" color="red" variant="white" onClick={() => setOutcome('transferred_ambulance')} data-testid="console-p1-ambulance">
                              {t('console.screening.toAmbulance')}
                            </Button>
                          </Group>
                        </Stack>
                      </Alert>
                    )}
                  </Stack>
                </Section>

                <Section id="console-outcome-section" title={t('console.outcomeTitle')} shortcut="Alt+O" testId="console-outcome-section">
                  <Stack gap="md">
                    <KeyRadioGroup<ContactOutcome>
                      id="console-outcome"
                      name="console-outcome"
                      label={t('console.outcomeLabel')}
                      description={t('console.outcomeHint')}
                      options={outcomeOptions}
                      value={draft.outcome}
                      onChange={setOutcome}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
                          e.preventDefault();
                          const o = draftRef.current?.outcome;
                          focusSoon(o === 'report_registered' || o === 'added_to_report' ? 'console-report-types' : 'console-summary');
                        }
                      }}
                      error={errors.outcome ?? errors.openReport}
                      testId="console-outcome"
                    />
                    {(draft.outcome === 'report_registered' || (draft.outcome === 'added_to_report' && draft.openReport)) && (
                      <ReportForm draft={draft} update={update} errors={errors} />
                    )}
                  </Stack>
                </Section>

                <Section id="console-summary-section" title={t('console.summary.title')} shortcut="Alt+M">
                  <Textarea
                    id="console-summary"
                    label={t('console.summary.label')}
                    description={t('console.summary.hint')}
                    autosize
                    minRows={3}
                    maxRows={12}
                    value={draft.summary}
                    onChange={(e) => {
                      const summary = e.currentTarget.value;
                      update((d) => ({ ...d, summary }));
                    }}
                    error={errors.summary}
                    data-testid="console-summary"
                  />
                </Section>
                <Group justify="flex-end">
                  <Button size="md" onClick={save} data-testid="console-save-bottom">
                    {t('console.call.save')} <Kbd size="xs" ml={6}>Ctrl+Enter</Kbd>
                  </Button>
                </Group>
              </>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }} className="console-side">
          <RecentContacts pending={outbox.entries} onRestore={restore} canRestore={!draft} />
          {chi.isError && <Text c="red" size="sm" mt="xs">{t('console.subject.loadFailed')}</Text>}
        </Grid.Col>
      </Grid>
    </Page>
  );
}
