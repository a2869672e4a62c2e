import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, List, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { FACT_SECTIONS, type FactSection } from '@qorgau/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/error-alert.tsx';
import { fieldErrors } from '../i18n/errors.ts';
import { personName } from '../persons/person-text.ts';
import { useAddFact } from './api.ts';
import { DateText, Section } from './parts.tsx';
import { kzToday } from './dates.ts';
import type { CaseFile } from './types.ts';
import { useCaseVocab } from './vocab.ts';

/** One view of the family's social and medical facts; each section only for the roles that need it. */
export function FactsTab({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const nameOf = (personId: string | null) => {
    const m = personId ? c.members.find((x) => x.person.id === personId) : undefined;
    return m ? personName(m.person) : null;
  };
  const visible = FACT_SECTIONS.filter((s) => !c.hiddenSections.includes(s));
  return (
    <Stack gap="md">
      {c.hiddenSections.length > 0 && (
        <Alert color="gray" variant="light" title={t('cases.facts.hiddenTitle')} data-testid="case-hidden-sections" data-sections={c.hiddenSections.join(' ')}>
          <List size="sm">
            {c.hiddenSections.map((s) => <List.Item key={s} data-section={s}>{t('cases.facts.hidden', { section: vocab.section(s) })}</List.Item>)}
          </List>
        </Alert>
      )}
      {visible.filter((s) => c.facts.some((f) => f.section === s)).map((s) => {
        const facts = c.facts.filter((f) => f.section === s).sort((a, b) => b.recordedOn.localeCompare(a.recordedOn));
        return (
          <Section key={s} title={vocab.section(s)} testId={`case-facts-${s}`}>
            <Stack gap="xs">
              {facts.map((f) => (
                <Card key={f.id} withBorder padding="sm" radius="md" data-testid="case-fact" data-section={f.section}>
                  <Group gap="xs" wrap="wrap">
                    <Text fw={700}>{f.topic}</Text>
                    {nameOf(f.personId) && <Badge size="sm" variant="light" color="gray">{nameOf(f.personId)}</Badge>}
                    <Text size="xs" c="dimmed"><DateText value={f.recordedOn} /> · {f.author.name ?? ''}</Text>
                  </Group>
                  <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{f.body}</Text>
                </Card>
              ))}
            </Stack>
          </Section>
        );
      })}
      {visible.some((s) => !c.facts.some((f) => f.section === s)) && (
        <Text size="sm" c="dimmed" data-testid="case-facts-empty">
          {t('cases.facts.emptySections', { sections: visible.filter((s) => !c.facts.some((f) => f.section === s)).map((s) => vocab.section(s)).join(', ') })}
        </Text>
      )}
      {c.rights.work && c.status !== 'closed' && c.rights.sections.length > 0 && <FactForm c={c} />}
    </Stack>
  );
}

function FactForm({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const add = useAddFact(c.id);
  const [section, setSection] = useState<FactSection>(c.rights.sections[0] ?? 'social');
  const [personId, setPersonId] = useState('');
  const [topic, setTopic] = useState('');
  const [body, setBody] = useState('');
  const [recordedOn, setRecordedOn] = useState(kzToday);
  const [tried, setTried] = useState(false);
  const errors = fieldErrors(add.error);
  const req = (v: string) => (tried && !v.trim() ? t('intake.errors.required') : undefined);
  const submit = () => {
    setTried(true);
    if (!topic.trim() || !body.trim() || !recordedOn) return;
    add.mutate({ section, personId: personId || null, topic: topic.trim(), body: body.trim(), recordedOn }, {
      onSuccess: () => { setTopic(''); setBody(''); setPersonId(''); setTried(false); },
    });
  };
  return (
    <Section title={t('cases.facts.add')} testId="case-fact-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <NativeSelect label={t('cases.facts.section')} value={section} onChange={(e) => setSection(e.currentTarget.value as FactSection)} error={errors.section}
            data={c.rights.sections.map((s) => ({ value: s, label: vocab.section(s) }))} data-testid="case-fact-section" />
          <NativeSelect label={t('cases.facts.person')} value={personId} onChange={(e) => setPersonId(e.currentTarget.value)} error={errors.personId}
            data={[{ value: '', label: t('cases.facts.wholeFamily') }, ...c.members.map((m) => ({ value: m.person.id, label: `${personName(m.person)} · ${vocab.relation(m.relation)}` }))]}
            data-testid="case-fact-person" />
          <TextInput label={t('cases.facts.topic')} required value={topic} maxLength={200} onChange={(e) => setTopic(e.currentTarget.value)} error={errors.topic ?? req(topic)} data-testid="case-fact-topic" />
          <TextInput label={t('cases.facts.recordedOn')} type="date" required value={recordedOn} max={kzToday()} onChange={(e) => setRecordedOn(e.currentTarget.value)}
            error={errors.recordedOn ?? req(recordedOn)} data-testid="case-fact-date" />
        </SimpleGrid>
        <Textarea label={t('cases.facts.body')} required autosize minRows={2} maxLength={10_000} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={errors.body ?? req(body)} data-testid="case-fact-body" />
        {add.isError && <ErrorAlert error={add.error} fields={['section', 'personId', 'topic', 'body', 'recordedOn']} />}
        <Group><Button loading={add.isPending} onClick={submit} data-testid="case-fact-save">{t('cases.facts.save')}</Button></Group>
      </Stack>
    </Section>
  );
}
