import { Group, NativeSelect, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { parseIin, SEXES, type Sex } from '@qorgau/core';
import { formatDate } from '../../format.ts';
import { useVocab } from '../vocab.ts';
import { iinProblem, type PersonDraft } from './form-state.ts';

interface Props {
  value: PersonDraft;
  onChange: (value: PersonDraft) => void;
  /** message for a server/client field path under `path` (e.g. `incidents.0.victims.0`) */
  errorOf: (path: string) => string | undefined;
  path: string;
  testId: string;
  /** the first-name field is required (victims) */
  requireName?: boolean;
  autoFocus?: boolean;
}

/**
 * IIN, names, birth date and sex. The IIN is checked as it is typed (check digit, real date,
 * agreement with birth date and sex) and what it encodes is shown; an empty birth date or sex is
 * filled in from it.
 */
export function PersonFields({ value, onChange, errorOf, path, testId, requireName = true, autoFocus }: Props) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const set = <K extends keyof PersonDraft>(key: K, v: PersonDraft[K]) => onChange({ ...value, [key]: v });

  const iin = value.iin.trim();
  const parsed = /^\d{12}$/.test(iin) ? parseIin(iin) : null;
  // only complain about a complete number while typing; the server's word (or submit) covers the rest
  const localIinProblem = iin.length >= 12 || (iin.length > 0 && !/^\d*$/.test(iin)) ? iinProblem(value) : null;
  const iinError = errorOf(`${path}.iin`) ?? (localIinProblem ? t(localIinProblem) : undefined);

  const onIin = (raw: string) => {
    const next = raw.replace(/\s+/g, '');
    const p = /^\d{12}$/.test(next) ? parseIin(next) : null;
    onChange({
      ...value,
      iin: next,
      // fill what the IIN says into empty fields; never overwrite what was typed
      birthDate: p?.ok && !value.birthDate ? p.birthDate : value.birthDate,
      sex: p?.ok && !value.sex ? p.sex : value.sex,
    });
  };

  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing="xs">
      <TextInput
        label={t('intake.person.iin')}
        description={
          parsed?.ok ? (
            <Text component="span" size="xs" c="teal.8" data-testid={`${testId}-iin-derived`}>
              {t('intake.person.iinDerived', { date: formatDate(parsed.birthDate, vocab.locale), sex: vocab.sex(parsed.sex) })}
            </Text>
          ) : t('intake.person.iinHint')
        }
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        inputMode="numeric"
        autoComplete="off"
        maxLength={12}
        value={value.iin}
        error={iinError}
        onChange={(e) => onIin(e.currentTarget.value)}
        data-testid={`${testId}-iin`}
        autoFocus={autoFocus}
      />
      <TextInput
        label={t('intake.person.lastName')}
        autoComplete="off"
        value={value.lastName}
        error={errorOf(`${path}.lastName`)}
        onChange={(e) => set('lastName', e.currentTarget.value)}
        data-testid={`${testId}-last`}
      />
      <TextInput
        label={t('intake.person.firstName')}
        required={requireName}
        autoComplete="off"
        value={value.firstName}
        error={errorOf(`${path}.firstName`)}
        onChange={(e) => set('firstName', e.currentTarget.value)}
        data-testid={`${testId}-first`}
      />
      <TextInput
        label={t('intake.person.middleName')}
        autoComplete="off"
        value={value.middleName}
        error={errorOf(`${path}.middleName`)}
        onChange={(e) => set('middleName', e.currentTarget.value)}
        data-testid={`${testId}-middle`}
      />
      <TextInput
        label={t('intake.person.birthDate')}
        type="date"
        min="1900-01-01"
        value={value.birthDate}
        error={errorOf(`${path}.birthDate`)}
        onChange={(e) => set('birthDate', e.currentTarget.value)}
        data-testid={`${testId}-birth`}
      />
      <NativeSelect
        label={t('intake.person.sex')}
        data={[{ value: '', label: t('intake.person.sexUnknown') }, ...SEXES.map((s) => ({ value: s, label: vocab.sex(s) }))]}
        value={value.sex}
        error={errorOf(`${path}.sex`)}
        onChange={(e) => set('sex', e.currentTarget.value as '' | Sex)}
        data-testid={`${testId}-sex`}
      />
    </SimpleGrid>
  );
}

/** One line about a person picked from the register. */
export function PersonLine({ person, testId }: { person: PersonDraft['existing']; testId?: string }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  if (!person) return null;
  return (
    <Group gap="xs" wrap="wrap" data-testid={testId}>
      <Text fw={600}>{[person.lastName, person.firstName, person.middleName].filter(Boolean).join(' ')}</Text>
      {person.birthDate && <Text size="sm" c="dimmed">{t('persons.born', { date: formatDate(person.birthDate, vocab.locale) })}</Text>}
      {person.sex && <Text size="sm" c="dimmed">{vocab.sex(person.sex)}</Text>}
    </Group>
  );
}
