/** Latency and status counts per route, measured by the load generator from sending a request to its answer. */
export interface RouteSummary {
  route: string;
  count: number;
  p50: number;
  p99: number;
  max: number;
  fiveXx: number;
  /** 429 and 503 answered with Retry-After (allowed at high load, counted apart). */
  backoff: number;
  /** Other non-2xx answers. */
  otherNon2xx: number;
}

export class RouteStats {
  private readonly latencies = new Map<string, number[]>();
  private readonly counters = new Map<string, { fiveXx: number; backoff: number; other: number }>();
  readonly statuses = new Map<number, number>();

  record(route: string, ms: number, status: number, retryAfter: string | undefined): void {
    const list = this.latencies.get(route) ?? [];
    list.push(ms);
    this.latencies.set(route, list);
    const c = this.counters.get(route) ?? { fiveXx: 0, backoff: 0, other: 0 };
    if ((status === 429 || status === 503) && retryAfter) c.backoff++;
    else if (status >= 500) c.fiveXx++;
    else if (status < 200 || status >= 300) c.other++;
    this.counters.set(route, c);
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  summary(route: string, list: number[]): RouteSummary {
    const sorted = [...list].sort((a, b) => a - b);
    const c = this.counters.get(route) ?? { fiveXx: 0, backoff: 0, other: 0 };
    return { route, count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN, fiveXx: c.fiveXx, backoff: c.backoff, otherNon2xx: c.other };
  }

  routes(): RouteSummary[] {
    return [...this.latencies].map(([route, list]) => this.summary(route, list)).sort((a, b) => a.route.localeCompare(b.route));
  }

  all(): RouteSummary {
    const everything = [...this.latencies.values()].flat();
    const s = this.summary('all', everything);
    for (const c of this.counters.values()) {
      s.fiveXx += c.fiveXx;
      s.backoff += c.backoff;
      s.otherNon2xx += c.other;
    }
    return s;
  }
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export const fmtInt = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
export const fmtMs = (x: number) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(1) : Math.round(x)} ms` : '—');

/** A markdown table. */
export function table(header: string[], rows: (string | number)[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
