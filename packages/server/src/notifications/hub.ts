// Live delivery of notifications by Server-Sent Events. notify() announces each recipient with
// pg_notify on commit; every instance LISTENs (a dedicated connection on PostgreSQL, PGlite's own
// listener when embedded), and for a user with an open stream reads that user's notifications
// newer than the last one sent. So a notification written by any instance reaches the user's
// streams on every instance.
import { and, eq, gt, inArray, max, notInArray } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import pg from 'pg';
import { notifications, sessions } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { NOTIFY_CHANNEL, toNotificationDto, type NotificationDto } from './service.ts';

const HEARTBEAT_MS = 25_000;
/** how often an open stream checks that its session still exists (sign-out, expiry, idle time-out) */
const SESSION_CHECK_MS = 2 * 60_000;
/**
 * Ids are drawn before commit, so a notification may commit after one with a higher id. Ids sent in
 * the last minute are remembered and excluded instead of only asking for "id > last": a
 * transaction committing within that minute is still delivered.
 */
const LATE_COMMIT_MS = 60_000;
const PAGE = 100;
const MAX_STREAMS_PER_USER = 8;
const MAX_BUFFERED_BYTES = 1 << 20;

type Stream = {
  userId: string;
  sessionId: string | null;
  /** ids up to this one are delivered (or given up) */
  floor: number;
  /** ids above the floor already sent, with when */
  sent: Map<number, number>;
  checkedAt: number;
  write(chunk: string): void;
  end(): void;
};

export class NotificationHub {
  private readonly deps: Deps;
  private readonly streams = new Map<string, Set<Stream>>();
  private readonly dirty = new Set<Stream>();
  private flushing: Promise<void> | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private pgClient: pg.Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelay = 1_000;
  private running = false;

  constructor(deps: Deps) {
    this.deps = deps;
  }

  /** Start listening for notifications of any instance. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
    const { database } = this.deps;
    if (database.pglite) {
      this.unlisten = await database.pglite.listen(NOTIFY_CHANNEL, (userId) => this.signal(userId));
    } else {
      await this.connectPg();
    }
  }

  /** End every stream and stop listening (before the HTTP server closes: open streams would hold it). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.heartbeat = null;
    this.reconnectTimer = null;
    for (const set of this.streams.values()) for (const s of set) s.end();
    this.streams.clear();
    this.dirty.clear();
    await this.flushing;
    const unlisten = this.unlisten;
    this.unlisten = null;
    if (unlisten) await unlisten().catch(() => undefined);
    const client = this.pgClient;
    this.pgClient = null;
    if (client) await client.end().catch(() => undefined);
  }

  private async connectPg(): Promise<void> {
    const pool = this.deps.database.pool;
    if (!pool || !this.running) return;
    const client = new pg.Client(pool.options);
    const lost = (err?: Error) => {
      if (this.pgClient !== client) return;
      this.pgClient = null;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (this.running) {
        this.deps.log.warn({ err: err ? { message: err.message } : undefined, retryInMs: this.reconnectDelay }, 'notification listener lost its connection; reconnecting');
        this.scheduleReconnect();
      }
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (msg) => {
      if (msg.channel === NOTIFY_CHANNEL && msg.payload) this.signal(msg.payload);
    });
    this.pgClient = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    } catch (err) {
      lost(err as Error);
      return;
    }
    this.reconnectDelay = 1_000;
    // whatever committed while nobody listened
    for (const userId of this.streams.keys()) this.signal(userId);
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || !this.running) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connectPg();
    }, this.reconnectDelay);
    this.reconnectTimer.unref();
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, 30_000);
  }

  /** A notification for this user committed somewhere. */
  signal(userId: string): void {
    const set = this.streams.get(userId);
    if (!set?.size) return;
    for (const s of set) this.dirty.add(s);
    this.flushing ??= this.flush().finally(() => { this.flushing = null; });
  }

  private async flush(): Promise<void> {
    while (this.dirty.size && this.running) {
      const batch = [...this.dirty];
      this.dirty.clear();
      // a handful at a time: the pool is shared with requests
      for (let i = 0; i < batch.length; i += 10) {
        await Promise.all(batch.slice(i, i + 10).map((s) => this.deliver(s).catch((err: unknown) => {
          this.deps.log.warn({ err: { message: (err as Error).message } }, 'notification stream delivery failed');
        })));
      }
    }
  }

