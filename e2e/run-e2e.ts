// Browser smoke tests: starts its own Qorgau server (embedded database in a fresh temporary
// directory, demo data), waits until it answers, runs e2e/tests/*.test.ts with `node --test`
// against it, stops it, and exits with the tests' exit code.
//
//   npm test -w @qorgau/e2e [-- file-filter…]
//
// Environment (all optional): QORGAU_ADMIN_PASSWORD (else a fixed test password),
// QORGAU_E2E_DATABASE_URL (run the server on PostgreSQL instead of PGlite — that database
// must be empty), QORGAU_CHROMIUM (browser binary, default /usr/bin/chromium),
// QORGAU_DEMO_SCALE (default 0.1), QORGAU_E2E_KEEP=1 (keep the server's data directory and log).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const webDir = path.join(root, 'packages/web');
const testsDir = path.join(import.meta.dirname, 'tests');

/** Node 24 runs the TypeScript sources; npm puts it first on PATH, else take it from node_modules. */
function nodeBinary(): string {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 24) return process.execPath;
  const local = path.join(root, 'node_modules/node/bin/node');
  if (fs.existsSync(local)) return local;
  throw new Error(`Node 24 is needed (this is ${process.version}); run through npm so that the node devDependency is used`);
}

function newestMtime(p: string): number {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** The server serves packages/web/dist: build it when it is missing or older than its sources. */
function ensureWebBuilt(): void {
  const built = fs.statSync(path.join(webDir, 'dist/index.html'), { throwIfNoEntry: false });
  const sources = Math.max(
    newestMtime(path.join(webDir, 'src')),
    newestMtime(path.join(webDir, 'index.html')),
    newestMtime(path.join(webDir, 'vite.config.ts')),
    newestMtime(path.join(root, 'packages/core/src')),
  );
  if (built && built.mtimeMs >= sources) return;
  console.log(built ? 'e2e: the web build is older than its sources; rebuilding' : 'e2e: building the web app');
  const result = spawnSync('npm', ['run', 'build', '-w', '@qorgau/web'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build -w @qorgau/web failed');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function waitForHealth(baseUrl: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`the server exited (${server.exitCode ?? server.signalCode}) before it answered`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5000) });
      if (response.ok) {
        const body = (await response.json()) as { status?: string; database?: string };
        if (body.status === 'ok') {
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          console.log(`e2e: server ready at ${baseUrl} after ${seconds} s (database: ${body.database ?? '?'})`);
          return;
        }
      }
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await sleep(300);
  }
  throw new Error(`the server did not answer /api/health within ${timeoutMs / 1000} s (${lastError})`);
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), 15_000);
  });
  const stopped = await Promise.race([exited.then(() => true), timedOut]);
  clearTimeout(timer);
  if (!stopped) {
    console.error('e2e: the server did not stop within 15 s; killing it');
    server.kill('SIGKILL');
    await exited;
  }
}

function testFiles(filters: string[]): string[] {
  const all = fs
    .readdirSync(testsDir)
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => path.join(testsDir, f));
  return filters.length ? all.filter((f) => filters.some((needle) => f.includes(needle))) : all;
}

async function main(): Promise<number> {
  const node = nodeBinary();
  const files = testFiles(process.argv.slice(2));
  if (!files.length) {
    console.error(`e2e: no test files in ${testsDir}`);
    return 1;
  }
  ensureWebBuilt();

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgau-e2e-'));
  const logFile = path.join(dataDir, 'server.log');
  const adminPassword = process.env.QORGAU_ADMIN_PASSWORD ?? 'E2e-Admin-Password-2026';

  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    QORGAU_DATA_DIR: path.join(dataDir, 'data'),
    QORGAU_DEMO: '1',
    // the demo users are what the tests need; a tenth of the demo register starts a minute sooner
    QORGAU_DEMO_SCALE: process.env.QORGAU_DEMO_SCALE ?? '0.1',
    QORGAU_ADMIN_PASSWORD: adminPassword,
    QORGAU_LOG_LEVEL: process.env.QORGAU_LOG_LEVEL ?? 'warn',
    QORGAU_COOKIE_SECURE: '0',
  };
  // a fresh embedded database unless PostgreSQL is asked for explicitly: the suite's DATABASE_URL
  // points at a shared database that must not receive a second set of demo data
  delete serverEnv.DATABASE_URL;
  if (process.env.QORGAU_E2E_DATABASE_URL) serverEnv.DATABASE_URL = process.env.QORGAU_E2E_DATABASE_URL;

  const log = fs.openSync(logFile, 'a');
  console.log(`e2e: starting the server on port ${port} (data in ${dataDir})`);
  const server = spawn(node, [path.join(root, 'packages/server/src/main.ts')], {
    cwd: root,
    env: serverEnv,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);

  let code = 1;
  let stopping = false;
  const interrupted = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    void stopServer(server).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);

  try {
    await waitForHealth(baseUrl, server, 180_000);
    const tests = spawn(
      node,
      ['--test', '--test-concurrency=1', '--test-timeout=300000', ...files],
      {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, QORGAU_E2E_URL: baseUrl, QORGAU_ADMIN_PASSWORD: adminPassword },
      },
    );
    code = await new Promise<number>((resolve) => {
      tests.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
      tests.on('error', (error) => {
        console.error(`e2e: could not run node --test: ${error.message}`);
        resolve(1);
      });
    });
  } catch (error) {
    console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
    code = 1;
  } finally {
    stopping = true;
    const stopStarted = Date.now();
    await stopServer(server);
    console.log(`e2e: server stopped in ${((Date.now() - stopStarted) / 1000).toFixed(1)} s`);
    if (code !== 0) {
      const lines = tail(logFile, 60);
      if (lines.trim()) console.error(`e2e: last lines of the server log:\n${lines}`);
    }
    if (process.env.QORGAU_E2E_KEEP === '1') console.log(`e2e: kept ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return code;
}

process.exitCode = await main();
