import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'cahp-server-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
