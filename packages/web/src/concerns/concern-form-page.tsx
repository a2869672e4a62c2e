import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Card, Chip, Group, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { CONCERN_CATEGORIES, type ConcernCategory } from '@qorgau/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { fromKzInput, kzInputValue } from '../format.ts';
import { useCreateConcern } from './api.ts';
import { BodyMap } from './body-map.tsx';
import type { BodyMark, Concern } from './types.ts';
import { useConcernVocab } from './vocab.ts';

/** Built for speed: a teacher logs what worried them in a minute; the school's lead does the rest. */
export function ConcernFormPage() {
  const { t } = useTranslation();
  const vocab = useConcernVocab();
  const create = useCreateConcern();
  const [lastName, setLastName] = useState('');
  const [firstName, setFirstName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [grade, setGrade] = useState('');
  const [categories, setCategories] = useState<string[]>([]);
  const [description, setDescription] = useState('');
  const [childWords, setChildWords] = useState('');
  const [observedAt, setObservedAt] = useState(() => kzInputValue(new Date()));
  const [marks, setMarks] = useState<BodyMark[]>([]);
  const [done, setDone] = useState<Concern | null>(null);

  const fieldError = (path: string) => {
    if (!(create.error instanceof ApiError)) return undefined;
    const d = create.error.details.find((x) => x.path === path || x.path.startsWith(`${path}.`));
    return d ? d.message : undefined;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      child: { lastName: lastName.trim(), firstName: firstName.trim(), birthDate: birthDate || null },
      ...(grade.trim() ? { grade: grade.trim() } : {}),
      categories: categories as ConcernCategory[],
      observedAt: fromKzInput(observedAt) ?? new Date().toISOString(),
      description,
      ...(childWords.trim() ? { childWords } : {}),
      bodyMap: marks.map((m) => ({ ...m, ...(m.note?.trim() ? { note: m.note.trim() } : { note: undefined }) })),
    }, { onSuccess: (c) => setDone(c) });
  };

  const reset = () => {
    setLastName(''); setFirstName(''); setBirthDate(''); setGrade(''); setCategories([]); setDescription(''); setChildWords('');
    setObservedAt(kzInputValue(new Date())); setMarks([]); setDone(null); create.reset();
  };

  if (done) {
    return (
      <Page title={t('concerns.form.title')}>
        <Alert color="teal" title={t('concerns.form.doneTitle')} data-testid="concern-done">
          <Stack gap="xs">
            <Text>{t('concerns.form.doneText')}</Text>
            <Group>
              <Anchor component={Link} to={`/concerns/${done.id}`} data-testid="concern-done-open">{t('concerns.form.open')}</Anchor>
              <Anchor component="button" type="button" onClick={reset}>{t('concerns.form.another')}</Anchor>
            </Group>
          </Stack>
        </Alert>
      </Page>
    );
  }

  return (
    <Page title={t('concerns.form.title')}>
      <Text c="dimmed">{t('concerns.form.intro')}</Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Card withBorder padding="md">
            <Text fw={700} mb="xs">{t('concerns.form.child')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
              <TextInput label={t('concerns.form.lastName')} required value={lastName} onChange={(e) => setLastName(e.currentTarget.value)} data-testid="concern-last-name" error={fieldError('child.lastName')} maxLength={100} />
              <TextInput label={t('concerns.form.firstName')} required value={firstName} onChange={(e) => setFirstName(e.currentTarget.value)} data-testid="concern-first-name" error={fieldError('child.firstName')} maxLength={100} />
              <TextInput label={t('concerns.form.birthDate')} type="date" value={birthDate} onChange={(e) => setBirthDate(e.currentTarget.value)} data-testid="concern-birth-date" error={fieldError('child.birthDate')} />
              <TextInput label={t('concerns.form.grade')} placeholder="7Б" value={grade} onChange={(e) => setGrade(e.currentTarget.value)} data-testid="concern-grade" maxLength={20} />
            </SimpleGrid>
          </Card>
          <Card withBorder padding="md">
            <Text fw={700} mb="xs" id="concern-categories-label">{t('concerns.form.categories')}</Text>
            <Chip.Group multiple value={categories} onChange={setCategories}>
              <Group gap="xs" role="group" aria-labelledby="concern-categories-label" data-testid="concern-categories">
                {CONCERN_CATEGORIES.map((c) => <Chip key={c} value={c} data-testid={`concern-category-${c}`}>{vocab.category(c)}</Chip>)}
              </Group>
            </Chip.Group>
            {fieldError('categories') && <Text c="red" size="sm" mt={4}>{t('concerns.form.categoriesRequired')}</Text>}
          </Card>
          <Card withBorder padding="md">
            <Stack gap="sm">
              <Textarea label={t('concerns.form.description')} description={t('concerns.form.descriptionHint')} required autosize minRows={3} maxLength={10_000}
                value={description} onChange={(e) => setDescription(e.currentTarget.value)} data-testid="concern-description" error={fieldError('description')} />
              <Textarea label={t('concerns.form.childWords')} description={t('concerns.form.childWordsHint')} autosize minRows={1} maxLength={5000}
                value={childWords} onChange={(e) => setChildWords(e.currentTarget.value)} data-testid="concern-child-words" />
              <TextInput label={t('concerns.form.observedAt')} description={t('concerns.form.kzTime')} type="datetime-local" value={observedAt} w={260}
                onChange={(e) => setObservedAt(e.currentTarget.value)} data-testid="concern-observed-at" error={fieldError('observedAt')} />
            </Stack>
          </Card>
          <Card withBorder padding="md">
            <Text fw={700} mb="xs">{t('concerns.bodyMap.title')}</Text>
            <BodyMap marks={marks} onChange={setMarks} />
          </Card>
          {create.isError && <ErrorAlert error={create.error} />}
          <Group>
            <Button type="submit" size="md" loading={create.isPending} data-testid="concern-submit">{t('concerns.form.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Page>
  );
}
