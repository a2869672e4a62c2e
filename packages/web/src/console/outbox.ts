// Saving is optimistic: the console is free for the next call at once, while the contact waits
// in an outbox kept in localStorage until the server has it. A reload or a network failure loses
// nothing; the draft's clientId makes every retry idempotent (the server answers 200 with the
// contact it already has).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, post, type ErrorDetail } from '../api.ts';
import type { ConsoleDraft } from './draft.ts';
import type { ConsoleIncidentBody, Contact, ContactBody } from './types.ts';

export interface SaveError {
  code: string;
  message: string;
  details: ErrorDetail[];
  status: number;
}

export interface OutboxEntry {
  clientId: string;
  body: ContactBody;
  /** outcome added_to_report: the open report the incident (sent inside the contact body) goes to, for display */
  incident: { reportId: string; reportNumber: string; body: ConsoleIncidentBody } | null;
  /** kept to put back into the console if the server refuses the contact */
  draft: ConsoleDraft;
  queuedAt: string;
  state: 'pending' | 'failed';
  attempts: number;
  /** set once the contact is saved while the incident is still to be added */
  contact?: Contact;
  error?: SaveError;
}

export type SaveEvent =
  | { type: 'saved'; entry: OutboxEntry; contact: Contact; incidentError: SaveError | null }
  | { type: 'refused'; entry: OutboxEntry; error: SaveError }
  | { type: 'retrying'; entry: OutboxEntry; error: SaveError | null };

export const outboxKey = (userId: string) => `qorgau.console.outbox.${userId}`;

export function readOutbox(storage: Storage, userId: string): OutboxEntry[] {
  try {
    const raw: unknown = JSON.parse(storage.getItem(outboxKey(userId)) ?? '[]');
    return Array.isArray(raw) ? (raw as OutboxEntry[]).filter((e) => e && typeof e.clientId === 'string' && e.body) : [];
  } catch {
    return [];
  }
}

export function writeOutbox(storage: Storage, userId: string, entries: OutboxEntry[]): void {
  try {
    if (entries.length) storage.setItem(outboxKey(userId), JSON.stringify(entries));
    else storage.removeItem(outboxKey(userId));
  } catch {
    // storage full or disabled: the entries live in memory only
  }
}

function toSaveError(error: unknown): SaveError | null {
  if (error instanceof ApiError) return { code: error.code, message: error.message, details: [...error.details], status: error.status };
  return null;
}

/** Refusals are final (the request is wrong); the network, 5xx, 429 and 401 are worth another try. */
export function isFinal(error: SaveError | null): boolean {
  return error !== null && error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 408 && error.status !== 429;
}

const RETRY_MS = [1_000, 3_000, 10_000, 30_000];

/** The outbox of one user, sending what it holds as long as the console is open. */
export function useOutbox(userId: string, onEvent: (event: SaveEvent) => void) {
  const client = useQueryClient();
  const [entries, setEntries] = useState<OutboxEntry[]>(() => readOutbox(localStorage, userId));
  const inFlight = useRef(new Set<string>());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const onEventRef = useRef(onEvent);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    onEventRef.current = onEvent;
  });

  const update = useCallback((change: (list: OutboxEntry[]) => OutboxEntry[]) => {
    // storage is the truth (another tab may have changed it); state follows it
    const next = change(readOutbox(localStorage, userId));
    writeOutbox(localStorage, userId, next);
    setEntries(next);
    return next;
  }, [userId]);

  const send = useCallback(async (entry: OutboxEntry) => {
    inFlight.current.add(entry.clientId);
    try {
      let contact = entry.contact;
      if (!contact) {
        try {
          contact = await post<Contact>('/v1/contacts', entry.body);
        } catch (error) {
          const e = toSaveError(error);
          if (isFinal(e) && e) {
            const failed = { ...entry, state: 'failed' as const, error: e };
            update((list) => list.map((x) => (x.clientId === entry.clientId ? failed : x)));
            onEventRef.current({ type: 'refused', entry: failed, error: e });
          } else {
            const attempts = entry.attempts + 1;
            update((list) => list.map((x) => (x.clientId === entry.clientId ? { ...x, attempts } : x)));
            onEventRef.current({ type: 'retrying', entry, error: e });
            const delay = RETRY_MS[Math.min(attempts - 1, RETRY_MS.length - 1)]!;
            timers.current.set(entry.clientId, setTimeout(() => {
              timers.current.delete(entry.clientId);
              setTick((n) => n + 1);
            }, delay));
          }
          return;
        }
        const saved = contact;
        update((list) => list.map((x) => (x.clientId === entry.clientId ? { ...x, contact: saved } : x)));
      }
      // the incident of "add to that report" travels inside the contact (one transaction, one
      // clientId), so a retried save cannot add it twice
      const incidentError: SaveError | null = null;
      if (entry.incident) void client.invalidateQueries({ queryKey: ['reports'] });
      update((list) => list.filter((x) => x.clientId !== entry.clientId));
      void client.invalidateQueries({ queryKey: ['contacts'] });
      onEventRef.current({ type: 'saved', entry, contact, incidentError });
    } finally {
      inFlight.current.delete(entry.clientId);
    }
  }, [client, update]);

  // send every pending entry that is neither in flight nor waiting for its retry
  useEffect(() => {
    for (const entry of entries) {
      if (entry.state !== 'pending' || inFlight.current.has(entry.clientId) || timers.current.has(entry.clientId)) continue;
      void send(entry);
    }
  }, [entries, send, tick]);

  // a retry as soon as the browser is back online
  useEffect(() => {
    const online = () => {
      for (const [id, timer] of timers.current) {
        clearTimeout(timer);
        timers.current.delete(id);
      }
      setTick((n) => n + 1);
    };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, []);

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    };
  }, []);

  const enqueue = useCallback((entry: OutboxEntry) => {
    update((list) => [...list.filter((x) => x.clientId !== entry.clientId), entry]);
  }, [update]);

  const remove = useCallback((clientId: string) => {
    update((list) => list.filter((x) => x.clientId !== clientId));
  }, [update]);

  return { entries, enqueue, remove };
}
