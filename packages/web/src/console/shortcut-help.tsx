import { Fragment } from 'react';
import { Group, Kbd, Modal, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CHORDS, LOCAL_KEYS } from './keys.ts';

function Keys({ keys, alternatives }: { keys: string[]; alternatives: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap">
      {keys.map((k, i) => (
        <Fragment key={k}>
          {alternatives && i > 0 && <Text span size="xs" c="dimmed">{t('console.help.or')}</Text>}
          {k === '…' ? <Text span size="xs">…</Text> : <Kbd size="sm">{k}</Kbd>}
        </Fragment>
      ))}
    </Group>
  );
}

/** Every key of the console (press ? to open, Esc to close). */
export function ShortcutHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('console.help.title')} size="lg" data-testid="console-help">
      <Table verticalSpacing={4} data-testid="console-help-table">
        <Table.Tbody>
          {CHORDS.map((c) => (
            <Table.Tr key={c.action}>
              <Table.Td w="40%"><Keys keys={c.keys} alternatives /></Table.Td>
              <Table.Td>{t(`console.help.action.${c.action}`)}</Table.Td>
            </Table.Tr>
          ))}
          {LOCAL_KEYS.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td><Keys keys={c.keys} alternatives={c.alternatives} /></Table.Td>
              <Table.Td>{t(`console.help.local.${c.id}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
