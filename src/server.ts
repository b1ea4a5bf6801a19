import type { Server } from 'node:http';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { createServices } from './services.js';
import { loadOrCreateSessionSecret } from './storage/app-settings.js';
import { createDatabase } from './storage/database.js';
import { seedDemoIfEmpty } from './storage/demo/seed-demo.js';
import { migrateLatest } from './storage/migrate.js';
import { createLogger } from './web/logger.js';

/** Entry point: configuration → database → migrations → demo → app → listen; graceful shutdown on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  const logger = createLogger(config.logLevel);
  const db = createDatabase({ url: config.databaseUrl, acquireTimeoutMs: config.dbAcquireTimeoutMs, busyTimeoutMs: config.sqliteBusyTimeoutMs });
  const applied = await migrateLatest(db);
  if (applied.length) logger.info({ migrations: applied.length }, 'database migrated');
  const services = createServices({ db, config });
  if (config.demo) await seedDemoIfEmpty(services, logger);
  const sessionSecret = await loadOrCreateSessionSecret(db);
  const { app, sessionStore } = createApp({ config, services, logger, sessionSecret });

  const server: Server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  const url = config.publicUrl || `http://${host}:${port}`;
  const needsSetup = await services.users.needsSetup();
  // Plain console output for the person who ran `npm start`; structured logs go through pino.
  console.log(`\ncredit-ahp is running at ${url}`);
  console.log(`Database: ${config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl : 'PostgreSQL'}`);
  if (needsSetup) {
    console.log(`To sign in, first create the administrator account:`);
    console.log(`  open ${url}/setup   (or: npm run cli -- create-admin --email you@bank.example --password '<10+ characters>')`);
  } else {
    console.log(`Sign in at ${url}/login`);
  }
  console.log('');

  const pruner = setInterval(() => void sessionStore.pruneExpired().catch(() => undefined), 3_600_000);
  pruner.unref();

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    clearInterval(pruner);
    // Stop accepting, close idle keep-alive sockets now, and the rest as soon as their response is sent.
    server.close(() => {
      db.destroy()
        .catch(() => undefined)
        .finally(() => {
          logger.info('stopped');
          process.exit(0);
        });
    });
    // Keep-alive connections become idle once their last response is sent: close them as they do.
    server.closeIdleConnections();
    const idleCloser = setInterval(() => server.closeIdleConnections(), 100);
    idleCloser.unref();
    const force = setTimeout(() => {
      logger.warn('requests still open after the shutdown timeout; closing them');
      server.closeAllConnections();
      void db.destroy().finally(() => process.exit(0));
    }, config.shutdownTimeoutMs - 1000);
    force.unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('credit-ahp failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