  private async deliver(s: Stream): Promise<void> {
    if (!this.streams.get(s.userId)?.has(s)) return;
    const skip = [...s.sent.keys()];
    const found = await this.deps.db.select().from(notifications)
      .where(and(eq(notifications.userId, s.userId), gt(notifications.id, s.floor), skip.length ? notInArray(notifications.id, skip) : undefined))
      .orderBy(notifications.id)
      .limit(PAGE);
    const now = Date.now();
    for (const n of found) {
      s.sent.set(n.id, now);
      s.write(event(toNotificationDto(n)));
    }
    if (found.length === PAGE) this.dirty.add(s);
  }

  /** Heartbeat comments keep proxies from closing idle streams; also forget old ids and check sessions. */
  private async beat(): Promise<void> {
    const now = Date.now();
    const toCheck: Stream[] = [];
    for (const set of this.streams.values()) {
      for (const s of set) {
        s.write(': ping\n\n');
        let floor = s.floor;
        for (const [id, at] of s.sent) if (now - at > LATE_COMMIT_MS && id > floor) floor = id;
        s.floor = floor;
        for (const id of s.sent.keys()) if (id <= floor) s.sent.delete(id);
        if (s.sessionId && now - s.checkedAt > SESSION_CHECK_MS) toCheck.push(s);
      }
    }
    if (toCheck.length) await this.checkSessions(toCheck).catch(() => undefined);
  }

  /** Close streams whose session ended; the browser's reconnect then meets 401 and stops. */
  private async checkSessions(list: Stream[]): Promise<void> {
    const now = this.deps.clock.now();
    const idleSince = new Date(now.getTime() - this.deps.config.sessionIdleMinutes * 60_000);
    const ids = [...new Set(list.map((s) => s.sessionId as string))];
    const alive = new Set((await this.deps.db.select({ id: sessions.id }).from(sessions)
      .where(and(inArray(sessions.id, ids), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, idleSince)))).map((r) => r.id));
    for (const s of list) {
      s.checkedAt = Date.now();
      if (!alive.has(s.sessionId as string)) s.end();
    }
  }

  private add(s: Stream): void {
    let set = this.streams.get(s.userId);
    if (!set) this.streams.set(s.userId, (set = new Set()));
    // a user with many tabs: the oldest stream gives way
    if (set.size >= MAX_STREAMS_PER_USER) set.values().next().value?.end();
    set.add(s);
  }

  private remove(s: Stream): void {
    const set = this.streams.get(s.userId);
    set?.delete(s);
    if (set && set.size === 0) this.streams.delete(s.userId);
    this.dirty.delete(s);
  }

  /** Serve GET /api/v1/notifications/stream for a signed-in user until either side closes it. */
  async serve(req: FastifyRequest, reply: FastifyReply, userId: string, sessionId: string | null): Promise<void> {
    // the browser resends the last id it saw when it reconnects: deliver what it missed
    const header = req.headers['last-event-id'];
    const lastEventId = typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : null;
    let floor = lastEventId;
    if (floor === null) {
      const [r] = await this.deps.db.select({ id: max(notifications.id) }).from(notifications).where(eq(notifications.userId, userId));
      floor = r?.id ?? 0;
    }

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
      'x-request-id': req.id,
    });
    let ended = false;
    const stream: Stream = {
      userId, sessionId, floor, sent: new Map(), checkedAt: Date.now(),
      write: (chunk) => {
        if (ended || res.writableEnded || res.destroyed) return;
        // a reader that does not read is dropped rather than buffered without end
        if (res.writableLength > MAX_BUFFERED_BYTES) return stream.end();
        res.write(chunk);
      },
      end: () => {
        if (ended) return;
        ended = true;
        this.remove(stream);
        if (!res.writableEnded) res.end();
      },
    };
    res.on('close', () => stream.end());
    if (!this.running) return stream.end();
    res.write('retry: 5000\n: connected\n\n');
    this.add(stream);
    // anything committed between reading the floor and registering the stream
    this.signal(userId);
  }
}

function event(n: NotificationDto): string {
  return `id: ${n.id}\nevent: notification\ndata: ${JSON.stringify(n)}\n\n`;
}
