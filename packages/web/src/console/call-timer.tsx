import { useEffect, useState } from 'react';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { elapsedSeconds, formatDuration } from './draft.ts';

/** mm:ss since the call started, running until it ends; counts from `startedAt`, so a reload continues it. */
export function CallTimer({ startedAt, endedAt }: { startedAt: string; endedAt: string | null }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (endedAt) return;
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, [endedAt]);
  const seconds = elapsedSeconds({ startedAt, endedAt }, now);
  return (
    <Text
      component="span"
      role="timer"
      aria-label={t('console.call.timerLabel')}
      fz={32}
      fw={700}
      lh={1}
      ff="monospace"
      c={endedAt ? 'dimmed' : 'teal.8'}
      data-testid="console-timer"
      data-seconds={seconds}
    >
      {formatDuration(seconds)}
    </Text>
  );
}
