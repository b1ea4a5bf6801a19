import type { CreditModelDefinition, ModelAdjustment, OverlayConfig } from '../../domain/credit/credit-model-definition.js';
import type { ScoringRule } from '../../domain/credit/scoring-rule.js';
import type { ModelSettings } from './model-version.js';

/** Short text of a scoring rule: "40→100, 55→80, 70→50, 85→0" or "A 100 · B 80 · …". */
export function ruleSummary(rule: ScoringRule): string {
  if (rule.kind === 'codes') return rule.codes.map((c) => `${c.code} ${fmt(c.score)}`).join(' · ');
  return rule.anchors.map((a) => `${fmt(a.raw)}→${fmt(a.score)}`).join(', ');
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Math.round(x * 10000) / 10000);
}

export interface WeightRow {
  id: string;
  name: string;
  criterion?: string;
  a: number | null;
  b: number | null;
  /** b − a, null when the id is in one version only. */
  change: number | null;
}

export interface ModelDiff {
  criteria: WeightRow[];
  /** Global weights (criterion weight × local weight). */
  indicators: WeightRow[];
  rules: { id: string; name: string; a: string | null; b: string | null; unitA: string | null; unitB: string | null }[];
  gradeScale: { changed: boolean; a: string; b: string };
  caps: { added: string[]; removed: string[]; changed: string[] };
  options: { key: string; a: string; b: string }[];
  variants: { added: string[]; removed: string[]; changed: string[] };
  overlay: { changed: boolean; a: OverlayConfig | null; b: OverlayConfig | null };
  adjustments: { onlyA: ModelAdjustment[]; onlyB: ModelAdjustment[] };
  earlyWarnings: { path: string; a: string; b: string }[];
  /** Largest absolute change of a global indicator weight. */
  maxWeightChange: number;
  /** Nothing at all differs (weights within 1e-12). */
  identical: boolean;
}

const EPS = 1e-12;

function globalWeights(d: CreditModelDefinition): Map<string, number> {
  const cw = new Map(d.criteria.map((c) => [c.id, c.weight]));
  return new Map(d.indicators.map((i) => [i.id, (cw.get(i.criterion) ?? 0) * i.weight]));
}

function rows(aMap: Map<string, number>, bMap: Map<string, number>, names: Map<string, string>, order: string[], criterion?: Map<string, string>): WeightRow[] {
  return order.map((id) => {
    const a = aMap.get(id) ?? null, b = bMap.get(id) ?? null;
    return { id, name: names.get(id) ?? id, ...(criterion ? { criterion: criterion.get(id) } : {}), a, b, change: a !== null && b !== null ? b - a : null };
  });
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) for (const [p, s] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(p, s);
  } else out.set(prefix, value === null ? 'off' : JSON.stringify(value));
  return out;
}

/**
 * What changed from version A to version B (issue 6 item 2): criterion and global indicator weights, scoring
 * rules and units, grade scale, caps and requirements, options (missing-value policy, collateral mode,
 * calibration flag), industry variants, overlay, recorded adjustments and early-warning settings.
 * `names` are taken in the given locale ('en' or 'zh').
 */
