/**
 * Reading column values of a database row the same way on SQLite and PostgreSQL (numbers may come back as
 * strings, JSON as text, missing values as null or undefined).
 */

/** A JSON text column parsed, or `fallback` when it is empty or null. */
export function parseJsonColumn<T>(text: unknown, fallback: T): T {
  if (typeof text !== 'string' || text === '') return fallback;
  return JSON.parse(text) as T;
}

/** A nullable text column. */
export const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** A nullable numeric column (PostgreSQL returns bigint and numeric as strings). */
export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
