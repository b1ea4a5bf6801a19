import { describe, expect, it } from 'vitest';
import { ZodError, z } from 'zod';
import { DomainError } from '../../../src/domain/domain-error.js';
import { normaliseError } from '../../../src/web/error-handler.js';
import { ConflictError, ValidationError } from '../../../src/web/http-errors.js';
import { redactUrl } from '../../../src/web/logger.js';

const t = (key: string) => `T(${key})`;

describe('normaliseError', () => {
  it('turns a pool acquire timeout and SQLITE_BUSY into 503 with Retry-After', () => {
    const timeout = Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' });
    expect(normaliseError(timeout, t)).toMatchObject({ status: 503, retryAfter: 5, message: 'T(errors.busy)' });
    const busy = Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' });
    expect(normaliseError(busy, t)).toMatchObject({ status: 503, retryAfter: 5 });
  });

  it('maps a read-only database to 503 without leaking the driver message', () => {
    const readonly = Object.assign(new Error('SQLITE_READONLY: attempt to write a readonly database'), { code: 'SQLITE_READONLY' });
    const result = normaliseError(readonly, t);
    expect(result.status).toBe(503);
    expect(result.message).not.toContain('SQLITE');
  });

  it('maps body-parser errors, domain errors and typed HTTP errors', () => {
    expect(normaliseError({ type: 'entity.parse.failed', status: 400 }, t).status).toBe(400);
    expect(normaliseError({ type: 'entity.too.large', status: 413 }, t).status).toBe(413);
    expect(normaliseError(new DomainError('not-square', 'The matrix is not square.', { row: 2 }), t)).toMatchObject({
      status: 400,
      message: 'The matrix is not square.',
      details: { row: 2 },
    });
    expect(normaliseError(new ConflictError('x.y').with({ id: 3 }), t)).toMatchObject({ status: 409, message: 'T(x.y)' });
    const v = normaliseError(new ValidationError('errors.invalidInput', { email: 'validation.email' }), t);
    expect(v).toMatchObject({ status: 400, details: { fields: { email: 'T(validation.email)' } } });
    let zodError: ZodError | undefined;
    try {
      z.object({ a: z.number() }).parse({ a: 'x' });
    } catch (e) {
      zodError = e as ZodError;
    }
    expect(normaliseError(zodError, t)).toMatchObject({ status: 400, details: { issues: [{ path: 'a' }] } });
  });

  it('hides unexpected errors behind a generic 500 message', () => {
    const result = normaliseError(new TypeError("Cannot read properties of undefined (reading 'x') at select * from users"), t);
    expect(result).toEqual({ status: 500, message: 'T(errors.internal)', unexpected: true });
  });
});

describe('redactUrl (access logs never hold a credential)', () => {
  it('redacts 256-bit link tokens in paths and secret query parameters', () => {
    const token = 'A'.repeat(43);
    expect(redactUrl(`/e/${token}/autosave`)).toBe('/e/[redacted]/autosave');
    expect(redactUrl('/x?token=abc&page=2&api_key=k')).toBe('/x?token=[redacted]&page=2&api_key=[redacted]');
    expect(redactUrl('/studies/12/rounds?sort=asc')).toBe('/studies/12/rounds?sort=asc');
  });
});
