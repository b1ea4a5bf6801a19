import fc from 'fast-check';
import { expect } from 'vitest';
import { DomainError } from '../../../src/domain/domain-error.js';

/**
 * A fixed seed keeps CI deterministic; FUZZ_SEED=<n> (or FUZZ_SEED=random) explores other inputs locally. A failure
 * prints the seed and the shrunk counterexample.
 */
const seed = process.env.FUZZ_SEED === 'random' ? Date.now() : Number(process.env.FUZZ_SEED ?? 20_261_202);
fc.configureGlobal({ seed });

/** Runs per property: enough to find edge cases, few enough that each file stays within a few seconds. */
export const RUNS = { numRuns: 100 };
export const FEW_RUNS = { numRuns: 40 };

/** Paths of every number in a result (nested objects, arrays, typed arrays) that is NaN or ±Infinity. */
export function nonFinitePaths(value: unknown, path = '$', out: string[] = [], seen = new Set<unknown>()): string[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path}=${value}`);
    return out;
  }
  if (value === null || typeof value !== 'object' || seen.has(value)) return out;
  seen.add(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    Array.from(value as unknown as ArrayLike<number>).forEach((x, i) => nonFinitePaths(x, `${path}[${i}]`, out, seen));
    return out;
  }
  if (Array.isArray(value)) {
    value.forEach((x, i) => nonFinitePaths(x, `${path}[${i}]`, out, seen));
    return out;
  }
  for (const [k, v] of Object.entries(value)) nonFinitePaths(v, `${path}.${k}`, out, seen);
  return out;
}

export function expectFinite(value: unknown): void {
  expect(nonFinitePaths(value)).toEqual([]);
}

/**
 * Calls fn; a thrown error must be a DomainError with a code and a message (never a TypeError, RangeError or
 * a plain Error). Returns the result, or undefined when a DomainError was thrown.
 */
export function domainOnly<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String((error as Error)?.name)}: ${String((error as Error)?.message)}`, { cause: error });
    expect(error.code).toMatch(/^[a-z0-9-]+$/);
    expect(error.message.length).toBeGreaterThan(0);
    return undefined;
  }
}

export function expectSumToOne(values: ArrayLike<number>, tolerance = 1e-9): void {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] as number;
  expect(Math.abs(total - 1)).toBeLessThan(tolerance);
}

/** Hostile numbers: the edges a JSON body or a file can carry. */
export const hostileNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1e308, -1e308, 5e-324, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_SAFE_INTEGER, 1e-300),
  fc.double(),
);

/** Anything a JSON body may hold, plus the non-JSON edge numbers. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileNumber,
  fc.constantFrom(null, undefined, '', 'NaN', 'Infinity', '3', [], {}, true),
  fc.jsonValue(),
  fc.array(hostileNumber, { maxLength: 6 }),
);
