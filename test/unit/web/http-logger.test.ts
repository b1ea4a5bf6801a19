import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createHttpLogger, redactUrl } from '../../../src/web/logger.js';

function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      cb();
    },
  });
  const logger = pino({ level }, stream);
  const app = express();
  app.use(createHttpLogger(logger));
  app.use(express.json());
  app.get('/healthz', (_req, res) => res.json({ ok: true }));
  app.get('/pages/:id', (req, res) => res.send(`page ${req.params.id}`));
  app.post('/e/:token/autosave', (_req, res) => res.status(201).json({ saved: 1 }));
  app.get('/boom', () => {
    throw new Error('boom');
  });
  app.use((_err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => void res.status(500).send('failed'));
  // Lines are written when the answer has been sent, a moment after the client has it.
  const settled = () => new Promise((resolve) => setTimeout(resolve, 20));
  return { app, lines, settled };
}

const TOKEN = 'a'.repeat(43);

describe('access log', () => {
  it('logs one line per request with method, redacted path, status and time, and gives every answer a request id', async () => {
    const { app, lines, settled } = capture();
    const res = await request(app).post(`/e/${TOKEN}/autosave?lang=en&token=secret1`).send({ password: 'hunter2', judgments: [] });
    expect(res.status).toBe(201);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    await settled();
    expect(lines).toHaveLength(1);
    const line = lines[0] as { level: number; msg: string; req: { id: string; method: string; url: string }; res: { statusCode: number }; responseTime: number };
    expect(line.level).toBe(30);
    expect(line.msg).toBe('request completed');
    expect(line.req).toEqual({ id: res.headers['x-request-id'], method: 'POST', url: '/e/[redacted]/autosave?lang=en&token=[redacted]' });
    expect(line.res).toEqual({ statusCode: 201 });
    expect(line.responseTime).toBeGreaterThanOrEqual(0);
    const text = JSON.stringify(lines);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('secret1');
  });

  it('logs 4xx as a warning and 5xx as an error, and leaves health checks out', async () => {
    const { app, lines, settled } = capture();
    await request(app).get('/healthz').expect(200);
    await request(app).get('/missing').expect(404);
    await request(app).get('/boom').expect(500);
    await request(app).get('/pages/7').expect(200);
    await settled();
    expect(lines.map((l) => [l.level, (l.req as { url: string }).url, (l.res as { statusCode: number }).statusCode])).toEqual([
      [40, '/missing', 404],
      [50, '/boom', 500],
      [30, '/pages/7', 200],
    ]);
  });

  it('writes nothing below the configured level, but still sets the request id', async () => {
    const { app, lines, settled } = capture('warn');
    const ok = await request(app).get('/pages/1').expect(200);
    await request(app).get('/missing').expect(404);
    await settled();
    expect(ok.headers['x-request-id']).toBeTruthy();
    expect(lines.map((l) => (l.res as { statusCode: number }).statusCode)).toEqual([404]);
  });

  it('redacts long opaque path segments and credential-like query parameters only', () => {
    expect(redactUrl(`/s/${TOKEN}/submit`)).toBe('/s/[redacted]/submit');
    expect(redactUrl('/rounds/12?tab=experts')).toBe('/rounds/12?tab=experts');
    expect(redactUrl('/x?api_key=1&page=2&password=p')).toBe('/x?api_key=[redacted]&page=2&password=[redacted]');
  });
});
