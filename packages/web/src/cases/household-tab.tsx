import { useState } from 'react';
import { useQueries } from '@tanstack/react-query';
import { Anchor, Badge, Button, Checkbox, Group, Modal, NativeSelect, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { CASE_RELATIONS, OCCUPATIONS, type CaseRelation, type Occupation } from '@qorgau/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatDate, localName } from '../format.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { MaskedIin } from '../persons/masked-iin.tsx';
import { personName } from '../persons/person-text.ts';
import { useDistricts, useSchools } from '../reference/queries.ts';
import { get, withQuery } from '../api.ts';
import type { Items, School } from '../types.ts';
import { useAddMember, useRemoveMember, useUpdateMember } from './api.ts';
import { memberBody, memberProblems, newMember, type MemberDraft } from './member-draft.ts';
import { MemberFields, SchoolPicker } from './member-fields.tsx';
import { Section } from './parts.tsx';
import type { CaseFile, CaseMember } from './types.ts';
import { useCaseVocab } from './vocab.ts';

/**
 * Names of the members' schools. The case's district is looked at first; a school elsewhere (or a
 * case without a district) needs the region's districts, each list cached like the school pickers'.
 */
function useSchoolNames(c: CaseFile): Map<string, School> {
  const wanted = c.members.map((m) => m.schoolId).filter((x): x is string => !!x);
  const own = useSchools(c.districtCode);
  const missing = wanted.some((id) => !own.data?.some((s) => s.id === id));
  const districts = useDistricts(wanted.length > 0 && (own.isSuccess || !c.districtCode) && missing ? c.regionCode : null);
  const lists = useQueries({
    queries: (districts.data ?? []).map((d) => ({
      queryKey: ['reference', 'schools', d.code],
      queryFn: () => get<Items<School>>(withQuery('/v1/reference/schools', { districtCode: d.code })),
      staleTime: Infinity,
    })),
  });
  const out = new Map<string, School>();
  for (const s of [...(own.data ?? []), ...lists.flatMap((q) => q.data?.items ?? [])]) if (wanted.includes(s.id)) out.set(s.id, s);
  return out;
}

export function HouseholdTab({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const schools = useSchoolNames(c);
  const remove = useRemoveMember(c.id);
  const [editing, setEditing] = useState<CaseMember | null>(null);
  const editable = c.rights.lead && c.status !== 'closed';
  const schoolName = (id: string | null) => {
    if (!id) return null;
    const s = schools.get(id);
    return s ? localName(s.name, vocab.locale) : '…';
  };
  // the children of concern first, then the adults, then the others
  const members = [...c.members].sort((a, b) => Number(b.subject) - Number(a.subject) || CASE_RELATIONS.indexOf(a.relation) - CASE_RELATIONS.indexOf(b.relation));

  return (
    <Stack gap="md">
      <Section title={t('cases.household.title')} testId="case-household">
        {members.length === 0 ? <Text c="dimmed" size="sm">{t('cases.household.none')}</Text> : (
          <Table.ScrollContainer minWidth={820}>
            <Table striped verticalSpacing="xs" data-testid="case-members">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('cases.household.name')}</Table.Th>
                  <Table.Th>{t('cases.member.relation')}</Table.Th>
                  <Table.Th>{t('cases.household.born')}</Table.Th>
                  <Table.Th>{t('cases.household.iin')}</Table.Th>
                  <Table.Th>{t('cases.member.occupation')}</Table.Th>
                  <Table.Th>{t('cases.member.school')}</Table.Th>
                  {editable && <Table.Th><VisuallyHidden>{t('common.actions')}</VisuallyHidden></Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {members.map((m) => (
                  <Table.Tr key={m.id} data-testid="case-member" data-relation={m.relation} data-subject={m.subject}>
                    <Table.Td>
                      <Anchor component={Link} to={`/persons/${m.person.id}`} fw={600}>{personName(m.person) || t('cases.form.unnamed')}</Anchor>
                      <Group gap={4} mt={2}>
                        {m.subject && <Badge size="xs" color="red" variant="light">{t('cases.household.subject')}</Badge>}
                        {!m.livesInHousehold && <Badge size="xs" color="gray" variant="outline">{t('cases.household.livesElsewhere')}</Badge>}
                      </Group>
                    </Table.Td>
                    <Table.Td>{vocab.relation(m.relation)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {m.person.birthDate ? formatDate(m.person.birthDate, vocab.locale) : m.person.birthYearApprox ? `≈ ${m.person.birthYearApprox}` : '—'}
                      {m.age !== null && <Text size="xs" c="dimmed">{t('cases.household.age', { n: m.age })}</Text>}
                    </Table.Td>
                    <Table.Td><MaskedIin iin={m.person.iin} /></Table.Td>
                    <Table.Td>{vocab.occupation(m.occupation)}</Table.Td>
                    <Table.Td>{schoolName(m.schoolId) ?? '—'}</Table.Td>
                    {editable && (
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Button size="compact-xs" variant="subtle" onClick={() => setEditing(m)} data-testid="case-member-edit">{t('common.edit')}</Button>
                        <Button size="compact-xs" variant="subtle" color="red" loading={remove.isPending && remove.variables === m.id}
                          onClick={() => { if (window.confirm(t('cases.household.confirmRemove', { name: personName(m.person) }))) remove.mutate(m.id); }}
                          data-testid="case-member-remove">
                          {t('cases.member.remove')}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {remove.isError && <ErrorAlert error={remove.error} />}
      </Section>
      {editable && <AddMember c={c} />}
      {editing && <EditMember c={c} member={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function AddMember({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const add = useAddMember(c.id);
  const [draft, setDraft] = useState<MemberDraft | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const server = fieldErrors(add.error);
  if (!draft) {
    return (
      <Group>
        <Button variant="light" onClick={() => setDraft(newMember(c.members.some((m) => m.relation === 'mother') ? 'sibling' : 'mother'))} data-testid="case-member-add">
          {t('cases.household.add')}
        </Button>
      </Group>
    );
  }
  const submit = () => {
    const problems = memberProblems(draft);
    setLocal(problems);
    if (Object.keys(problems).length) return;
    add.mutate(memberBody(draft), { onSuccess: () => { setDraft(null); add.reset(); } });
  };
  return (
    <Section title={t('cases.household.add')} testId="case-member-form">
      <Stack gap="sm">
        <MemberFields value={draft} onChange={setDraft} testId="case-new-member" regionCode={c.regionCode} districtCode={c.districtCode}
          errorOf={(f) => (local[f] ? t(local[f]) : server[f])} />
        {add.isError && <ErrorAlert error={add.error} fields={Object.keys(server)} />}
        <Group>
          <Button loading={add.isPending} onClick={submit} data-testid="case-member-save">{t('cases.household.save')}</Button>
          <Button variant="default" onClick={() => { setDraft(null); add.reset(); }}>{t('common.cancel')}</Button>
        </Group>
      </Stack>
    </Section>
  );
}

function EditMember({ c, member, onClose }: { c: CaseFile; member: CaseMember; onClose: () => void }) {
  const { t } = useTranslation();
  const vocab = useCaseVocab();
  const update = useUpdateMember(c.id);
  const [relation, setRelation] = useState<CaseRelation>(member.relation);
  const [occupation, setOccupation] = useState<Occupation>(member.occupation);
  const [subject, setSubject] = useState(member.subject);
  const [lives, setLives] = useState(member.livesInHousehold);
  const [schoolDistrict, setSchoolDistrict] = useState(c.districtCode ?? '');
  const [schoolId, setSchoolId] = useState(member.schoolId ?? '');
  const errors = fieldErrors(update.error);
  return (
    <Modal opened onClose={onClose} title={personName(member.person)}>
      <Stack gap="sm">
        <NativeSelect label={t('cases.member.relation')} value={relation} error={errors.relation} onChange={(e) => setRelation(e.currentTarget.value as CaseRelation)}
          data={CASE_RELATIONS.map((r) => ({ value: r, label: vocab.relation(r) }))} data-testid="case-member-edit-relation" />
        <NativeSelect label={t('cases.member.occupation')} value={occupation} error={errors.occupation} onChange={(e) => setOccupation(e.currentTarget.value as Occupation)}
          data={OCCUPATIONS.map((o) => ({ value: o, label: vocab.occupation(o) }))} data-testid="case-member-edit-occupation" />
        {occupation === 'studying' && (
          <SchoolPicker regionCode={c.regionCode} districtCode={schoolDistrict} schoolId={schoolId} error={errors.schoolId} testId="case-member-edit"
            onChange={(d, s) => { setSchoolDistrict(d); setSchoolId(s); }} />
        )}
        <Checkbox label={t('cases.member.subject')} checked={subject} onChange={(e) => setSubject(e.currentTarget.checked)} />
        <Checkbox label={t('cases.member.livesInHousehold')} checked={lives} onChange={(e) => setLives(e.currentTarget.checked)} />
        {update.isError && <ErrorAlert error={update.error} fields={['relation', 'occupation', 'schoolId']} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button loading={update.isPending} data-testid="case-member-edit-save"
            onClick={() => update.mutate({
              memberId: member.id, relation, occupation, subject, livesInHousehold: lives,
              ...(occupation !== 'studying' ? { schoolId: null } : schoolId && schoolId !== member.schoolId ? { schoolId } : {}),
            }, { onSuccess: onClose })}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
