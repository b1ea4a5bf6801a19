import type { IndicatorDirection, ScoringRule } from './scoring-rule.js';
import { describeValue } from '../domain-error.js';

export interface ScoringRuleProblem {
  /** Stable machine code, e.g. 'too-few-anchors', 'not-monotone'. */
  readonly code: string;
  /** A sentence a person understands. */
  readonly message: string;
  /** Position of the offending anchor or code, when there is one. */
  readonly index?: number;
}

/**
 * Problems with a scoring rule (an empty list means valid), for the rule editor and for model validation.
 *
 * Anchor rules: at least 2 anchors; raw values finite and strictly increasing; scores finite, in 0..100 and
 * monotone (all steps ≥ 0 or all ≤ 0; a flat rule is allowed). If `direction` is given, the scores must move in
 * that direction ('increasing': last ≥ first and no step down). Code rules: at least 1 code, non-empty unique
 * codes, scores in 0..100. Checks follow DESIGN §5 ("monotone anchor points … 0–100").
 */
export function validateScoringRule(rule: ScoringRule, direction?: IndicatorDirection): ScoringRuleProblem[] {
  const problems: ScoringRuleProblem[] = [];
  const checkScore = (score: unknown, index: number) => {
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 100) {
      problems.push({ code: 'score-out-of-range', message: `Score ${describeValue(score)} at position ${index + 1} must be a number from 0 to 100.`, index });
    }
  };

  if (rule === null || typeof rule !== 'object') return [{ code: 'unknown-rule-kind', message: 'A scoring rule must be an object.' }];
  if (rule.kind === 'codes') {
    if (!Array.isArray(rule.codes) || rule.codes.length === 0) {
      return [{ code: 'no-codes', message: 'A categorical rule needs at least one code.' }];
    }
    const seen = new Set<string>();
    rule.codes.forEach((option, index) => {
      if (typeof option.code !== 'string' || option.code.trim() === '') {
        problems.push({ code: 'empty-code', message: `Code at position ${index + 1} is empty.`, index });
      } else if (seen.has(option.code)) {
        problems.push({ code: 'duplicate-code', message: `Code "${option.code}" is listed more than once.`, index });
      } else seen.add(option.code);
      checkScore(option.score, index);
    });
    if (direction !== undefined && direction !== 'categorical') {
      problems.push({ code: 'direction-mismatch', message: `A code table is categorical, not ${direction}.` });
    }
    return problems;
  }
  if (rule.kind !== 'anchors') {
    return [{ code: 'unknown-rule-kind', message: `Unknown scoring rule kind "${describeValue((rule as { kind?: unknown }).kind)}".` }];
  }

  const anchors = Array.isArray(rule.anchors) ? rule.anchors : [];
  if (anchors.length < 2) {
    problems.push({ code: 'too-few-anchors', message: 'An anchor rule needs at least two anchor points.' });
  }
  let rising = false, falling = false;
  anchors.forEach((a, index) => {
    if (typeof a.raw !== 'number' || !Number.isFinite(a.raw)) {
      problems.push({ code: 'raw-not-finite', message: `Raw value at position ${index + 1} must be a finite number.`, index });
    } else if (index > 0 && Number.isFinite(anchors[index - 1].raw) && !(a.raw > anchors[index - 1].raw)) {
      problems.push({ code: 'raw-not-increasing', message: `Raw values must strictly increase; position ${index + 1} (${a.raw}) does not exceed ${anchors[index - 1].raw}.`, index });
    }
    checkScore(a.score, index);
    if (index > 0 && Number.isFinite(a.score) && Number.isFinite(anchors[index - 1].score)) {
      if (a.score > anchors[index - 1].score) rising = true;
      if (a.score < anchors[index - 1].score) falling = true;
    }
  });
  if (rising && falling) {
    problems.push({ code: 'not-monotone', message: 'Scores must only rise or only fall along the anchors.' });
  }
  if (direction === 'categorical') {
    problems.push({ code: 'direction-mismatch', message: 'An anchor rule cannot be categorical.' });
  } else if (direction === 'increasing' && falling) {
    problems.push({ code: 'direction-mismatch', message: 'The indicator is increasing (higher is better) but the scores fall.' });
  } else if (direction === 'decreasing' && rising) {
    problems.push({ code: 'direction-mismatch', message: 'The indicator is decreasing (lower is better) but the scores rise.' });
  }
  return problems;
}
