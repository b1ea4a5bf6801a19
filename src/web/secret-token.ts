import { createHash, randomBytes } from 'node:crypto';

/**
 * A 256-bit random token for links and API access, URL-safe (43 characters of base64url). It is shown once and
 * only its SHA-256 is stored: with 256 bits of entropy a fast hash is enough (no dictionary to search).
 */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Cheap shape check before any database lookup: wrong-looking tokens never reach a query. */
export function looksLikeSecretToken(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}
