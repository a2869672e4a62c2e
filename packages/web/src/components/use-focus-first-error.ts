import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * After a failed submit, move focus to the first field marked invalid (or else bring the error
 * message into view), so that keyboard and screen-reader users land where the problem is.
 * Call `reportFailure()` after each failed attempt.
 */
export function useFocusFirstError<T extends HTMLElement>(): { ref: RefObject<T | null>; reportFailure: () => void } {
  const ref = useRef<T>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (attempt === 0 || !ref.current) return;
    const invalid = ref.current.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) invalid.focus();
    else ref.current.querySelector<HTMLElement>('[role="alert"]')?.scrollIntoView({ block: 'nearest' });
  }, [attempt]);
  return { ref, reportFailure: () => setAttempt((n) => n + 1) };
}
