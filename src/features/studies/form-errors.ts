import type { Request } from 'express';
import { HttpError, ValidationError } from '../../web/http-errors.js';

/** Translated messages to show next to a form: `{ field: text, _form: text }`. */
export type TranslatedErrors = Record<string, string>;

/**
 * For `.catch()` on a form handler's service call: a ValidationError (or another 4xx except 403/404) becomes
 * translated messages — with the error's placeholders filled in, which the shared rerenderForm cannot do —
 * so the page re-renders with status 400/409; anything else propagates to the error handler.
 */
export function formErrors(req: Request, err: unknown): { status: number; errors: TranslatedErrors } {
  if (err instanceof ValidationError) {
    const errors: TranslatedErrors = {};
    for (const [field, key] of Object.entries(err.fieldErrors)) errors[field] = req.t(key);
    errors._form = req.t(err.message, err.params);
    return { status: 400, errors };
  }
  if (err instanceof HttpError && err.status >= 400 && err.status < 500 && err.status !== 404 && err.status !== 403) {
    return { status: err.status, errors: { _form: req.t(err.message, err.params) } };
  }
  throw err;
}

/** Translates parseForm's message keys. */
export function translateFieldErrors(req: Request, errors: Record<string, string>): TranslatedErrors {
  const out: TranslatedErrors = { _form: req.t('errors.invalidInput') };
  for (const [field, key] of Object.entries(errors)) out[field] = req.t(key);
  return out;
}
