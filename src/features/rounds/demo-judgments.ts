import { comparisonComponents } from '../../domain/ahp/assert-connected-comparisons.js';
import { matrixFromJudgments } from '../../domain/ahp/matrix-from-judgments.js';
import { priorityReport } from '../../domain/ahp/priority-report.js';
import { SAATY_SCALE, exactSaatyValue } from '../../domain/ahp/saaty-scale.js';
import { seededRandom, type SeededRandom } from '../../domain/random/seeded-random.js';
import { parsePairwiseMatrix } from '../../domain/ahp/validate-pairwise-matrix.js';

/** One demo expert's judgments on one block: upper triangle (i < j), value or null ("no opinion"). */
export interface DemoBlockJudgment {
  i: number;
  j: number;
  value: number | null;
}

export interface DemoExpertProfile {
  /** Whether this expert is meant to show a CR above the threshold somewhere (to demonstrate the flags). */
  inconsistent: boolean;
  /** Chance of "no opinion" per judgment (blocks of 3 or more only). */
  noOpinionRate: number;
}

function step(value: number, rng: SeededRandom): number {
  const k = SAATY_SCALE.indexOf(exactSaatyValue(value) as number);
  const move = rng.next() < 0.5 ? 0 : rng.next() < 0.5 ? -1 : 1;
  return SAATY_SCALE[Math.min(SAATY_SCALE.length - 1, Math.max(0, k + move))] as number;
}

function crOf(n: number, judgments: DemoBlockJudgment[]): number | null {
  const matrix = matrixFromJudgments(n, judgments);
  if (comparisonComponents(n, parsePairwiseMatrix(matrix).a).length > 1) return null;
  return priorityReport({ matrix, top: 0 }).cr;
}

/**
 * Demo judgments for one expert and one block, generated deterministically from a seed around the published demo
 * matrix (credit-default-model.md): each judgment moves at most one step on the 17-point scale (half the time it
 * stays), a few become "no opinion" (never disconnecting the block). A consistent expert's block keeps CR ≤ 0.10;
 * an inconsistent expert's first suitable block is drawn until its CR exceeds 0.10 (still one step at most).
 * Returns the judgments and their CR.
 */
export function demoBlockJudgments(base: readonly (readonly number[])[], seed: number, profile: DemoExpertProfile, wantHighCr: boolean): { judgments: DemoBlockJudgment[]; cr: number } {
  const n = base.length;
  const rng = seededRandom(seed);
  let fallback: { judgments: DemoBlockJudgment[]; cr: number } | undefined;
  for (let attempt = 0; attempt < 4000; attempt++) {
    const judgments: DemoBlockJudgment[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const noOpinion = n >= 4 && rng.next() < profile.noOpinionRate;
        judgments.push({ i, j, value: noOpinion ? null : step((base[i] as number[])[j] as number, rng) });
      }
    }
    const cr = crOf(n, judgments);
    if (cr === null) continue;
    const candidate = { judgments, cr };
    if (wantHighCr ? cr > 0.1 : cr <= 0.1) return candidate;
    if (!wantHighCr && (!fallback || cr < fallback.cr)) fallback = candidate;
  }
  if (fallback) return fallback;
  // No draw met the wish (cannot happen for the demo matrices); keep the published matrix itself.
  const judgments: DemoBlockJudgment[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) judgments.push({ i, j, value: (base[i] as number[])[j] as number });
  return { judgments, cr: crOf(n, judgments) ?? 0 };
}
