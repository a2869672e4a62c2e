import { useEffect, useId, useRef, useState, type ReactNode, type Ref } from 'react';
import { Box, Loader, Paper, Text, TextInput } from '@mantine/core';

export interface TypeAheadOption {
  id: string;
  content: ReactNode;
  /** extra attributes on the option element (test handles) */
  attrs?: Record<string, string>;
}

export interface TypeAheadGroup {
  id: string;
  label: ReactNode;
  options: TypeAheadOption[];
}

interface Props {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  placeholder?: string;
  query: string;
  onQueryChange: (query: string) => void;
  groups: TypeAheadGroup[];
  onPick: (optionId: string) => void;
  loading?: boolean;
  /** shown in the open list when nothing matches */
  emptyText?: ReactNode;
  /** shown when the list is closed and would have options */
  error?: ReactNode;
  inputRef?: Ref<HTMLInputElement>;
  testId: string;
  /** select the text on focus, so that typing replaces a shown choice */
  selectOnFocus?: boolean;
  /** open the list on focus even with nothing typed */
  openOnFocus?: boolean;
  required?: boolean;
  rightSection?: ReactNode;
  onBlur?: () => void;
  /** keep the list open after a pick (choosing several) */
  keepOpenOnPick?: boolean;
  /** keys the list does not use (e.g. Backspace in an empty box) */
  onOtherKey?: (e: React.KeyboardEvent<HTMLInputElement>) => void;
}

/**
 * A combobox for the keyboard: type, ArrowDown/ArrowUp move through the (grouped) options,
 * Enter picks, Escape closes. The first option is active as soon as the list appears, so that
 * a few letters and Enter are enough. ARIA 1.2 combobox with a listbox and active descendant.
 */
export function TypeAhead(props: Props) {
  const { id, groups, onPick, testId } = props;
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [focused, setFocused] = useState(false);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const flat = groups.flatMap((g) => g.options);
  const signature = flat.map((o) => o.id).join('|');

  // a new list of options starts at its first (best) one
  useEffect(() => {
    setActive(0);
  }, [signature]);

  const showList = focused && open && (flat.length > 0 || (props.emptyText !== undefined && !props.loading));
  const activeOption = showList ? flat[Math.min(active, flat.length - 1)] : undefined;
  const optionDomId = (optionId: string) => `${id}-opt-${optionId.replace(/[^\w-]/g, '_')}`;

  useEffect(() => {
    if (!activeOption) return;
    const el = document.getElementById(optionDomId(activeOption.id));
    el?.scrollIntoView({ block: 'nearest' });
  }, [activeOption?.id]);

  const pick = (optionId: string) => {
    if (!props.keepOpenOnPick) setOpen(false);
    onPick(optionId);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        return;
      }
      if (!flat.length) return;
      setActive((i) => {
        const cur = Math.min(i, flat.length - 1);
        return e.key === 'ArrowDown' ? (cur + 1) % flat.length : (cur - 1 + flat.length) % flat.length;
      });
    } else if (e.key === 'Enter') {
      if (activeOption) {
        e.preventDefault();
        pick(activeOption.id);
      }
    } else if (e.key === 'Escape') {
      if (showList) {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
      }
    } else {
      props.onOtherKey?.(e);
    }
  };

  let index = -1;
  return (
    <Box pos="relative">
      <TextInput
        id={id}
        ref={props.inputRef}
        label={props.label}
        description={props.description}
        placeholder={props.placeholder}
        required={props.required}
        value={props.query}
        autoComplete="off"
        spellCheck={false}
        error={props.error}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={activeOption ? optionDomId(activeOption.id) : undefined}
        onChange={(e) => {
          props.onQueryChange(e.currentTarget.value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onFocus={(e) => {
          setFocused(true);
          if (props.openOnFocus) setOpen(true);
          if (props.selectOnFocus) e.currentTarget.select();
        }}
        onBlur={() => {
          setFocused(false);
          setOpen(false);
          props.onBlur?.();
        }}
        rightSection={props.loading ? <Loader size="xs" /> : props.rightSection}
        data-testid={`${testId}-input`}
      />
      <Paper
        ref={listRef}
        id={listId}
        role="listbox"
        aria-label={typeof props.label === 'string' ? props.label : undefined}
        shadow="md"
        withBorder
        pos="absolute"
        left={0}
        right={0}
        mt={4}
        p={4}
        style={{ zIndex: 30, maxHeight: 340, overflowY: 'auto', display: showList ? 'block' : 'none' }}
        data-testid={`${testId}-list`}
        // keep the focus in the input while choosing with the mouse
        onMouseDown={(e) => e.preventDefault()}
      >
        {showList && flat.length === 0 && (
          <Text c="dimmed" size="sm" p="xs" role="presentation">
            {props.emptyText}
          </Text>
        )}
        {showList && groups.map((g) => {
          const headerId = `${id}-grp-${g.id.replace(/[^\w-]/g, '_')}`;
          const body = g.options.map((o) => {
            index += 1;
            const i = index;
            const selected = activeOption?.id === o.id;
            return (
              <Box
                key={o.id}
                id={optionDomId(o.id)}
                role="option"
                aria-selected={selected}
                className="console-option"
                data-active={selected || undefined}
                onMouseEnter={() => setActive(i)}
                onClick={() => pick(o.id)}
                data-testid={`${testId}-option`}
                {...o.attrs}
              >
                {o.content}
              </Box>
            );
          });
          if (!g.label) return <Box key={g.id}>{body}</Box>;
          return (
            <Box key={g.id} role="group" aria-labelledby={headerId}>
              <Text id={headerId} size="xs" fw={700} tt="uppercase" c="dimmed" px="xs" pt={6} pb={2} role="presentation">
                {g.label}
              </Text>
              {body}
            </Box>
          );
        })}
      </Paper>
    </Box>
  );
}
