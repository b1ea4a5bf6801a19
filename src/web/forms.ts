import type { Response } from 'express';
import { z, type ZodIssue, type ZodType, type ZodTypeDef } from 'zod';
import { HttpError, ValidationError } from './http-errors.js';

/** Message-catalogue key for a zod issue, so form errors read the same in every language. */
export function issueMessageKey(issue: ZodIssue): string {
  if (issue.message && /^[a-z]+\.[A-Za-z.]+$/.test(issue.message)) return issue.message; // already a catalogue key
  switch (issue.code) {
    case 'too_small':
      return issue.type === 'string' && issue.minimum === 1 ? 'validation.required' : 'validation.tooSmall';
    case 'too_big':
      return 'validation.tooBig';
    case 'invalid_string':
      return issue.validation === 'email' ? 'validation.email' : 'validation.invalid';
    case 'invalid_enum_value':
      return 'validation.choose';
    case 'invalid_type':
      return issue.received === 'undefined' ? 'validation.required' : 'validation.invalid';
    default:
      return 'validation.invalid';
  }
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

/** Parses a form body; on failure returns one message key per field (the first problem of each). */
export function parseForm<T>(schema: ZodType<T, ZodTypeDef, unknown>, body: unknown): FormResult<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join('.') || '_form';
    errors[field] ??= issueMessageKey(issue);
  }
  return { ok: false, errors };
}

/** Parses JSON or query input for an API route; throws ValidationError (400) naming each problem. */
export function parseInput<T>(schema: ZodType<T, ZodTypeDef, unknown>, input: unknown): T {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const first = issues[0];
  const message = first ? `Invalid input${first.path ? ` at "${first.path}"` : ''}: ${first.message}` : 'Invalid input.';
  throw new ValidationError(message, {}, { issues });
}

/**
 * For a form handler's service call: `await service.x(...).catch(rerenderForm(res, view, locals))`.
 * A ValidationError (or another 4xx HttpError) re-renders the form with its messages next to the fields and the
 * error's status; the call then resolves to undefined and the handler returns. Anything else propagates.
 */
export function rerenderForm(res: Response, view: string, locals: Record<string, unknown>) {
  return (err: unknown): undefined => {
    if (err instanceof ValidationError) {
      const formError = Object.keys(err.fieldErrors).length ? undefined : err.message;
      res.page(view, { ...locals, errors: { ...err.fieldErrors, ...(formError ? { _form: formError } : {}) } }, 400);
      return undefined;
    }
    if (err instanceof HttpError && err.status >= 400 && err.status < 500 && err.status !== 404 && err.status !== 403) {
      res.page(view, { ...locals, errors: { _form: err.message } }, err.status);
      return undefined;
    }
    throw err;
  };
}

/** Form checkboxes arrive as "on" or not at all. */
export const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === '1' || v === true, z.boolean());

/** Trimmed text; empty becomes undefined for optional fields. */
export const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), z.string().max(max).optional());

export const requiredText = (max: number) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().min(1).max(max));

/** A same-site path to return to after an action; anything else falls back. Prevents open redirects. */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value.length > 2000 ? fallback : value;
}
