import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { DomainError } from '../domain/domain-error.js';
import { HttpError, NotFoundError, ValidationError } from './http-errors.js';

interface NormalisedError {
  status: number;
  message: string;
  details?: unknown;
  retryAfter?: number;
  /** Unexpected errors are logged with their stack; expected ones only with their status. */
  unexpected: boolean;
}

type Tr = (key: string, params?: Record<string, string | number>) => string;

/** Maps anything thrown anywhere to a status and a message a person understands, without internals. */
export function normaliseError(err: unknown, t: Tr): NormalisedError {
  if (err instanceof ValidationError) {
    const fields = Object.fromEntries(Object.entries(err.fieldErrors).map(([field, message]) => [field, t(message)]));
    const details = Object.keys(fields).length ? { ...(err.details as object | undefined), fields } : err.details;
    return { status: 400, message: t(err.message, err.params), details, unexpected: false };
  }
  if (err instanceof HttpError) {
    return { status: err.status, message: t(err.message, err.params), details: err.details, retryAfter: err.retryAfter, unexpected: false };
  }
  if (err instanceof DomainError) {
    return { status: 400, message: err.message, details: err.details, unexpected: false };
  }
  if (err instanceof ZodError) {
    return { status: 400, message: t('errors.invalidInput'), details: { issues: zodIssues(err) }, unexpected: false };
  }
  const e = (err ?? {}) as { type?: string; status?: number; statusCode?: number; code?: string; name?: string };
  // body-parser (express.json / urlencoded / text) errors
  switch (e.type) {
    case 'entity.parse.failed':
      return { status: 400, message: t('errors.malformedJson'), unexpected: false };
    case 'entity.too.large':
      return { status: 413, message: t('errors.tooLarge'), unexpected: false };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, message: t('errors.unsupportedEncoding'), unexpected: false };
    case 'request.aborted':
      return { status: 400, message: t('errors.aborted'), unexpected: false };
    default:
      break;
  }
  if (e.name === 'MulterError') {
    const tooLarge = e.code === 'LIMIT_FILE_SIZE' || e.code === 'LIMIT_FIELD_VALUE';
    return { status: tooLarge ? 413 : 400, message: tooLarge ? t('errors.tooLarge') : t('errors.badUpload'), unexpected: false };
  }
  // The database is busy or locked by another process: ask the client to retry rather than fail.
  if (e.name === 'KnexTimeoutError' || e.code === 'SQLITE_BUSY' || e.code === 'SQLITE_LOCKED') {
    return { status: 503, message: t('errors.busy'), retryAfter: 5, unexpected: false };
  }
  if (e.code === 'SQLITE_READONLY' || e.code === 'SQLITE_CANTOPEN' || e.code === 'SQLITE_FULL' || e.code === 'SQLITE_IOERR') {
    return { status: 503, message: t('errors.storageUnavailable'), retryAfter: 30, unexpected: true };
  }
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, message: t('errors.badRequest'), unexpected: false };
  }
  return { status: 500, message: t('errors.internal'), unexpected: true };
}

function zodIssues(err: ZodError): Array<{ path: string; message: string }> {
  return err.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

export function wantsJson(req: Request): boolean {
  if (req.path.startsWith('/api/')) return true;
  if (req.get('x-requested-with') === 'fetch') return true;
  return req.accepts(['html', 'json']) === 'json';
}

const fallbackT: Tr = (key) => key;

/**
 * The one error handler: JSON `{ error: { message, details } }` for API and fetch callers, an HTML page otherwise.
 * It never shows a stack, SQL or the request body, and it never hands over to Express's default handler.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const t = typeof req.t === 'function' ? req.t : fallbackT;
    const error = normaliseError(err, t);
    if (error.unexpected) {
      logger.error({ err, requestId: req.requestId, method: req.method }, 'request failed');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    sendError(req, res, error);
  };
}

function sendError(req: Request, res: Response, error: NormalisedError): void {
  try {
    res.status(error.status);
    if (error.retryAfter) res.set('Retry-After', String(error.retryAfter));
    res.set('Cache-Control', 'no-store');
    if (wantsJson(req) || typeof res.page !== 'function') {
      const body: { error: { message: string; details?: unknown } } = { error: { message: error.message } };
      if (error.details !== undefined) body.error.details = error.details;
      res.json(body);
      return;
    }
    res.page('errors/error', { title: String(error.status), status: error.status, message: error.message, details: error.details }, error.status);
  } catch {
    // Rendering the error page failed (e.g. a broken view): answer in plain text rather than hand over the error.
    if (!res.headersSent) res.status(error.status).type('text/plain').send(error.message);
    else res.end();
  }
}

/** The last route: everything unmatched is a 404 in the caller's format. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(typeof req.t === 'function' ? req.t('errors.notFound') : 'Not found.'));
};
