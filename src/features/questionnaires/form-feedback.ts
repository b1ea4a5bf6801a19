import type { Request } from 'express';
import { HttpError, ValidationError } from '../../web/http-errors.js';
import { ImportRejectedError, SchemaValidationError, type RowIssue } from './questionnaire-errors.js';

/** What a re-rendered form shows: translated messages by field (`_form` for the whole form) and listed problems. */
export interface FormFeedback {
  status: number;
  errors: Record<string, string>;
  /** Schema problems, one sentence each naming the element. */
  issues: string[];
  /** Import problems by row. */
  rows: RowIssue[];
}

/**
 * For `.catch()` on a form handler's service call: a refused questionnaire JSON, a refused import, a
 * ValidationError or another 4xx (except 403/404, which keep their own pages) becomes feedback for the form;
 * anything else propagates to the error handler.
 */
export function formFeedback(req: Request, err: unknown): FormFeedback {
  if (err instanceof SchemaValidationError) {
    return { status: 400, errors: { _form: req.t(err.message) }, issues: err.issues, rows: [] };
  }
  if (err instanceof ImportRejectedError) {
    return { status: 400, errors: { _form: req.t(err.message, err.params) }, issues: [], rows: err.rows };
  }
  if (err instanceof ValidationError) {
    const errors: Record<string, string> = {};
    for (const [field, key] of Object.entries(err.fieldErrors)) errors[field] = req.t(key);
    errors._form = req.t(err.message, err.params);
    return { status: 400, errors, issues: [], rows: [] };
  }
  if (err instanceof HttpError && err.status >= 400 && err.status < 500 && err.status !== 404 && err.status !== 403) {
    return { status: err.status, errors: { _form: req.t(err.message, err.params) }, issues: [], rows: [] };
  }
  throw err;
}

/** Translates parseForm's message keys. */
export function translateErrors(req: Request, errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { _form: req.t('errors.invalidInput') };
  for (const [field, key] of Object.entries(errors)) out[field] = req.t(key);
  return out;
}
