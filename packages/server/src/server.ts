import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { ensureAdmin } from './bootstrap.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config/config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import type { Deps } from './deps.ts';
import { seedDemo } from './demo/seed.ts';
import { buildApp } from './http/app.ts';
import { startJobs } from './jobs.ts';

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream) {
  return pino({
    level: config.logLevel,
    base: { service: 'qorgau' },
    // belt and braces: these never belong in a log line
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'password', '*.password', 'narrative', '*.narrative', 'token'], censor: '[redacted]' },
  }, destination);
}

export type Running = { app: FastifyInstance; deps: Deps; stop(): Promise<void> };

export async function openAndMigrate(config: Config, log: Deps['log']): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePool });
  const { referenceLoaded } = await migrate(database);
  if (referenceLoaded.length) log.info({ referenceLoaded }, 'reference data loaded');
  return database;
}

export async function startServer(config: Config, opts: { clock?: Clock; listen?: boolean } = {}): Promise<Running> {
  const log = createLogger(config);
  const database = await openAndMigrate(config, log);
  const deps: Deps = { config, database, db: database.db, clock: opts.clock ?? systemClock, log };
  const admin = await ensureAdmin(deps);
  if (admin.generatedPassword) {
    // printed once, on the terminal, never through the logger
    process.stderr.write(`\n  Created user "admin" with password: ${admin.generatedPassword}\n  Change it after signing in.\n\n`);
  }
  if (config.demo) await seedDemo(deps, { scale: config.demoScale });
  const app = await buildApp(deps);
  const stopJobs = config.backgroundJobs ? startJobs(deps) : async () => undefined;
  if (opts.listen !== false) await app.listen({ port: config.port, host: config.host });
  return {
    app, deps,
    stop: async () => {
      await stopJobs();
      await app.close();
      await database.close();
    },
  };
}
