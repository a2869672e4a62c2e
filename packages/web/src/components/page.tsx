import { useEffect, type ReactNode } from 'react';
import { Group, Stack, Title } from '@mantine/core';

interface Props {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}

/** A screen: its heading (the focus target after navigation) and the window title. */
export function Page({ title, actions, children }: Props) {
  useEffect(() => {
    document.title = `${title} — Qorgau`;
  }, [title]);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center" wrap="wrap">
        <Title order={1} size="h2" id="page-title" tabIndex={-1}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Stack>
  );
}
