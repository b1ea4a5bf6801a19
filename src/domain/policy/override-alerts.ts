import { DomainError } from '../domain-error.js';
import type { LocalizedText } from '../credit/scoring-rule.js';
import { formatPercent } from './format-number.js';
import type { OverrideRateRow } from './override-rates.js';

export interface OverrideAlert {
  readonly by: OverrideRateRow['by'];
  readonly key: string | null;
  readonly rate: number;
  readonly decided: number;
  readonly overrides: number;
  readonly threshold: number;
  /** True when even the Wilson interval's lower end is above the threshold (unlikely to be bad luck). */
  readonly clearlyAbove: boolean;
  readonly message: LocalizedText;
}

const BY_ZH = { officer: '审批人员', branch: '机构', grade: '等级' } as const;

/**
 * Alerts on override rates (issue 9, item 5: "an alert when an override rate passes a threshold"): every row with
 * at least `minCount` officer decisions and rate > threshold (strictly), highest rate first (then by key).
 * minCount guards against alarms on tiny counts (1 override in 2 decisions is 50 %); `clearlyAbove` tells whether
 * the Wilson lower bound also exceeds the threshold. Example: threshold 0.1, minCount 20: 3 of 20 (0.15) →
 * alert, clearlyAbove false (Wilson lower 0.052); 3 of 19 → no alert.
 * Throws DomainError `invalid-argument` for a threshold outside [0, 1] or a negative or non-integer minCount.
 */
export function overrideAlerts(rates: readonly OverrideRateRow[], threshold: number, minCount: number): OverrideAlert[] {
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
    throw new DomainError('invalid-argument', `The threshold must be a share in [0, 1], got ${String(threshold)}.`, { threshold });
  }
  if (!Number.isInteger(minCount) || minCount < 0) {
    throw new DomainError('invalid-argument', `minCount must be an integer ≥ 0, got ${String(minCount)}.`, { minCount });
  }
  const out: OverrideAlert[] = [];
  for (const r of rates) {
    if (r.rate === null || r.decided < minCount || !(r.rate > threshold)) continue;
    const who = r.key ?? '(not recorded)';
    const whoZh = r.key ?? '（未记录）';
    out.push({
      by: r.by, key: r.key, rate: r.rate, decided: r.decided, overrides: r.overrides, threshold,
      clearlyAbove: r.interval !== null && r.interval.lower > threshold,
      message: {
        en: `Override rate of ${r.by} ${who}: ${r.overrides} of ${r.decided} decisions (${formatPercent(r.rate)}), above the threshold of ${formatPercent(threshold)}.`,
        zh: `${BY_ZH[r.by]}${whoZh}的推翻率为${formatPercent(r.rate, 'zh')}（${r.decided}笔决定中${r.overrides}笔），超过阈值${formatPercent(threshold, 'zh')}。`,
      },
    });
  }
  return out.sort((a, b) => b.rate - a.rate || (a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1));
}
