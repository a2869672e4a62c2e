// The console's keyboard map: one list, read by the key handler and by the help dialog.

export type ConsoleAction =
  | 'start' | 'end' | 'save' | 'help' | 'callerType' | 'child' | 'subject' | 'screening' | 'outcome' | 'report' | 'addToReport'
  | 'summary';

/** Chords that work anywhere on the console, also while typing in a field. */
export const CHORDS: readonly { action: ConsoleAction; keys: string[] }[] = [
  { action: 'start', keys: ['F2', 'Alt+N'] },
  { action: 'end', keys: ['F4', 'Alt+E'] },
  { action: 'save', keys: ['Ctrl+Enter'] },
  { action: 'callerType', keys: ['Alt+C'] },
  { action: 'child', keys: ['Alt+K'] },
  { action: 'subject', keys: ['Alt+S'] },
  { action: 'screening', keys: ['Alt+Q'] },
  { action: 'outcome', keys: ['Alt+O'] },
  { action: 'report', keys: ['Alt+R'] },
  { action: 'addToReport', keys: ['Alt+A'] },
  { action: 'summary', keys: ['Alt+M'] },
];

/** Keys that act where the focus is (listed in the help, handled by the fields). */
export const LOCAL_KEYS: readonly { id: string; keys: string[]; alternatives: boolean }[] = [
  { id: 'digits', keys: ['1', '…', '8'], alternatives: false },
  { id: 'yesNo', keys: ['Y', 'N'], alternatives: false },
  { id: 'clear', keys: ['Delete', 'Backspace'], alternatives: true },
  { id: 'list', keys: ['↑', '↓', 'Enter'], alternatives: false },
  { id: 'close', keys: ['Esc'], alternatives: false },
  { id: 'next', keys: ['Tab', 'Shift+Tab'], alternatives: true },
  { id: 'radio', keys: ['←', '→', 'Space'], alternatives: false },
  { id: 'help', keys: ['?'], alternatives: false },
];

const ALT_CODES: Record<string, ConsoleAction> = {
  KeyN: 'start', KeyE: 'end', KeyC: 'callerType', KeyK: 'child', KeyS: 'subject', KeyQ: 'screening', KeyO: 'outcome',
  KeyR: 'report', KeyA: 'addToReport', KeyM: 'summary',
};

export interface KeyLike {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/**
 * The console action of a key press that works anywhere, or null. Alt chords go by the physical
 * key (`code`), so they work in a Cyrillic keyboard layout too.
 */
export function chordOf(e: KeyLike): ConsoleAction | null {
  if (e.key === 'F2' && !e.altKey && !e.ctrlKey && !e.metaKey) return 'start';
  if (e.key === 'F4' && !e.altKey && !e.ctrlKey && !e.metaKey) return 'end';
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey) return 'save';
  if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) return ALT_CODES[e.code] ?? null;
  return null;
}

/** Caller type by a digit 1–8 (top row or keypad); null for any other key. */
export function digitOf(e: KeyLike): number | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  const m = /^(?:Digit|Numpad)([1-9])$/.exec(e.code);
  if (m) return Number(m[1]);
  return /^[1-9]$/.test(e.key) ? Number(e.key) : null;
}

/** Y/N answers, also in the Russian (Д/Н) and Kazakh (И/Ж) words for yes and no. */
export function yesNoOf(e: KeyLike): boolean | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  const k = e.key.toLocaleLowerCase();
  if (k === 'y' || k === 'д' || k === 'и') return true;
  if (k === 'n' || k === 'н' || k === 'ж') return false;
  return null;
}

/** The element takes typed text (so that digits and ? must not be taken from it). */
export function isTextEntry(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['radio', 'checkbox', 'button', 'submit', 'reset'].includes(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}
