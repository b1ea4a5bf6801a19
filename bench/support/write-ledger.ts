/**
 * What a client was told about its writes, to check afterwards that every acknowledged write is stored.
 *
 * Each write sets the state of a key (a judgment pair, a link's draft, a submission). A key's writes are never in
 * flight twice at once, so after the run the stored state must be the last acknowledged one — or one whose answer
 * never came (a timeout, a killed server: it may or may not have been applied). A refused write (4xx/5xx) changes
 * nothing, so it is forgotten once its answer arrives.
 */
export type LedgerValue = string | number | null;

export class WriteLedger {
  private readonly acked = new Map<string, LedgerValue>();
  private readonly pending = new Map<string, LedgerValue[]>();
  sent = 0;
  acknowledged = 0;

  /** A write of `value` to `key` was sent. */
  send(key: string, value: LedgerValue): void {
    const list = this.pending.get(key);
    if (list) list.push(value);
    else this.pending.set(key, [value]);
    this.sent++;
  }

  /** The answer to a write arrived: `ok` when it was acknowledged (2xx). */
  answer(key: string, value: LedgerValue, ok: boolean): void {
    const list = this.pending.get(key);
    const at = list ? list.lastIndexOf(value) : -1;
    if (list && at >= 0) list.splice(at, 1);
    if (list && list.length === 0) this.pending.delete(key);
    if (ok) {
      this.acked.set(key, value);
      this.acknowledged++;
    }
  }

  /** The last acknowledged value of a key (undefined when none). */
  last(key: string): LedgerValue | undefined {
    return this.acked.get(key);
  }

  get size(): number {
    return this.acked.size;
  }

  /** Keys whose stored state is neither the last acknowledged value nor one still unanswered. */
  lost(stored: (key: string) => LedgerValue | undefined, equal: (a: LedgerValue, b: LedgerValue) => boolean = sameValue): string[] {
    const lost: string[] = [];
    for (const [key, value] of this.acked) {
      const got = stored(key);
      const allowed = [value, ...(this.pending.get(key) ?? [])];
      if (got === undefined || !allowed.some((v) => equal(v, got))) lost.push(key);
    }
    return lost;
  }
}

/** Numbers within 1e-12 (scale values such as 1/3 go through a REAL column), anything else strictly. */
export function sameValue(a: LedgerValue, b: LedgerValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-12;
  return a === b;
}

/** JSON with sorted keys, so that two answer objects compare by content. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
