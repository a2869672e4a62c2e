import { Anchor, Badge, Button, Checkbox, Drawer, Group, Loader, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CONTACT_OUTCOMES } from '@qorgau/core';
import { useUser } from '../auth/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Page } from '../components/page.tsx';
import { useChiCategories } from '../console/api.ts';
import { formatDuration } from '../console/draft.ts';
import { formatDateTime, localName } from '../format.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useRegions } from '../reference/queries.ts';
import { CONTACT_FILTER_KEYS, useContact, useContactList, type ContactFilter } from './api.ts';

/** Outcomes that end without help given: shown grey. */
const QUIET = new Set(['silent', 'prank']);

function filterFrom(params: URLSearchParams): ContactFilter {
  const f = {} as ContactFilter;
  for (const key of CONTACT_FILTER_KEYS) f[key] = params.get(key) ?? '';
  return f;
}

/** One contact, opened from the list: the screening answers and the counsellor's summary (an audited read). */
function ContactDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const contact = useContact(id);
  const chi = useChiCategories();
  const c = contact.data;
  const answers = c ? Object.entries(c.screening) : [];
  return (
    <Drawer opened={id !== null} onClose={onClose} position="right" size="md" title={t('contacts.detail.title')} data-testid="contact-drawer">
      <ErrorAlert error={contact.error} />
      {contact.isLoading && <Loader size="sm" aria-label={t('common.loading')} />}
      {c && (
        <Stack gap="sm">
          <Text size="sm" data-testid="contact-detail-started">{formatDateTime(c.startedAt, locale)} · {c.durationSeconds !== null ? formatDuration(c.durationSeconds) : '—'}</Text>
          <Group gap="xs">
            <Badge variant="light">{t(`console.callerType.${c.callerType}`, { defaultValue: c.callerType })}</Badge>
            <Badge variant="light" color={QUIET.has(c.outcome) ? 'gray' : 'blue'}>{t(`console.outcome.${c.outcome}`, { defaultValue: c.outcome })}</Badge>
            <Badge variant="outline">{t(`contacts.channel.${c.channel}`, { defaultValue: c.channel })}</Badge>
          </Group>
          <div>
            <Text size="xs" c="dimmed">{t('contacts.col.subject')}</Text>
            <Text size="sm">{chi.data?.find((x) => x.code === c.chiCode)?.label[locale] ?? c.chiCode}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">{t('contacts.col.child')}</Text>
            <Text size="sm">{childText(c, t)}</Text>
          </div>
          {c.reportId && (
            <Anchor component={Link} to={`/reports/${c.reportId}`} ff="monospace" data-testid="contact-detail-report">{c.reportNumber}</Anchor>
          )}
          {answers.length > 0 && (
            <div>
              <Text size="xs" c="dimmed">{t('console.screening.title')}</Text>
              {answers.map(([q, yes]) => (
                <Text size="sm" key={q}>{t(`console.screening.${q}`, { defaultValue: q })} — {yes ? t('console.screening.yes') : t('console.screening.no')}</Text>
              ))}
            </div>
          )}
          <div>
            <Text size="xs" c="dimmed">{t('contacts.detail.summary')}</Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="contact-detail-summary">{c.summary ?? t('contacts.detail.noSummary')}</Text>
          </div>
        </Stack>
      )}
    </Drawer>
  );
}

function childText(c: { childPersonId: string | null; childFirstName: string | null; childApproxAge: number | null }, t: TFunction): string {
  if (c.childPersonId) return t('contacts.childIdentified');
  const parts = [c.childFirstName, c.childApproxAge !== null ? t('contacts.age', { n: c.childApproxAge }) : null].filter(Boolean);
  return parts.length ? parts.join(', ') : '—';
}

/**
 * Helpline contacts: an operator's own; a supervisor's or regional coordinator's of the territory.
 * Every contact is here, also those that gave only advice or information, so that nothing the line
 * did is invisible. Filters live in the address; a row opens the contact in a drawer.
 */
