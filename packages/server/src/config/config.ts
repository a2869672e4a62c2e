// Configuration is read and validated once, here; nothing else reads process.env.
import path from 'node:path';
import { z } from 'zod';

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  QORGAU_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  QORGAU_DATABASE_POOL: z.coerce.number().int().min(1).max(200).default(10),
  QORGAU_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  QORGAU_DEMO: flag.default(false),
  QORGAU_DEMO_SCALE: z.coerce.number().min(0).max(1000).default(1),
  QORGAU_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  QORGAU_COOKIE_SECURE: flag.default(false),
  QORGAU_TRUST_PROXY: flag.default(false),
  QORGAU_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(720),
  QORGAU_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(72),
  QORGAU_METRICS_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  QORGAU_WEB_DIR: z.string().optional(),
  QORGAU_BACKGROUND_JOBS: flag.default(true),
  QORGAU_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, 'must be an smtp:// or smtps:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  QORGAU_MAIL_FROM: z.string().min(3).max(200).default('Qorgau <no-reply@qorgau.local>'),
  QORGAU_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/\s]+(\/\S*)?$/, 'must be an http:// or https:// URL')
    .default('http://localhost:8080')
    .transform((v) => v.replace(/\/+$/, '')),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePool: number;
  adminPassword: string | undefined;
  demo: boolean;
  demoScale: number;
  logLevel: z.infer<typeof schema>['QORGAU_LOG_LEVEL'];
  cookieSecure: boolean;
  trustProxy: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** bearer token for GET /metrics; without it only loopback addresses may read metrics */
  metricsToken: string | null;
  webDir: string;
  backgroundJobs: boolean;
  /** SMTP server for notification emails; unset: emails stay queued in the outbox */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** the address users open Qorgau at, for links in emails (no trailing slash) */
  publicUrl: string;
  version: string;
};

export class ConfigError extends Error {}

const defaultWebDir = path.resolve(import.meta.dirname, '../../../web/dist');
export const VERSION = '0.1.0';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.QORGAU_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePool: e.QORGAU_DATABASE_POOL,
    adminPassword: e.QORGAU_ADMIN_PASSWORD,
    demo: e.QORGAU_DEMO,
    demoScale: e.QORGAU_DEMO_SCALE,
    logLevel: e.QORGAU_LOG_LEVEL,
    cookieSecure: e.QORGAU_COOKIE_SECURE,
    trustProxy: e.QORGAU_TRUST_PROXY,
    sessionIdleMinutes: e.QORGAU_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.QORGAU_SESSION_MAX_HOURS,
    metricsToken: e.QORGAU_METRICS_TOKEN ?? null,
    webDir: e.QORGAU_WEB_DIR ? path.resolve(e.QORGAU_WEB_DIR) : defaultWebDir,
    backgroundJobs: e.QORGAU_BACKGROUND_JOBS,
    smtpUrl: e.QORGAU_SMTP_URL,
    mailFrom: e.QORGAU_MAIL_FROM,
    publicUrl: e.QORGAU_PUBLIC_URL,
    version: VERSION,
  };
}
