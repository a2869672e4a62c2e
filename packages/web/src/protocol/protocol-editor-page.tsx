// /protocol/versions/:version/edit (administrators): a draft edited in place, or, for an active or
// retired version, a copy that becomes a new draft when first saved. Problems the server finds
// (on saving, and already in the live preview) are shown at the field they name and listed on top.
import { useEffect, useMemo, useState } from 'react';
import {
  Alert, Anchor, Badge, Button, Group, Input, List, Loader, Modal, MultiSelect, Paper, SegmentedControl, Stack, Tabs, Text, TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link, useNavigate, useParams } from 'react-router';
import { PRIORITIES, VIOLENCE_TYPES } from '@qorgau/core';
import { ApiError } from '../api.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { NotFoundPage } from '../components/not-found-page.tsx';
import { Page } from '../components/page.tsx';
import {
  useActivateVersion, useCreateDraft, useDeleteDraft, usePreview, useProtocolVersion, useUpdateDraft, type ProtocolVersion,
} from './api.ts';
import {
  canonicalJson, fromDefinition, problemAt, problemsOf, toDefinition, type EditorDraft, type Problem,
} from './editor-state.ts';
import { EscalationEditor } from './escalation-editor.tsx';
import { PreviewPanel, type PreviewState } from './preview-panel.tsx';
import { defaultSample, sampleFacts, sampleReceivedAt, type Sample } from './preview-sample.ts';
import { VersionStatusBadge } from './protocol-page.tsx';
import { PriorityRulesEditor, TaskRulesEditor } from './rule-editors.tsx';
import { useProtocolText } from './text.ts';
import { describePath } from './words.ts';
import './protocol.css';

type Tab = 'priority' | 'tasks' | 'escalation' | 'general';

function tabOf(path: string): Tab {
  if (path.startsWith('priorityRules')) return 'priority';
  if (path.startsWith('taskRules')) return 'tasks';
  if (path.startsWith('escalation')) return 'escalation';
  return 'general';
}

/** Focus the field a problem names, or the nearest enclosing one that has an element. */
function focusField(path: string): void {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const el = document.getElementById(`pf-${parts.slice(0, n).join('.')}`);
    if (el) {
      el.scrollIntoView({ block: 'center' });
      const target = el.matches('input, select, textarea, button') ? el : el.querySelector<HTMLElement>('input, select, textarea, button');
      (target ?? el).focus({ preventScroll: true });
      return;
    }
  }
}

type Dialog = 'activate' | 'discard' | null;

