import type { BorrowerEvaluation, BorrowerInput } from '../../domain/credit/borrower-evaluation.js';
import type { CreditModelDefinition } from '../../domain/credit/credit-model-definition.js';
import { scoreBorrower } from '../../domain/credit/score-borrower.js';

/** The borrower with only the indicator values the model knows (others are ignored, not an error). */
export function borrowerForModel(definition: CreditModelDefinition, borrower: BorrowerInput): BorrowerInput {
  let known = knownIds.get(definition);
  if (!known) {
    known = new Set(definition.indicators.map((i) => i.id));
    knownIds.set(definition, known);
  }
  let foreign = false;
  for (const id in borrower.indicators) if (!known.has(id)) { foreign = true; break; }
  if (!foreign) return borrower;
  const indicators: Record<string, number | string | null> = {};
  for (const [id, v] of Object.entries(borrower.indicators)) if (known.has(id)) indicators[id] = v;
  return { ...borrower, indicators };
}
const knownIds = new WeakMap<CreditModelDefinition, ReadonlySet<string>>();

export interface ImpactStep {
  /** 'parent' | 'new-round' | 'base' | 'variant' | 'overlay'. */
  key: string;
  /** Values for the step's label (e.g. { id: 3 } or { industry: 'F51' }). */
  params: Record<string, string | number>;
  score: number | null;
  grade: string | null;
  /** Score change from the previous step that has a score. */
  delta: number | null;
  /** Why the step could not be scored (e.g. no indicator known to the parent model), or a note. */
  note: string | null;
  evaluation: BorrowerEvaluation | null;
}

function tryScore(definition: CreditModelDefinition, borrower: BorrowerInput): { evaluation: BorrowerEvaluation | null; note: string | null } {
  try {
    return { evaluation: scoreBorrower(definition, borrowerForModel(definition, borrower)), note: null };
  } catch (err) {
    return { evaluation: null, note: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * How one borrower's score changes under each adjustment of a version (issue 6 item 3, "the page shows how the
 * same borrower's score changes under each adjustment"), as a chain of models:
 * parent version (if any) → the new round's weights alone (θ = 1, when the version blended rounds and recorded
 * them) → this version's weights without industry variant or overlay → + the industry variant of the borrower's
 * industry (if one exists) → + the bounded macro overlay (if the model has one and an index is known).
 * Each step is scored in full (scoreBorrower); delta = score − previous scored step.
 */
export function adjustmentImpact(
  version: CreditModelDefinition,
  borrower: BorrowerInput,
  options: { parent?: { id: number; definition: CreditModelDefinition } | null } = {},
): ImpactStep[] {
  const steps: Omit<ImpactStep, 'delta'>[] = [];
  const push = (key: string, params: Record<string, string | number>, definition: CreditModelDefinition, note: string | null = null) => {
    const r = tryScore(definition, borrower);
    steps.push({ key, params, score: r.evaluation?.score ?? null, grade: r.evaluation?.grade ?? null, note: note ?? r.note, evaluation: r.evaluation });
  };
  if (options.parent) push('parent', { id: options.parent.id }, options.parent.definition);
  const blend = [...version.adjustments].reverse().find((a) => (a.kind === 'blend' || a.kind === 'time-decay') && a.params && typeof a.params.newWeights === 'object');
  const plain: CreditModelDefinition = { ...version, industryVariants: [], overlay: null };
  if (blend) {
    const nw = blend.params?.newWeights as { criteria: Record<string, number>; indicators: Record<string, number> };
    if (nw && nw.criteria && nw.indicators) {
      const newOnly: CreditModelDefinition = {
        ...plain,
        criteria: plain.criteria.map((c) => ({ ...c, weight: nw.criteria[c.id] ?? c.weight })),
        indicators: plain.indicators.map((i) => ({ ...i, weight: nw.indicators[i.id] ?? i.weight })),
      };
      push('new-round', { theta: 1 }, newOnly);
    }
  }
  push('base', {}, plain);
  const variant = borrower.industry ? version.industryVariants.find((v) => v.industry === borrower.industry) : undefined;
  if (variant) push('variant', { industry: variant.industry }, { ...version, overlay: null });
  if (version.overlay) {
    const hasIndex = typeof borrower.prosperityIndex === 'number' && Number.isFinite(borrower.prosperityIndex);
    push('overlay', { index: hasIndex ? (borrower.prosperityIndex as number) : '—' }, version, hasIndex ? null : 'no prosperity index for this industry and date');
  }
  let previous: number | null = null;
  return steps.map((s) => {
    const delta = s.score !== null && previous !== null ? s.score - previous : null;
    if (s.score !== null) previous = s.score;
    return { ...s, delta };
  });
}
