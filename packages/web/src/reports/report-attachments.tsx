import { useRef, useState } from 'react';
import { Anchor, Button, FileInput, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/error-alert.tsx';
import { formatDateTime, formatNumber } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { isMissingEndpoint, useAttachments, useUploadAttachment } from './api.ts';

/** A file size in the reader's language: `512 B`, `12,5 KB`, `3.1 MB`. */
function useSize(): (bytes: number) => string {
  const { t } = useTranslation();
  const locale = useLocale();
  return (bytes) => {
    if (bytes < 1024) return t('report.attachments.bytes', { n: formatNumber(bytes, locale) });
    if (bytes < 1024 * 1024) return t('report.attachments.kb', { n: formatNumber(Math.round(bytes / 102.4) / 10, locale) });
    return t('report.attachments.mb', { n: formatNumber(Math.round(bytes / (1024 * 102.4)) / 10, locale) });
  };
}

/** Files of a report: list, download (authorised and audited by the server), upload. */
export function ReportAttachments({ reportId, canUpload }: { reportId: string; canUpload: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const size = useSize();
  const list = useAttachments(reportId, true);
  const uploader = useUploadAttachment(reportId);
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const inputRef = useRef<HTMLButtonElement>(null);

  if (list.isError && isMissingEndpoint(list.error)) {
    return <Text c="dimmed" data-testid="attachments-unavailable">{t('report.attachments.unavailable')}</Text>;
  }
  const items = list.data ?? [];
  return (
    <Stack gap="sm">
      <ErrorAlert error={list.isError ? list.error : null} />
      {list.isSuccess && items.length === 0 && <Text c="dimmed" data-testid="attachments-none">{t('report.attachments.none')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" data-testid="attachments-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('report.attachments.file')}</Table.Th>
                <Table.Th>{t('report.attachments.size')}</Table.Th>
                <Table.Th>{t('report.attachments.uploadedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor href={`/api/v1/attachments/${encodeURIComponent(a.id)}`} download={a.fileName}>
                      {a.fileName}
                    </Anchor>
                    <Text size="xs" c="dimmed">{a.mimeType}</Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{size(a.sizeBytes)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(a.uploadedAt, locale)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canUpload && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!file || uploader.isPending) return;
            setDone(null);
            uploader.mutate(file, {
              onSuccess: () => {
                setDone(file.name);
                setFile(null);
              },
            });
          }}
        >
          <Group align="flex-end" gap="sm" wrap="wrap">
            <FileInput
              ref={inputRef}
              label={t('report.attachments.choose')}
              description={t('report.attachments.hint')}
              placeholder={t('report.attachments.placeholder')}
              value={file}
              onChange={(f) => {
                setFile(f);
                uploader.reset();
              }}
              clearable
              w={{ base: '100%', sm: 360 }}
              data-testid="attachment-file"
            />
            <Button type="submit" disabled={!file} loading={uploader.isPending} data-testid="attachment-upload">
              {t('report.attachments.upload')}
            </Button>
          </Group>
          <ErrorAlert error={uploader.error} />
          {done && (
            <Text size="sm" c="teal.8" role="status" mt="xs">
              {t('report.attachments.uploaded', { name: done })}
            </Text>
          )}
        </form>
      )}
    </Stack>
  );
}
