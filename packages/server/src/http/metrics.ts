// Prometheus metrics at GET /metrics: HTTP traffic by route template (never a raw URL, which could
// carry ids), the Node process, the database pool, the background jobs, and the queues that tell
// whether the system keeps up (email outbox, unsealed audit entries, statistics to recount,
// overdue tasks). No personal data is ever a label.
//
// Access: with QORGAU_METRICS_TOKEN set, a bearer token; without it, loopback addresses only
// (a Prometheus on the same host, or behind nginx which does not forward /metrics).
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import client from 'prom-client';
import { sql } from 'drizzle-orm';
import { rows } from '../db/client.ts';
import type { Deps } from '../deps.ts';
import { JOB_STATS } from '../jobs.ts';
import { errorBody } from './errors.ts';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

function allowed(req: FastifyRequest, token: string | null): boolean {
  if (token) {
    const given = Buffer.from(req.headers.authorization?.replace(/^Bearer\s+/i, '') ?? '');
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  return LOOPBACK.test(req.socket.remoteAddress ?? '');
}

export function metricsRoutes(app: FastifyInstance, deps: Deps): void {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'qorgau_' });
  const registers = [registry];

  const requests = new client.Counter({
    name: 'qorgau_http_requests_total', help: 'HTTP requests by method, route template and status', labelNames: ['method', 'route', 'status'], registers,
  });
  const duration = new client.Histogram({
    name: 'qorgau_http_request_duration_seconds', help: 'HTTP request duration by method and route template', labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers,
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  new client.Gauge({
    name: 'qorgau_db_pool_connections', help: 'PostgreSQL pool connections by state (absent on the embedded database)', labelNames: ['state'], registers,
    collect() {
      const pool = deps.database.pool;
      if (!pool) return;
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  new client.Gauge({
    name: 'qorgau_job_last_run_timestamp_seconds', help: 'When each background job last finished', labelNames: ['job'], registers,
    collect() { for (const [job, s] of JOB_STATS) if (s.lastRunAt) this.set({ job }, s.lastRunAt / 1000); },
  });
  new client.Gauge({
    name: 'qorgau_job_last_duration_seconds', help: 'How long each background job last ran', labelNames: ['job'], registers,
    collect() { for (const [job, s] of JOB_STATS) this.set({ job }, s.lastDurationMs / 1000); },
  });
  new client.Gauge({
    name: 'qorgau_job_failures_total', help: 'Failed runs of each background job since the process started', labelNames: ['job'], registers,
    collect() { for (const [job, s] of JOB_STATS) this.set({ job }, s.failures); },
  });
  new client.Gauge({
    name: 'qorgau_queue_depth', help: 'Work waiting: email_outbox (unsent emails), audit_unsealed (entries not yet in the hash chain), stats_dirty (months to recount), tasks_overdue (open tasks past due)',
    labelNames: ['queue'], registers,
    async collect() {
      const [r] = await rows<{ outbox: number; unsealed: number; dirty: number; overdue: number }>(deps.db, sql`select
        (select count(*)::int from email_outbox where sent_at is null) as outbox,
        (select count(*)::int from audit_log where chain_seq is null) as unsealed,
        (select count(*)::int from stats_dirty) as dirty,
        (select count(*)::int from tasks where status in ('open', 'accepted') and due_at < ${deps.clock.now().toISOString()}::timestamptz) as overdue`);
      if (!r) return;
      this.set({ queue: 'email_outbox' }, r.outbox);
      this.set({ queue: 'audit_unsealed' }, r.unsealed);
      this.set({ queue: 'stats_dirty' }, r.dirty);
      this.set({ queue: 'tasks_overdue' }, r.overdue);
    },
  });

  const token = deps.config.metricsToken;
  app.get('/metrics', { schema: { hide: true }, config: { rateLimit: false } }, async (req, reply) => {
    if (!allowed(req, token)) return reply.code(403).send(errorBody('forbidden', 'Metrics are served to the monitoring system only.'));
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
