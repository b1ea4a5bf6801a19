/**
 * The one error type thrown by pure domain code (src/domain).
 *
 * `code` is a stable machine-readable name (e.g. `not-square`, `not-reciprocal`); `message` is a sentence a
 * person understands; `details` locates the problem (a cell, an element, a parameter). The web layer turns a
 * DomainError into HTTP 400 with `{ error: { message, details } }`, so domain code never needs to know about HTTP.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

/**
 * A value as text for an error message, like String(value), but never throwing: a parsed JSON object such as
 * {"toString": ""} makes String() throw a TypeError, which must not replace the DomainError being built.
 */
export function describeValue(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
