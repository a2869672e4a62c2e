import type { KeyboardEvent, ReactNode } from 'react';
import { Box, Input, Kbd } from '@mantine/core';

export interface KeyRadioOption<V extends string> {
  value: V;
  label: string;
  /** the key that chooses it, shown on the option */
  hint?: string;
  color?: 'red' | 'teal';
}

interface Props<V extends string> {
  id: string;
  name: string;
  label: ReactNode;
  description?: ReactNode;
  options: readonly KeyRadioOption<V>[];
  value: V | null;
  onChange: (value: V | null) => void;
  testId: string;
  error?: ReactNode;
  /** more keys handled while the focus is in the group (Y/N, digits) */
  onKeyDown?: (e: KeyboardEvent<HTMLDivElement>) => void;
  size?: 'sm' | 'md';
}

/**
 * Native radio buttons drawn as pills: Tab enters the group, arrows move and choose, Space
 * chooses, Delete clears. Screen readers and browser tests see ordinary radios.
 */
export function KeyRadioGroup<V extends string>(props: Props<V>) {
  const { id, options, value, onChange } = props;
  const labelId = `${id}-label`;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if ((e.key === 'Delete' || e.key === 'Backspace') && !e.altKey && !e.ctrlKey && value !== null) {
      e.preventDefault();
      onChange(null);
      return;
    }
    props.onKeyDown?.(e);
  };
  return (
    <Input.Wrapper
      labelElement="div"
      label={<span id={labelId}>{props.label}</span>}
      description={props.description}
      error={props.error}
    >
      <Box
        id={id}
        role="radiogroup"
        aria-labelledby={labelId}
        aria-invalid={props.error ? true : undefined}
        className="console-pills"
        data-size={props.size ?? 'md'}
        onKeyDown={onKeyDown}
        data-testid={props.testId}
        mt={4}
      >
        {options.map((o) => (
          <label key={o.value} className="console-pill" data-checked={value === o.value || undefined} data-color={o.color}>
            <input
              type="radio"
              name={props.name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              data-testid={`${props.testId}-${o.value}`}
            />
            {o.hint && <Kbd size="xs" className="console-pill-key">{o.hint}</Kbd>}
            <span>{o.label}</span>
          </label>
        ))}
      </Box>
    </Input.Wrapper>
  );
}

/** Moves the focus into a radio group: to its chosen option, else its first. */
export function focusRadioGroup(id: string): boolean {
  const group = document.getElementById(id);
  const input = group?.querySelector<HTMLInputElement>('input[type=radio]:checked') ?? group?.querySelector<HTMLInputElement>('input[type=radio]');
  input?.focus();
  return Boolean(input);
}