export function diffModels(
  a: { definition: CreditModelDefinition; settings: ModelSettings },
  b: { definition: CreditModelDefinition; settings: ModelSettings },
  locale: 'en' | 'zh' = 'en',
): ModelDiff {
  const da = a.definition, db = b.definition;
  const names = new Map<string, string>();
  for (const d of [db, da]) {
    for (const c of d.criteria) if (!names.has(c.id)) names.set(c.id, c.names[locale] || c.names.en);
    for (const i of d.indicators) if (!names.has(i.id)) names.set(i.id, i.names[locale] || i.names.en);
  }
  const criterionOrder = union(da.criteria.map((c) => c.id), db.criteria.map((c) => c.id));
  const indicatorOrder = union(da.indicators.map((i) => i.id), db.indicators.map((i) => i.id));
  const criterionOf = new Map<string, string>([...da.indicators, ...db.indicators].map((i) => [i.id, i.criterion]));
  const criteria = rows(new Map(da.criteria.map((c) => [c.id, c.weight])), new Map(db.criteria.map((c) => [c.id, c.weight])), names, criterionOrder);
  const indicators = rows(globalWeights(da), globalWeights(db), names, indicatorOrder, criterionOf);

  const ruleA = new Map(da.indicators.map((i) => [i.id, i])), ruleB = new Map(db.indicators.map((i) => [i.id, i]));
  const rules: ModelDiff['rules'] = [];
  for (const id of indicatorOrder) {
    const x = ruleA.get(id), y = ruleB.get(id);
    const sa = x ? ruleSummary(x.rule) : null, sb = y ? ruleSummary(y.rule) : null;
    if (sa !== sb || x?.unit !== y?.unit) rules.push({ id, name: names.get(id) ?? id, a: sa, b: sb, unitA: x?.unit ?? null, unitB: y?.unit ?? null });
  }

  const scale = (d: CreditModelDefinition) => `${d.gradeScale.bands.map((g) => `${g.grade} ≥${fmt(g.minScore)}`).join(', ')}; ${d.gradeScale.defaultGrade}`;
  const gradeScale = { a: scale(da), b: scale(db), changed: scale(da) !== scale(db) };

  const capKey = (d: CreditModelDefinition) => new Map<string, string>([
    ...d.gradeCaps.map((c) => [c.id, JSON.stringify([c.kind, c.condition, c.maxGrade])] as [string, string]),
    ...d.gradeRequirements.map((r) => [r.id, JSON.stringify([r.grade, r.indicators, r.minScore])] as [string, string]),
  ]);
  const ca = capKey(da), cb = capKey(db);
  const caps = {
    added: [...cb.keys()].filter((k) => !ca.has(k)),
    removed: [...ca.keys()].filter((k) => !cb.has(k)),
    changed: [...ca.keys()].filter((k) => cb.has(k) && cb.get(k) !== ca.get(k)),
  };

  const options: ModelDiff['options'] = [];
  for (const key of ['missingPolicy', 'collateralMode', 'collateralCriterion', 'uncalibrated'] as const) {
    const x = String(da[key]), y = String(db[key]);
    if (x !== y) options.push({ key, a: x, b: y });
  }

  const va = new Map(da.industryVariants.map((v) => [v.industry, JSON.stringify(v)]));
  const vb = new Map(db.industryVariants.map((v) => [v.industry, JSON.stringify(v)]));
  const variants = {
    added: [...vb.keys()].filter((k) => !va.has(k)),
    removed: [...va.keys()].filter((k) => !vb.has(k)),
    changed: [...va.keys()].filter((k) => vb.has(k) && vb.get(k) !== va.get(k)),
  };
  const overlay = { a: da.overlay, b: db.overlay, changed: JSON.stringify(da.overlay) !== JSON.stringify(db.overlay) };

  const adjA = new Set(da.adjustments.map((x) => JSON.stringify(x)));
  const adjB = new Set(db.adjustments.map((x) => JSON.stringify(x)));
  const adjustments = {
    onlyA: da.adjustments.filter((x) => !adjB.has(JSON.stringify(x))),
    onlyB: db.adjustments.filter((x) => !adjA.has(JSON.stringify(x))),
  };

  const ewA = flatten(a.settings.earlyWarnings), ewB = flatten(b.settings.earlyWarnings);
  const earlyWarnings = union([...ewA.keys()], [...ewB.keys()])
    .filter((p) => ewA.get(p) !== ewB.get(p))
    .map((path) => ({ path, a: ewA.get(path) ?? '—', b: ewB.get(path) ?? '—' }));

  const maxWeightChange = indicators.reduce((m, r) => (r.change === null ? Math.max(m, Math.abs(r.a ?? r.b ?? 0)) : Math.max(m, Math.abs(r.change))), 0);
  const weightsSame = [...criteria, ...indicators].every((r) => r.change !== null && Math.abs(r.change) <= EPS);
  const identical = weightsSame && rules.length === 0 && !gradeScale.changed && !caps.added.length && !caps.removed.length && !caps.changed.length
    && !options.length && !variants.added.length && !variants.removed.length && !variants.changed.length && !overlay.changed
    && !adjustments.onlyA.length && !adjustments.onlyB.length && !earlyWarnings.length;
  return { criteria, indicators, rules, gradeScale, caps, options, variants, overlay, adjustments, earlyWarnings, maxWeightChange, identical };
}
