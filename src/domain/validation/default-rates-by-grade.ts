import { DomainError } from '../domain-error.js';
import { binomialDefaultTest } from './binomial-default-test.js';
import { jeffreysDefaultTest } from './jeffreys-default-test.js';
import { validateOutcomes, validateWeights } from './validate-scored-outcomes.js';

export interface GradeDefaultRow {
  readonly grade: string;
  /** Obligors in the grade (unweighted count). */
  readonly obligors: number;
  readonly defaults: number;
  /** Observed default rate D/N. */
  readonly defaultRate: number;
  /** Design-weighted default rate Σw·y/Σw (equals defaultRate when unweighted). */
  readonly weightedDefaultRate: number;
  /** The grade's PD. */
  readonly pd: number;
  /** One-sided binomial p-value P(X ≥ D | N, PD). */
  readonly binomialP: number;
  /** Jeffreys p-value Beta(D + ½, N − D + ½) CDF at PD. */
  readonly jeffreysP: number;
  /** 95 % Jeffreys interval of the default rate. */
  readonly jeffreysInterval: [number, number];
  /** True when either test rejects "PD not underestimated" at the chosen level (default 5 %). */
  readonly pdUnderestimated: boolean;
}

/**
 * Observed default rate per grade with the one-sided binomial and Jeffreys tests against each grade's PD
 * (ECB 2019 instructions for reporting validation results, §2.5.3.1; see `binomialDefaultTest`,
 * `jeffreysDefaultTest`). The tests use the unweighted counts of each grade (design weights are constant within
 * a stratum and the test is a within-grade comparison); the weighted default rate is reported beside them.
 * Rows follow `gradeOrder` when given (grades without obligors are omitted), otherwise ascending PD.
 */
export function defaultRatesByGrade(input: {
  outcomes: ArrayLike<number>;
  grades: readonly string[];
  pdByGrade: Readonly<Record<string, number>>;
  gradeOrder?: readonly string[];
  weights?: ArrayLike<number>;
  significance?: number;
}): GradeDefaultRow[] {
  const { outcomes, grades, pdByGrade, weights } = input;
  validateOutcomes(outcomes, { requireBothClasses: false });
  if (grades.length !== outcomes.length) {
    throw new DomainError('length-mismatch', `grades has ${grades.length} values but there are ${outcomes.length} outcomes; they must be the same length.`,
      { label: 'grades', length: grades.length, expected: outcomes.length });
  }
  if (weights) validateWeights(weights, outcomes.length);
  const alpha = input.significance ?? 0.05;
  const tally = new Map<string, { n: number; d: number; w: number; wd: number }>();
  for (let i = 0; i < grades.length; i++) {
    const g = grades[i];
    let t = tally.get(g);
    if (!t) {
      if (!Object.prototype.hasOwnProperty.call(pdByGrade, g)) {
        throw new DomainError('missing-pd', `Grade "${g}" (unit ${i + 1}) has no PD; give a PD for every grade that occurs.`, { grade: g, index: i });
      }
      t = { n: 0, d: 0, w: 0, wd: 0 };
      tally.set(g, t);
    }
    const w = weights ? weights[i] : 1;
    t.n++; t.w += w;
    if (outcomes[i] === 1) { t.d++; t.wd += w; }
  }
  let order: string[];
  if (input.gradeOrder) {
    const known = new Set(input.gradeOrder);
    for (const g of tally.keys()) {
      if (!known.has(g)) throw new DomainError('unknown-grade', `Grade "${g}" is not in the grade order.`, { grade: g, grades: input.gradeOrder });
    }
    order = input.gradeOrder.filter((g) => tally.has(g));
  } else {
    order = [...tally.keys()].sort((a, b) => pdByGrade[a] - pdByGrade[b] || (a < b ? -1 : a > b ? 1 : 0));
  }
  return order.map((grade) => {
    const t = tally.get(grade)!;
    const pd = pdByGrade[grade];
    const binomial = binomialDefaultTest(t.d, t.n, pd);
    const jeffreys = jeffreysDefaultTest(t.d, t.n, pd);
    return {
      grade, obligors: t.n, defaults: t.d, defaultRate: t.d / t.n,
      weightedDefaultRate: t.w > 0 ? t.wd / t.w : t.d / t.n,
      pd, binomialP: binomial.p, jeffreysP: jeffreys.p, jeffreysInterval: jeffreys.interval,
      pdUnderestimated: binomial.p < alpha || jeffreys.p < alpha,
    };
  });
}