export function ContactsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const list = useContactList(filter);
  const regions = useRegions();
  const chi = useChiCategories();
  const invalid = fieldErrors(list.error);
  const overseer = user.role === 'supervisor' || user.role === 'regional_coordinator';
  const opened = params.get('contact');

  const set = (changes: Partial<ContactFilter & { contact: string }>) => {
    const current = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes)) {
      if (v) current.set(k, v);
      else current.delete(k);
    }
    setParams(current, { replace: true });
  };
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const regionName = (code: string | null) => {
    if (!code) return '—';
    const r = regions.data?.find((x) => x.code === code);
    return r ? localName(r.name, locale) : code;
  };
  const chiLabel = (code: string) => chi.data?.find((c) => c.code === code)?.label[locale] ?? code;
  const active = CONTACT_FILTER_KEYS.some((k) => filter[k]);

  return (
    <Page title={t('contacts.title')}>
      <Text size="sm" c="dimmed">{overseer ? t('contacts.introOverseer') : t('contacts.introOperator')}</Text>
      <form role="search" aria-label={t('contacts.filters')} onSubmit={(e) => e.preventDefault()}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <TextInput label={t('contacts.filter.from')} type="date" value={filter.from} error={invalid.from} onChange={(e) => set({ from: e.currentTarget.value })} data-testid="contacts-filter-from" />
          <TextInput label={t('contacts.filter.to')} type="date" value={filter.to} error={invalid.to} onChange={(e) => set({ to: e.currentTarget.value })} data-testid="contacts-filter-to" />
          <NativeSelect
            label={t('contacts.filter.outcome')}
            value={filter.outcome}
            error={invalid.outcome}
            data={[{ value: '', label: t('contacts.filter.all') }, ...CONTACT_OUTCOMES.map((o) => ({ value: o, label: t(`console.outcome.${o}`) }))]}
            onChange={(e) => set({ outcome: e.currentTarget.value })}
            data-testid="contacts-filter-outcome"
          />
          {overseer && (
            <Checkbox mt={{ md: 28 }} label={t('contacts.filter.mine')} checked={filter.mine === 'true'} onChange={(e) => set({ mine: e.currentTarget.checked ? 'true' : '' })} data-testid="contacts-filter-mine" />
          )}
        </SimpleGrid>
        <Group mt="sm" gap="sm">
          <Button variant="default" disabled={!active} onClick={() => setParams(new URLSearchParams(), { replace: true })} data-testid="contacts-filter-clear">
            {t('contacts.filter.clear')}
          </Button>
          {list.isFetching && <Loader size="sm" aria-label={t('common.loading')} />}
        </Group>
      </form>

      <ErrorAlert error={list.error} fields={[...CONTACT_FILTER_KEYS]} />

      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="contacts-table" aria-busy={list.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('contacts.col.started')}</Table.Th>
              <Table.Th>{t('contacts.col.duration')}</Table.Th>
              <Table.Th>{t('contacts.col.caller')}</Table.Th>
              <Table.Th>{t('contacts.col.subject')}</Table.Th>
              <Table.Th>{t('contacts.col.child')}</Table.Th>
              <Table.Th>{t('contacts.col.region')}</Table.Th>
              <Table.Th>{t('contacts.col.outcome')}</Table.Th>
              <Table.Th>{t('contacts.col.report')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.id} data-testid="contact-row" data-outcome={c.outcome}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor component="button" type="button" fz="sm" onClick={() => set({ contact: c.id })} data-testid="contact-row-open">
                    {formatDateTime(c.startedAt, locale)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{c.durationSeconds !== null ? formatDuration(c.durationSeconds) : '—'}</Table.Td>
                <Table.Td>{t(`console.callerType.${c.callerType}`, { defaultValue: c.callerType })}</Table.Td>
                <Table.Td><Text size="sm">{chiLabel(c.chiCode)}</Text></Table.Td>
                <Table.Td>{childText(c, t)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{regionName(c.regionCode)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={QUIET.has(c.outcome) ? 'gray' : 'blue'}>{t(`console.outcome.${c.outcome}`, { defaultValue: c.outcome })}</Badge>
                </Table.Td>
                <Table.Td>
                  {c.reportId ? <Anchor component={Link} to={`/reports/${c.reportId}`} ff="monospace" fz="sm">{c.reportNumber}</Anchor> : '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.isSuccess && rows.length === 0 && (
        <Text c="dimmed" ta="center" py="md" data-testid="contacts-none">{t('contacts.none')}</Text>
      )}
      {list.hasNextPage && (
        <Group justify="center">
          <Button variant="light" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} data-testid="contacts-load-more">
            {t('contacts.loadMore')}
          </Button>
        </Group>
      )}
      {rows.length > 0 && (
        <Text size="sm" c="dimmed" ta="center" role="status" data-testid="contacts-shown">{t('contacts.shown', { n: rows.length })}</Text>
      )}
      <ContactDrawer id={opened} onClose={() => set({ contact: '' })} />
    </Page>
  );
}
