import { ConfigError, loadConfig } from './config/config.ts';
import { startServer } from './server.ts';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  throw err;
}

let running;
try {
  running = await startServer(config);
} catch (err) {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE') {
    process.stderr.write(`Port ${config.port} is already in use. Stop the other program or set PORT to a free port.\n`);
    process.exit(1);
  }
  throw err;
}
running.deps.log.info({ port: config.port, database: running.deps.database.kind }, 'Qorgau is running');

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  running.deps.log.info({ signal }, 'shutting down');
  running.stop().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