function Editor({ source, sample, onSample, tab, onTab }: {
  source: ProtocolVersion; sample: Sample; onSample: (s: Sample) => void; tab: Tab; onTab: (t: Tab) => void;
}) {
  const text = useProtocolText();
  const { t } = text;
  const navigate = useNavigate();
  const isDraft = source.status === 'draft';
  const [draft, setDraft] = useState<EditorDraft>(() => fromDefinition(source.definition));
  const [note, setNote] = useState(() => (isDraft ? (source.note ?? '') : t('protocol.editor.noteFrom', { n: source.version })));
  const [saveError, setSaveError] = useState<unknown>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const create = useCreateDraft();
  const update = useUpdateDraft();
  const remove = useDeleteDraft();
  const activate = useActivateVersion();

  const definition = useMemo(() => toDefinition(draft), [draft]);
  const savedJson = useMemo(() => canonicalJson(toDefinition(fromDefinition(source.definition))), [source.definition]);
  const changed = canonicalJson(definition) !== savedJson;
  const dirty = isDraft ? changed || note.trim() !== (source.note ?? '') : changed;

  // a warning before leaving with unsaved changes: closing or reloading the tab, or following a
  // link inside the app (caught before the router sees the click)
  const leaveQuestion = t('protocol.editor.leaveConfirm');
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    const onClick = (e: MouseEvent) => {
      const link = e.target instanceof Element ? e.target.closest('a[href]') : null;
      if (!link || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      if ((link as HTMLAnchorElement).origin !== window.location.origin || link.getAttribute('target') === '_blank') return;
      if (!window.confirm(leaveQuestion)) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', warn);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty, leaveQuestion]);

  const edit = (next: EditorDraft) => {
    setDraft(next);
    setSaveError(null);
  };

  // the live preview, with the definition as it is being edited
  const [debounced] = useDebouncedValue(definition, 400);
  const facts = sampleFacts(sample);
  const preview = usePreview(facts ? { definition: debounced, report: facts, receivedAt: sampleReceivedAt(sample) } : null);
  const previewProblems = problemsOf(preview.error);
  const previewState: PreviewState = !facts ? 'incomplete'
    : preview.isError ? (previewProblems.length ? 'invalid' : 'error')
      : preview.isFetching && preview.isPlaceholderData ? 'loading' : preview.data ? 'ready' : 'loading';

  const saveProblems = problemsOf(saveError);
  const problems: Problem[] = saveError ? saveProblems : previewProblems;
  const otherSaveError = saveError && !saveProblems.length ? saveError : null;
  const count = (tabName: Tab) => problems.filter((p) => tabOf(p.path) === tabName).length;
  const ruleIdAt = (list: 'priorityRules' | 'taskRules', i: number) => (list === 'priorityRules' ? draft.priorityRules[i]?.id : draft.taskRules[i]?.id);

  const goTo = (path: string) => {
    onTab(tabOf(path));
    window.setTimeout(() => focusField(path), 60);
  };

  const save = () => {
    const body = { definition, ...(note.trim() ? { note: note.trim() } : {}) };
    const onError = (error: unknown) => {
      setSaveError(error);
      const first = problemsOf(error)[0];
      if (first) goTo(first.path);
    };
    if (isDraft) {
      update.mutate({ version: source.version, ...body }, { onSuccess: () => setSaveError(null), onError });
    } else {
      create.mutate(body, {
        onSuccess: (saved) => void navigate(`/protocol/versions/${saved.version}/edit`, { replace: true, state: { created: true } }),
        onError,
      });
    }
  };
  const saving = create.isPending || update.isPending;

  const discard = () => {
    if (!isDraft) {
      void navigate(source.status === 'active' ? '/protocol' : `/protocol/versions/${source.version}`);
      return;
    }
    remove.mutate(source.version, { onSuccess: () => void navigate('/protocol', { replace: true }) });
  };

  const problemCountBadge = (tabName: Tab) => {
    const n = count(tabName);
    return n ? <Badge color="red" size="sm" circle>{n}</Badge> : null;
  };

  const criminalError = problemAt(problems, 'criminalTypes');
  const defaultError = problemAt(problems, 'defaultPriority');

  return (
    <Page
      title={isDraft ? t('protocol.editor.titleDraft', { n: source.version }) : t('protocol.editor.titleNew', { n: source.version })}
      actions={(
        <Group gap="xs">
          <Button variant="subtle" color="red" onClick={() => (isDraft || dirty ? setDialog('discard') : discard())} data-testid="protocol-discard">
            {isDraft ? t('protocol.editor.discard') : t('common.cancel')}
          </Button>
          <Button onClick={save} loading={saving} disabled={isDraft && !dirty} data-testid="protocol-save">
            {t('protocol.editor.save')}
          </Button>
          <Button color="green" variant="outline" onClick={() => setDialog('activate')} disabled={!isDraft || dirty}
            title={!isDraft || dirty ? t('protocol.editor.saveFirst') : undefined} data-testid="protocol-activate">
            {t('protocol.editor.activate')}
          </Button>
        </Group>
      )}
    >
      <Group gap="sm" mt={-8} data-testid="protocol-editor-status">
        {isDraft ? <VersionStatusBadge status="draft" /> : <Badge color="gray" variant="outline">{t('protocol.editor.notSaved')}</Badge>}
        <Text size="sm" c="dimmed">
          {isDraft ? t('protocol.editor.draftText') : t('protocol.editor.newText', { n: source.version })}{' '}
          <Anchor component={Link} to="/protocol" size="sm">{t('protocol.editor.toActive')}</Anchor>
        </Text>
        {dirty && isDraft && <Badge color="orange" variant="light" data-testid="protocol-dirty">{t('protocol.editor.unsaved')}</Badge>}
        {!dirty && isDraft && update.isSuccess && <Badge color="teal" variant="light" data-testid="protocol-saved">{t('protocol.editor.saved')}</Badge>}
      </Group>

      {problems.length > 0 && (
        <Alert color="red" title={t('protocol.editor.problemsTitle', { n: problems.length })} role="alert" data-testid="protocol-problems">
          {!saveError && <Text size="sm" mb={4}>{t('protocol.editor.problemsLive')}</Text>}
          <List size="sm" spacing={2}>
            {problems.map((p, i) => (
              <List.Item key={`${p.path}-${i}`}>
                <Anchor component="button" type="button" size="sm" onClick={() => goTo(p.path)}>{describePath(t, p.path, ruleIdAt)}</Anchor>
                {': '}{text.problem(p.message)}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <ErrorAlert error={otherSaveError ?? remove.error ?? activate.error} />

      <div className="protocol-editor-layout">
        <Tabs value={tab} onChange={(v) => onTab((v as Tab | null) ?? 'priority')} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="priority" rightSection={problemCountBadge('priority')} data-testid="protocol-tab-priority">
              {t('protocol.editor.tabPriority')} ({draft.priorityRules.length})
            </Tabs.Tab>
            <Tabs.Tab value="tasks" rightSection={problemCountBadge('tasks')} data-testid="protocol-tab-tasks">
              {t('protocol.editor.tabTasks')} ({draft.taskRules.length})
            </Tabs.Tab>
            <Tabs.Tab value="escalation" rightSection={problemCountBadge('escalation')} data-testid="protocol-tab-escalation">
              {t('protocol.editor.tabEscalation')}
            </Tabs.Tab>
            <Tabs.Tab value="general" rightSection={problemCountBadge('general')} data-testid="protocol-tab-general">
              {t('protocol.editor.tabGeneral')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="priority">
            <Text size="sm" c="dimmed" mb="sm" maw={820}>{t('protocol.editor.priorityHint')}</Text>
            <PriorityRulesEditor rules={draft.priorityRules} onChange={(priorityRules) => edit({ ...draft, priorityRules })} problems={problems} />
          </Tabs.Panel>
          <Tabs.Panel value="tasks">
            <Text size="sm" c="dimmed" mb="sm" maw={820}>{t('protocol.editor.tasksHint')}</Text>
            <TaskRulesEditor rules={draft.taskRules} onChange={(taskRules) => edit({ ...draft, taskRules })} problems={problems} />
          </Tabs.Panel>
          <Tabs.Panel value="escalation">
            <EscalationEditor escalation={draft.escalation} onChange={(escalation) => edit({ ...draft, escalation })} problems={problems} />
          </Tabs.Panel>
          <Tabs.Panel value="general">
            <Paper withBorder p="md" radius="md">
              <Stack gap="md" maw={720}>
                <Input.Wrapper
                  label={t('protocol.editor.defaultPriority')}
                  description={t('protocol.editor.defaultPriorityHint')}
                  error={defaultError && text.problem(defaultError)}
                  id="pf-defaultPriority"
                >
                  <div>
                    <SegmentedControl
                      mt={4}
                      value={draft.defaultPriority}
                      onChange={(v) => edit({ ...draft, defaultPriority: v })}
                      data={PRIORITIES.map((p) => ({ value: p, label: text.priority(p) }))}
                      aria-label={t('protocol.editor.defaultPriority')}
                      data-testid="protocol-default-priority"
                    />
                  </div>
                </Input.Wrapper>
                <MultiSelect
                  id="pf-criminalTypes"
                  label={t('protocol.editor.criminalTypes')}
                  description={t('protocol.editor.criminalTypesHint')}
                  data={VIOLENCE_TYPES.map((c) => ({ value: c, label: text.type(c) }))}
                  value={draft.criminalTypes}
                  onChange={(v) => edit({ ...draft, criminalTypes: v })}
                  searchable
                  hidePickedOptions
                  error={criminalError && text.problem(criminalError)}
                  data-testid="protocol-criminal-types"
                  comboboxProps={{ withinPortal: true }}
                />
                <TextInput
                  label={t('protocol.editor.note')}
                  description={t('protocol.editor.noteHint')}
                  value={note}
                  maxLength={500}
                  onChange={(e) => {
                    setNote(e.currentTarget.value);
                    setSaveError(null);
                  }}
                  data-testid="protocol-note-input"
                />
              </Stack>
            </Paper>
          </Tabs.Panel>
        </Tabs>
        <PreviewPanel sample={sample} onSample={onSample} result={preview.data} state={previewState} fetching={preview.isFetching} />
      </div>

      <Modal opened={dialog === 'activate'} onClose={() => setDialog(null)} title={t('protocol.editor.activateTitle', { n: source.version })} size="lg">
        <Stack gap="sm">
          <Text>{t('protocol.editor.activateText1')}</Text>
          <Text>{t('protocol.editor.activateText2')}</Text>
          <ErrorAlert error={activate.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>{t('common.cancel')}</Button>
            <Button
              color="green"
              loading={activate.isPending}
              onClick={() => activate.mutate(source.version, { onSuccess: () => void navigate('/protocol', { state: { activated: source.version } }) })}
              data-testid="protocol-activate-confirm"
            >
              {t('protocol.editor.activateConfirm', { n: source.version })}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={dialog === 'discard'} onClose={() => setDialog(null)} title={isDraft ? t('protocol.editor.discardTitle', { n: source.version }) : t('protocol.editor.leaveTitle')}>
        <Stack gap="sm">
          <Text>{isDraft ? t('protocol.editor.discardText') : t('protocol.editor.leaveText')}</Text>
          <ErrorAlert error={remove.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>{t('protocol.editor.keepEditing')}</Button>
            <Button color="red" loading={remove.isPending} onClick={discard} data-testid="protocol-discard-confirm">
              {isDraft ? t('protocol.editor.discard') : t('protocol.editor.leave')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Page>
  );
}

export function ProtocolEditorPage() {
  const { t } = useProtocolText();
  const params = useParams();
  const version = Number(params.version);
  const valid = Number.isInteger(version) && version > 0;
  const source = useProtocolVersion(valid ? version : null);
  // kept across the move from a new copy to its saved draft
  const [sample, setSample] = useState<Sample>(() => defaultSample());
  const [tab, setTab] = useState<Tab>('priority');
  if (!valid) return <NotFoundPage />;
  if (source.isPending) return <Loader aria-label={t('common.loading')} />;
  if (source.error instanceof ApiError && source.error.status === 404) return <NotFoundPage />;
  if (source.isError) return <ErrorAlert error={source.error} />;
  return <Editor key={version} source={source.data} sample={sample} onSample={setSample} tab={tab} onTab={setTab} />;
}
