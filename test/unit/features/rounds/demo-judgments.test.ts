import { describe, expect, it } from 'vitest';
import { DEFAULT_INDEX_SYSTEM } from '../../../../src/domain/credit/default-index-system.js';
import { SAATY_SCALE } from '../../../../src/domain/ahp/saaty-scale.js';
import { demoBlockJudgments } from '../../../../src/features/rounds/demo-judgments.js';

describe('demo judgments (seeded, around the demo matrices)', () => {
  const base = DEFAULT_INDEX_SYSTEM.localMatrices.C5 as number[][];
  const step = (a: number, b: number) => Math.abs(SAATY_SCALE.indexOf(a) - SAATY_SCALE.indexOf(b));

  it('moves each judgment at most one scale step, is deterministic, and keeps a consistent expert at CR ≤ 0.10', () => {
    const a = demoBlockJudgments(base, 42, { inconsistent: false, noOpinionRate: 0.1 }, false);
    expect(demoBlockJudgments(base, 42, { inconsistent: false, noOpinionRate: 0.1 }, false)).toEqual(a);
    expect(a.cr).toBeLessThanOrEqual(0.1);
    for (const j of a.judgments) if (j.value !== null) expect(step(j.value, (base[j.i] as number[])[j.j] as number)).toBeLessThanOrEqual(1);
  });

  it('finds a block above CR 0.10 for an expert meant to show the flag, still within one step', () => {
    const r = demoBlockJudgments(base, 7, { inconsistent: true, noOpinionRate: 0 }, true);
    expect(r.cr).toBeGreaterThan(0.1);
    for (const j of r.judgments) expect(step(j.value as number, (base[j.i] as number[])[j.j] as number)).toBeLessThanOrEqual(1);
  });
});
