import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/project-root.js';

const dir = mkdtempSync(join(tmpdir(), 'cahp-server-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts src/server.ts in its own process and resolves once it prints its URL. */
function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/server.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, url, exited, output: () => output };
}

describe('server process', () => {
  it('migrates a new database, serves, prints how to sign in, and exits 0 on SIGTERM within 10 s', async () => {
    const server = startServer({ DATABASE_URL: `sqlite:${join(dir, 'a', 'db.sqlite')}`, DEMO: '0' });
    const url = await server.url;
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(server.output()).toContain('/setup');
    // A request in flight when SIGTERM arrives still gets its answer: its body is only half sent at that moment.
    const { request } = await import('node:http');
    const answered = new Promise<number>((resolve, reject) => {
      const req = request(`${url}/login`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '20' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('email=a%40b.test&p');
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => req.end('w='), 300);
      }, 300);
    });
    const started = Date.now();
    expect(await answered).toBe(403); // answered (no CSRF token), not dropped
    expect(await server.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 45_000);

  it('fails fast naming a bad configuration variable', async () => {
    const server = startServer({ PORT: 'not-a-port' });
    expect(await server.exited).toBe(2);
    expect(server.output()).toContain('PORT');
  }, 30_000);
});
