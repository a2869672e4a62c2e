import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Checkbox, CopyButton, Group, List, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { REGIONS, type ViolenceType } from '@qorgau/core';
import { ErrorAlert } from '../components/error-alert.tsx';
import { useFocusFirstError } from '../components/use-focus-first-error.ts';
import { formatNumber, localName } from '../format.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { PUBLIC_NARRATIVE_MAX, PUBLIC_TYPES, useSubmitPublicReport } from './api.ts';
import { PublicLayout } from './public-layout.tsx';

export function PublicReportPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [regionCode, setRegionCode] = useState('');
  const [narrative, setNarrative] = useState('');
  const [types, setTypes] = useState<ViolenceType[]>([]);
  const [contact, setContact] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const submit = useSubmitPublicReport();
  const focus = useFocusFirstError<HTMLFormElement>();
  const server = fieldErrors(submit.error);
  const errorOf = (field: string) => local[field] ?? server[field];

  const send = (event: FormEvent) => {
    event.preventDefault();
    if (submit.isPending) return;
    const problems: Record<string, string> = {};
    if (!regionCode) problems.regionCode = t('public.form.regionRequired');
    if (!narrative.trim()) problems.narrative = t('public.form.narrativeRequired');
    setLocal(problems);
    if (Object.keys(problems).length) return focus.reportFailure();
    submit.mutate(
      { regionCode, narrative: narrative.trim(), locale, ...(types.length ? { types } : {}), ...(contact.trim() ? { contact: contact.trim() } : {}) },
      { onError: focus.reportFailure },
    );
  };

  const again = () => {
    setRegionCode('');
    setNarrative('');
    setTypes([]);
    setContact('');
    setLocal({});
    submit.reset();
  };

  if (submit.data) {
    const code = submit.data.trackingCode;
    return (
      <PublicLayout title={t('public.done.title')}>
        <Paper withBorder radius="md" p="lg" role="status" data-testid="public-done">
          <Stack gap="md" align="flex-start">
            <Text fz="lg">{t('public.done.thanks')}</Text>
            <div>
              <Text fw={600}>{t('public.done.codeLabel')}</Text>
              <Group gap="md" mt="xs" wrap="wrap">
                <Text
                  ff="monospace"
                  fw={800}
                  fz={{ base: 32, sm: 44 }}
                  lts={2}
                  px="md"
                  py={4}
                  bg="teal.0"
                  style={{ borderRadius: 8, border: '2px dashed var(--mantine-color-teal-5)' }}
                  data-testid="public-tracking-code"
                >
                  {code}
                </Text>
                <CopyButton value={code}>
                  {({ copied, copy }) => (
                    <Button size="md" variant={copied ? 'filled' : 'light'} color="teal" onClick={copy} data-testid="public-copy-code">
                      {copied ? t('common.copied') : t('public.done.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            </div>
            <List spacing="xs" fz="md">
              <List.Item>{t('public.done.keep')}</List.Item>
              <List.Item>{t('public.done.statusOnly')}</List.Item>
              <List.Item>{t('public.done.danger')}</List.Item>
            </List>
            <Group gap="sm">
              <Button component={Link} to={`/public/status?code=${encodeURIComponent(code)}`} size="md" data-testid="public-check-status">
                {t('public.done.checkStatus')}
              </Button>
              <Button variant="default" size="md" onClick={again}>{t('public.done.another')}</Button>
            </Group>
          </Stack>
        </Paper>
      </PublicLayout>
    );
  }

  return (
    <PublicLayout title={t('public.form.title')}>
      <Text fz="lg">{t('public.form.intro')}</Text>
      <Alert color="teal" variant="light" title={t('public.anonymity.title')} data-testid="public-anonymity">
        <Text fz="md">{t('public.anonymity.text')}</Text>
      </Alert>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <form ref={focus.ref} onSubmit={send} noValidate data-testid="public-form">
          <Stack gap="lg">
            <ErrorAlert error={submit.error} fields={['regionCode', 'narrative', 'types', 'contact']} testId="public-error" />
            <NativeSelect
              size="lg"
              label={t('public.form.region')}
              required
              data={[
                { value: '', label: t('common.choose') },
                ...REGIONS.map((r) => ({ value: r.code, label: localName(r.name, locale) })).sort((a, b) => a.label.localeCompare(b.label, locale)),
              ]}
              value={regionCode}
              error={errorOf('regionCode')}
              onChange={(e) => {
                setRegionCode(e.currentTarget.value);
                setLocal((x) => ({ ...x, regionCode: '' }));
              }}
              data-testid="public-region"
            />
            <Textarea
              size="lg"
              label={t('public.form.narrative')}
              description={t('public.form.narrativeHint')}
              required
              autosize
              minRows={6}
              maxRows={16}
              maxLength={PUBLIC_NARRATIVE_MAX}
              value={narrative}
              error={errorOf('narrative')}
              onChange={(e) => {
                setNarrative(e.currentTarget.value);
                setLocal((x) => ({ ...x, narrative: '' }));
              }}
              data-testid="public-narrative"
            />
            <Text size="sm" c={narrative.length > PUBLIC_NARRATIVE_MAX - 200 ? 'orange.8' : 'dimmed'} mt={-16} aria-live="polite" data-testid="public-narrative-count">
              {t('public.form.count', { n: formatNumber(narrative.length, locale), max: formatNumber(PUBLIC_NARRATIVE_MAX, locale) })}
            </Text>
            <Checkbox.Group
              size="md"
              label={t('public.form.types')}
              description={t('public.form.typesHint')}
              value={types}
              onChange={(v) => setTypes(v)}
              error={errorOf('types')}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="sm">
                {PUBLIC_TYPES.map((c) => (
                  <Checkbox key={c} size="md" value={c} label={t(`public.types.${c}`)} data-testid={`public-type-${c}`} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <TextInput
              size="lg"
              label={t('public.form.contact')}
              description={t('public.form.contactHint')}
              autoComplete="off"
              maxLength={200}
              value={contact}
              error={errorOf('contact')}
              onChange={(e) => setContact(e.currentTarget.value)}
              data-testid="public-contact"
            />
            <Group>
              <Button type="submit" size="lg" loading={submit.isPending} data-testid="public-submit">
                {t('public.form.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <Text fz="md">
        {t('public.form.haveCode')}{' '}
        <Anchor component={Link} to="/public/status">{t('public.navStatus')}</Anchor>
      </Text>
    </PublicLayout>
  );
}
