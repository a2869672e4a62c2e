import { Badge, Button, Card, Checkbox, Group, NativeSelect, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { CASE_RELATIONS, OCCUPATIONS, type CaseRelation, type Occupation } from '@qorgau/core';
import { useTranslation } from 'react-i18next';
import { localName } from '../format.ts';
import { PersonLookup } from '../persons/person-lookup.tsx';
import { useDistricts, useSchools } from '../reference/queries.ts';
import { newPerson } from '../reports/register/form-state.ts';
import { PersonFields, PersonLine } from '../reports/register/person-fields.tsx';
import type { MemberDraft } from './member-draft.ts';
import { useCaseVocab } from './vocab.ts';

interface Props {
  value: MemberDraft;
  onChange: (value: MemberDraft) => void;
  /** a message for a field path under this member (`person.firstName`, `relation` …) */
  errorOf: (field: string) => string | undefined;
  regionCode: string | null;
  /** the case's district: where the school is looked for first */
  districtCode: string | null;
  testId: string;
  onRemove?: (() => void) | undefined;
}

/** One household member: a person from the register or a new one, their relation, occupation and school. */
export function MemberFields({ value, onChange, errorOf, regionCode, districtCode, testId, onRemove }: Props) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const set = <K extends keyof MemberDraft>(key: K, v: MemberDraft[K]) => onChange({ ...value, [key]: v });

  return (
    <Card withBorder padding="sm" radius="md" data-testid={testId}>
      <Stack gap="sm">
        {value.person.existing ? (
          <Group justify="space-between" wrap="wrap">
            <Group gap="xs">
              <PersonLine person={value.person.existing} testId={`${testId}-picked`} />
              {value.fromReport && <Badge size="sm" variant="light" color="grape">{t('cases.member.fromReport')}</Badge>}
            </Group>
            {!value.fromReport && <Button size="xs" variant="subtle" onClick={() => set('person', newPerson())}>{t('cases.member.change')}</Button>}
          </Group>
        ) : (
          <>
            <SegmentedControl size="xs" w="fit-content" value={value.mode} data-testid={`${testId}-mode`}
              data={[{ value: 'search', label: t('cases.member.search') }, { value: 'new', label: t('cases.member.new') }]}
              onChange={(v) => set('mode', v === 'new' ? 'new' : 'search')} />
            {value.mode === 'search' ? (
              <>
                <PersonLookup testId={`${testId}-lookup`} onPick={(p) => onChange({ ...value, person: { ...value.person, existing: p } })} />
                {errorOf('person') && <Text c="red" size="sm">{errorOf('person')}</Text>}
              </>
            ) : (
              <PersonFields value={value.person} onChange={(p) => set('person', p)} errorOf={(p) => errorOf(p)} path="person" testId={`${testId}-person`} />
            )}
          </>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <NativeSelect label={t('cases.member.relation')} value={value.relation} error={errorOf('relation')} data-testid={`${testId}-relation`}
            data={CASE_RELATIONS.map((r) => ({ value: r, label: vocab.relation(r) }))}
            onChange={(e) => {
              const relation = e.currentTarget.value as CaseRelation;
              onChange({ ...value, relation, subject: relation === 'child' ? true : value.relation === 'child' ? false : value.subject });
            }} />
          <NativeSelect label={t('cases.member.occupation')} value={value.occupation} error={errorOf('occupation')} data-testid={`${testId}-occupation`}
            data={OCCUPATIONS.map((o) => ({ value: o, label: vocab.occupation(o) }))}
            onChange={(e) => set('occupation', e.currentTarget.value as Occupation)} />
          {value.occupation === 'studying' && (
            <SchoolPicker regionCode={regionCode} districtCode={value.schoolDistrict || districtCode || ''} schoolId={value.schoolId} error={errorOf('schoolId')} testId={testId}
              onChange={(schoolDistrict, schoolId) => onChange({ ...value, schoolDistrict, schoolId })} />
          )}
        </SimpleGrid>
        <Group justify="space-between" wrap="wrap">
          <Group gap="lg">
            <Checkbox label={t('cases.member.subject')} checked={value.subject} onChange={(e) => set('subject', e.currentTarget.checked)} data-testid={`${testId}-subject`} />
            <Checkbox label={t('cases.member.livesInHousehold')} checked={value.livesInHousehold} onChange={(e) => set('livesInHousehold', e.currentTarget.checked)} />
          </Group>
          {onRemove && <Button size="xs" variant="subtle" color="red" onClick={onRemove} data-testid={`${testId}-remove`}>{t('cases.member.remove')}</Button>}
        </Group>
      </Stack>
    </Card>
  );
}

/** The school of a pupil: its district (the case's by default), then the school. */
export function SchoolPicker({ regionCode, districtCode, schoolId, error, testId, onChange }: {
  regionCode: string | null; districtCode: string; schoolId: string; error?: string | undefined; testId: string; onChange: (districtCode: string, schoolId: string) => void;
}) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const districts = useDistricts(regionCode);
  const schools = useSchools(districtCode || null);
  const choose = t('common.choose');
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, vocab.locale);
  return (
    <>
      <NativeSelect label={t('cases.member.schoolDistrict')} value={districtCode}
        data={[{ value: '', label: choose }, ...(districts.data ?? []).map((d) => ({ value: d.code, label: localName(d.name, vocab.locale) })).sort(byLabel)]}
        onChange={(e) => onChange(e.currentTarget.value, '')} data-testid={`${testId}-school-district`} />
      <NativeSelect label={t('cases.member.school')} value={schoolId} error={error} disabled={!districtCode}
        data={[{ value: '', label: schools.isFetching ? t('common.loading') : choose }, ...(schools.data ?? []).map((s) => ({ value: s.id, label: localName(s.name, vocab.locale) })).sort(byLabel)]}
        onChange={(e) => onChange(districtCode, e.currentTarget.value)} data-testid={`${testId}-school`} />
    </>
  );
}
