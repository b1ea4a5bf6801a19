import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CONFIG_DOCS, loadConfig } from './config.js';
import { CATALOGUES } from './i18n/catalogue.js';
import { createTranslator } from './i18n/translator.js';
import { createServices } from './services.js';
import { createDatabase, isSqlite, sqliteFilename } from './storage/database.js';
import { migrateLatest } from './storage/migrate.js';

const HELP = `credit-ahp operator commands — npm run cli -- <command> [options]

  create-admin --email <e-mail> --password <password> [--name <name>]
      Create an administrator account (works at any time; the first-run /setup page is the other way).
  create-api-token --email <e-mail> [--name <token name>]
      Create an API token for an existing active account and print it once.
  migrate
      Apply pending database migrations (npm start does this by itself).
  backup <file>
      Write a consistent copy of the SQLite database to <file> while the application keeps running.
      (On PostgreSQL use pg_dump.)
  help
      Show this help.

The database is chosen by DATABASE_URL (default sqlite:data/credit-ahp.sqlite).`;

/** Parses `--key value` pairs and positional arguments. */
export function parseArgs(argv: string[]): { command: string | undefined; options: Record<string, string>; positional: string[] } {
  const [command, ...rest] = argv;
  const options: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq > 0) options[arg.slice(2, eq)] = arg.slice(eq + 1);
      else {
        const value = rest[i + 1];
        if (value === undefined || value.startsWith('--')) throw new UsageError(`Option ${arg} needs a value.`);
        options[arg.slice(2)] = value;
        i++;
      }
    } else positional.push(arg);
  }
  return { command, options, positional };
}

class UsageError extends Error {}

function required(options: Record<string, string>, name: string): string {
  const value = options[name];
  if (!value) throw new UsageError(`Missing --${name}.`);
  return value;
}

export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const { command, options, positional } = parseArgs(argv);
  if (!command || command === 'help' || command === '--help') {
    out(HELP);
    out('\nEnvironment variables:');
    for (const v of CONFIG_DOCS) out(`  ${v.name.padEnd(30)} ${v.default.padEnd(32)} ${v.meaning}`);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  const db = createDatabase({ url: config.databaseUrl, acquireTimeoutMs: config.dbAcquireTimeoutMs, busyTimeoutMs: config.sqliteBusyTimeoutMs });
  try {
    switch (command) {
      case 'migrate': {
        const applied = await migrateLatest(db);
        out(applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}` : 'The database is up to date.');
        return 0;
      }
      case 'create-admin': {
        await migrateLatest(db);
        const services = createServices({ db, config });
        const user = await services.users.createAdmin({ email: required(options, 'email').toLowerCase(), password: required(options, 'password'), name: options.name });
        out(`Administrator ${user.email} created (id ${user.id}).`);
        return 0;
      }
      case 'create-api-token': {
        await migrateLatest(db);
        const services = createServices({ db, config });
        const email = required(options, 'email').toLowerCase();
        const found = (await services.users.list()).find((u) => u.email === email && u.status === 'active');
        if (!found) throw new UsageError(`No active account with the e-mail ${email}.`);
        const created = await services.apiTokens.create({ id: found.id }, options.name ?? 'cli token', 'cli', null);
        out(`API token for ${email} (shown once, store it safely):`);
        out(created.token);
        return 0;
      }
      case 'backup': {
        const target = positional[0];
        if (!target) throw new UsageError('Usage: backup <file>');
        if (!isSqlite(db)) throw new UsageError('backup copies the SQLite file; on PostgreSQL use pg_dump.');
        const file = resolve(process.cwd(), target);
        if (existsSync(file)) throw new UsageError(`${file} already exists; choose a new file name.`);
        if (sqliteFilename(config.databaseUrl) === ':memory:') throw new UsageError('An in-memory database cannot be backed up.');
        mkdirSync(dirname(file), { recursive: true });
        // VACUUM INTO writes a transactionally consistent copy while other connections keep reading and writing.
        await db.raw('VACUUM INTO ?', [file]);
        out(`Backup written to ${file}`);
        return 0;
      }
      default:
        throw new UsageError(`Unknown command "${command}". Run: npm run cli -- help`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      out(`Error: ${err.message}`);
      return 2;
    }
    // Service errors carry message-catalogue keys; the CLI speaks English.
    const t = createTranslator(CATALOGUES, 'en');
    const e = err as { message?: string; fieldErrors?: Record<string, string> };
    const fields = e.fieldErrors ? Object.values(e.fieldErrors).map((key) => t(key)).join(' ') : '';
    out(`Error: ${fields || t(e.message ?? String(err))}`);
    return 1;
  } finally {
    await db.destroy();
  }
}

// Run when executed directly (node dist/src/cli.js or tsx src/cli.ts), not when imported by tests.
if (process.argv[1] && /cli\.(js|ts)$/.test(process.argv[1])) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
