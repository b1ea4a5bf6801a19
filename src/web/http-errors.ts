/**
 * Typed errors that services and routes throw; the one error handler turns them into responses.
 * `message` is shown to the person: a message-catalogue key (translated by the error handler into the reader's
 * language) or a plain sentence (shown as is). `details` may locate the problem (field names and their messages,
 * which are translated the same way), never echo secrets.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly details: unknown;
  /** Seconds for a Retry-After header (429, 503). */
  readonly retryAfter: number | undefined;
  /** Values for `{placeholders}` when `message` is a message-catalogue key. */
  params: Record<string, string | number> | undefined;

  constructor(status: number, message: string, details?: unknown, retryAfter?: number) {
    super(message);
    this.name = new.target.name;
    this.status = status;
    this.details = details;
    this.retryAfter = retryAfter;
  }

  /** Sets placeholder values for a catalogue-key message: `throw new NotFoundError('studies.notFound').with({ id })`. */
  with(params: Record<string, string | number>): this {
    this.params = params;
    return this;
  }
}

/** 400 with per-field messages: `{ field: message }` so forms can show each message next to its field. */
export class ValidationError extends HttpError {
  readonly fieldErrors: Record<string, string>;
  constructor(message: string, fieldErrors: Record<string, string> = {}, details?: unknown) {
    super(400, message, details ?? (Object.keys(fieldErrors).length ? { fields: fieldErrors } : undefined));
    this.fieldErrors = fieldErrors;
  }
}

export class UnauthorizedError extends HttpError {
  constructor(message = 'Please sign in.') {
    super(401, message);
  }
}

export class ForbiddenError extends HttpError {
  constructor(message = 'You do not have permission to do this.') {
    super(403, message);
  }
}

export class NotFoundError extends HttpError {
  constructor(message = 'Not found.') {
    super(404, message);
  }
}

export class ConflictError extends HttpError {
  constructor(message: string, details?: unknown) {
    super(409, message, details);
  }
}

export class GoneError extends HttpError {
  constructor(message: string) {
    super(410, message);
  }
}

export class PayloadTooLargeError extends HttpError {
  constructor(message = 'The request is too large.') {
    super(413, message);
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  constructor(message = 'This content type is not accepted here.') {
    super(415, message);
  }
}

export class TooManyRequestsError extends HttpError {
  constructor(retryAfterSeconds: number, message = 'Too many requests. Please wait and try again.') {
    super(429, message, undefined, retryAfterSeconds);
  }
}

export class ServiceUnavailableError extends HttpError {
  constructor(message = 'The service is busy. Please try again in a few seconds.', retryAfterSeconds = 5) {
    super(503, message, undefined, retryAfterSeconds);
  }
}
