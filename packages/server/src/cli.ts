// `npm run qorgau -- <command>`: operations that need no HTTP server. With the embedded
// database, stop the server first (PGlite allows one process at a time).
import { ensureAdmin } from './bootstrap.ts';
import { parseArgs } from 'node:util';
import { ROLES, type AGENCY_TYPES } from '@qorgau/core';
import { sealAll, verifyAudit } from './audit/chain.ts';
import { systemClock } from './clock.ts';
import { ConfigError, loadConfig } from './config/config.ts';
import type { Deps } from './deps.ts';
import { seedDemo } from './demo/seed.ts';
import { AppError } from './http/errors.ts';
import { createLogger, openAndMigrate } from './server.ts';
import { createUserBody, insertUser } from './users/service.ts';
import { writeAudit } from './audit/audit.ts';
import { rebuildRollup } from './stats/rollup.ts';
import { runLinkage } from './linkage/run.ts';
import { BackupError, createBackup, restoreBackup } from './backup/backup.ts';

const HELP = `Usage: npm run qorgau -- <command> [options]

Commands:
  migrate                      apply database migrations and load changed reference data
  user:create --username U --password P --role R [--full-name N] [--agency A]
              [--region KZ-75] [--district 751110000] [--school <uuid>]
                               create a user (roles: ${ROLES.join(', ')})
  demo:load [--scale 1]        load demo users and data (once per database)
  audit:verify                 check the audit hash chain; exits 1 and names the entry if broken
  stats:rebuild                recount the statistics rollup from the register (after a bulk load or restore)
  linkage:run                  record linkage over the register: store likely duplicate persons for review
  backup --out DIR             write a backup (every table, the schema version, the attachments) into DIR
  restore --from DIR [--force] replace this instance's data with a backup; refuses an instance in use unless --force
  help                         this text

Configuration comes from the environment (DATABASE_URL, QORGAU_DATA_DIR, …; see README).`;

async function withDeps<T>(fn: (deps: Deps) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const database = await openAndMigrate(config, log);
  try {
    return await fn({ config, database, db: database.db, clock: systemClock, log });
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate':
      await withDeps(async (deps) => process.stdout.write(`Migrated (${deps.database.kind}).\n`));
      return 0;
    case 'user:create': {
      const { values } = parseArgs({ args: rest, options: {
        username: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' }, 'full-name': { type: 'string' },
        agency: { type: 'string' }, region: { type: 'string' }, district: { type: 'string' }, school: { type: 'string' },
      } });
      const parsed = createUserBody.safeParse({
        username: values.username, password: values.password ?? '', role: values.role, fullName: values['full-name'] ?? values.username,
        agencyType: values.agency as (typeof AGENCY_TYPES)[number] | undefined, regionCode: values.region, districtCode: values.district, schoolId: values.school,
      });
      if (!parsed.success) {
        process.stderr.write(`Invalid options:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}\n`);
        return 2;
      }
      const user = await withDeps((deps) => deps.db.transaction(async (tx) => {
        const now = deps.clock.now();
        const u = await insertUser(tx, parsed.data, now);
        await writeAudit(tx, { userId: null, username: 'cli', ip: null, requestId: null, at: now }, { action: 'create', entityType: 'user', entityId: u.id, details: { role: u.role } });
        return u;
      }));
      process.stdout.write(`Created user ${user.username} (${user.role}), id ${user.id}\n`);
      return 0;
    }
    case 'demo:load': {
      const { values } = parseArgs({ args: rest, options: { scale: { type: 'string' } } });
      const scale = values.scale === undefined ? 1 : Number(values.scale);
      if (!Number.isFinite(scale) || scale <= 0) {
        process.stderr.write('--scale must be a positive number\n');
        return 2;
      }
      const loaded = await withDeps(async (deps) => {
        // as on the server's first start: the administrator exists before the demo (some demo records name an author)
        const admin = await ensureAdmin(deps);
        if (admin.generatedPassword) process.stderr.write(`\n  Created user "admin" with password: ${admin.generatedPassword}\n  Change it after signing in.\n\n`);
        return seedDemo(deps, { scale });
      });
      process.stdout.write(loaded ? 'Demo data loaded.\n' : 'Demo data was already loaded.\n');
      return 0;
    }
    case 'audit:verify': {
      const result = await withDeps(async (deps) => {
        await sealAll(deps.db);
        return verifyAudit(deps.db);
      });
      if (result.ok) {
        process.stdout.write(`Audit chain intact: ${result.checked} entries. Head hash ${result.headHash ?? '(empty)'}\n`);
        return 0;
      }
      process.stdout.write(`AUDIT CHAIN BROKEN after ${result.checked} good entries: ${result.reason}\n`);
      return 1;
    }
    case 'stats:rebuild': {
      const { chunks } = await withDeps((deps) => rebuildRollup(deps, (line) => process.stdout.write(`recounted ${line}\n`)));
      process.stdout.write(`Statistics rollup rebuilt: ${chunks} region-years.\n`);
      return 0;
    }
    case 'linkage:run': {
      const run = await withDeps((deps) => runLinkage(deps, { audit: { userId: null, username: 'cli', ip: null, requestId: null, at: deps.clock.now() } }));
      process.stdout.write(`Linkage run ${run.id}: ${run.persons} persons, ${run.pairsCompared} pairs compared, ${run.candidates} candidate pairs (${run.likely} likely; ${run.added} new, ${run.removed} no longer found) in ${((run.ms.read + run.ms.link + run.ms.write) / 1000).toFixed(1)} s.\n`);
      return 0;
    }
    case 'backup': {
      const { values } = parseArgs({ args: rest, options: { out: { type: 'string' } } });
      if (!values.out) {
        process.stderr.write('--out DIR is required\n');
        return 2;
      }
      const out = values.out;
      const result = await withDeps((deps) => createBackup(deps.database, { outDir: out, dataDir: deps.config.dataDir }));
      process.stdout.write(`Backup written to ${result.dir}: ${result.tables} tables, ${result.rows} rows, ${result.attachments} attachments.\n`);
      return 0;
    }
    case 'restore': {
      const { values } = parseArgs({ args: rest, options: { from: { type: 'string' }, force: { type: 'boolean' } } });
      if (!values.from) {
        process.stderr.write('--from DIR is required\n');
        return 2;
      }
      const from = values.from;
      const result = await withDeps(async (deps) => {
        const restored = await restoreBackup(deps.database, { fromDir: from, dataDir: deps.config.dataDir, force: values.force ?? false });
        await writeAudit(deps.db, { userId: null, username: 'cli', ip: null, requestId: null, at: deps.clock.now() }, {
          action: 'update', entityType: 'backup', entityId: null, details: { restored: true, tables: restored.tables, rows: restored.rows },
        });
        return restored;
      });
      process.stdout.write(`Restored ${result.tables} tables, ${result.rows} rows, ${result.attachments} attachments. Run audit:verify to check the audit chain.\n`);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(`${HELP}\n`);
      return 0;
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${HELP}\n`);
      return 2;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof ConfigError || err instanceof AppError || err instanceof BackupError) {
    process.stderr.write(`${err.message}${err instanceof AppError && err.details.length ? `\n${err.details.map((d) => `  ${d.path}: ${d.message}`).join('\n')}` : ''}\n`);
    process.exitCode = 2;
  } else throw err;
}
