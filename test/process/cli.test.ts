import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { createDatabase } from '../../src/storage/database.js';

const dir = mkdtempSync(join(tmpdir(), 'cahp-cli-'));
const dbFile = join(dir, 'cli.sqlite');

async function cli(...args: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await runCli(args, (line) => lines.push(line));
  return { code, output: lines.join('\n') };
}

describe('operator CLI', () => {
  beforeAll(() => {
    process.env.DATABASE_URL = `sqlite:${dbFile}`;
    process.env.ARGON2_MEMORY_KIB = '1024';
    process.env.ARGON2_PASSES = '1';
    process.env.LOG_LEVEL = 'silent';
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints help with every command and the environment variables', async () => {
    const { code, output } = await cli('help');
    expect(code).toBe(0);
    for (const command of ['create-admin', 'create-api-token', 'migrate', 'backup', 'DATABASE_URL', 'PORT']) expect(output).toContain(command);
  });

  it('migrates, then reports the database up to date', async () => {
    const first = await cli('migrate');
    expect(first.code).toBe(0);
    expect(first.output).toMatch(/Applied \d+ migration/);
    expect((await cli('migrate')).output).toBe('The database is up to date.');
  });

  it('creates an administrator, refusing short passwords and duplicate e-mails', async () => {
    expect((await cli('create-admin', '--email', 'ops@bank.test')).code).toBe(2);
    const short = await cli('create-admin', '--email', 'ops@bank.test', '--password', 'short');
    expect(short.code).toBe(1);
    expect(short.output).toMatch(/10 characters/);
    const ok = await cli('create-admin', '--email', 'Ops@Bank.test', '--password', 'a long enough passphrase', '--name', 'Ops');
    expect(ok.code).toBe(0);
    expect(ok.output).toContain('ops@bank.test');
    const dup = await cli('create-admin', '--email', 'ops@bank.test', '--password', 'a long enough passphrase');
    expect(dup.code).toBe(1);
    const db = createDatabase({ url: `sqlite:${dbFile}` });
    const users = await db('users').select('email', 'role', 'status');
    await db.destroy();
    expect(users).toEqual([{ email: 'ops@bank.test', role: 'admin', status: 'active' }]);
  });

  it('creates an API token, printed once and stored only as a hash', async () => {
    const missing = await cli('create-api-token', '--email', 'nobody@bank.test');
    expect(missing.code).toBe(2);
    const { code, output } = await cli('create-api-token', '--email', 'ops@bank.test', '--name', 'nightly job');
    expect(code).toBe(0);
    const token = /cahp_[A-Za-z0-9_-]{43}/.exec(output)?.[0];
    expect(token).toBeTruthy();
    const db = createDatabase({ url: `sqlite:${dbFile}` });
    const rows = await db('api_tokens').select('*');
    await db.destroy();
    expect(rows).toHaveLength(1);
    expect(rows[0].name).toBe('nightly job');
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('backs up the database online into a new file that holds the same data', async () => {
    const target = join(dir, 'backups', 'copy.sqlite');
    const { code } = await cli('backup', target);
    expect(code).toBe(0);
    expect(existsSync(target)).toBe(true);
    const copy = createDatabase({ url: `sqlite:${target}` });
    const users = await copy('users').select('email');
    const check = await copy.raw('PRAGMA integrity_check');
    await copy.destroy();
    expect(users).toEqual([{ email: 'ops@bank.test' }]);
    expect(check[0].integrity_check).toBe('ok');
    expect((await cli('backup', target)).code).toBe(2); // never overwrites
  });

  it('rejects an unknown command', async () => {
    const { code, output } = await cli('frobnicate');
    expect(code).toBe(2);
    expect(output).toContain('Unknown command');
  });
});
