import type { IndicatorDirection, IndicatorUnit, ScoringRule } from '../../domain/credit/scoring-rule.js';
import type { ScoringRuleProblem } from '../../domain/credit/validate-scoring-rule.js';
import type { RuleInput } from './models-service.js';

export const UNITS: readonly IndicatorUnit[] = ['%', '×', 'days', 'years', 'index', 'code'];
export const DIRECTIONS: readonly IndicatorDirection[] = ['increasing', 'decreasing', 'categorical'];

/** Repeated form keys arrive as a string or an array. */
export function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : ''));
  return typeof value === 'string' ? [value] : [];
}

function toNumber(text: string): number {
  const t = text.trim().replace(',', '.');
  return t === '' ? Number.NaN : Number(t);
}

/**
 * The rule editor's form → a RuleInput and its rationale. Rows whose inputs are all blank are dropped; a number
 * that does not parse stays NaN so validateScoringRule reports it at its position. Field errors are message keys.
 */
export function parseRuleForm(body: Record<string, unknown>): { input: RuleInput; rationale: string; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
  const kind = text('kind') === 'codes' ? 'codes' : 'anchors';
  const unit = (UNITS.includes(text('unit') as IndicatorUnit) ? text('unit') : kind === 'codes' ? 'code' : 'index') as IndicatorUnit;
  const direction = (DIRECTIONS.includes(text('direction') as IndicatorDirection) ? text('direction') : kind === 'codes' ? 'categorical' : 'increasing') as IndicatorDirection;
  let rule: ScoringRule;
  if (kind === 'codes') {
    const codes = listOf(body.code), scores = listOf(body.codeScore), en = listOf(body.labelEn), zh = listOf(body.labelZh);
    const rows = codes.map((code, i) => ({ code: code.trim(), score: scores[i] ?? '', en: (en[i] ?? '').trim(), zh: (zh[i] ?? '').trim() }))
      .filter((r) => r.code !== '' || r.score.trim() !== '' || r.en !== '' || r.zh !== '');
    rule = { kind: 'codes', codes: rows.map((r) => ({ code: r.code, score: toNumber(r.score), labels: { en: r.en || r.code, zh: r.zh || r.en || r.code } })) };
  } else {
    const raws = listOf(body.raw), scores = listOf(body.score);
    const rows = raws.map((raw, i) => ({ raw, score: scores[i] ?? '' })).filter((r) => r.raw.trim() !== '' || r.score.trim() !== '');
    rule = { kind: 'anchors', anchors: rows.map((r) => ({ raw: toNumber(r.raw), score: toNumber(r.score) })) };
  }
  const definitionEn = text('definitionEn');
  const definitionZh = text('definitionZh');
  if (definitionEn.length > 2000) errors.definitionEn = 'validation.tooBig';
  if (definitionZh.length > 2000) errors.definitionZh = 'validation.tooBig';
  const rationale = text('rationale');
  if (!rationale) errors.rationale = 'validation.required';
  const industry = text('industry') || null;
  return {
    input: { rule, unit, direction, ...(definitionEn ? { definition: { en: definitionEn, ...(definitionZh ? { zh: definitionZh } : {}) } } : {}), industry },
    rationale,
    errors,
  };
}

/** Message key and params for a rule problem (the editor shows them in the reader's language). */
export function ruleProblemMessage(p: ScoringRuleProblem): { key: string; params: Record<string, string | number> } {
  return { key: `models.ruleProblem.${p.code}`, params: { position: p.index === undefined ? '' : p.index + 1 } };
}
