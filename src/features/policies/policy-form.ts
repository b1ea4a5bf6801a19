import type { AppliedCap } from '../../domain/credit/borrower-evaluation.js';
import type { BorrowerFlag } from '../../domain/credit/grade-cap.js';
import type {
  KnockOutCondition, KnockOutRule, OverrideKind, PlausibilityBound, PolicyAction, PolicyDefinition,
} from '../../domain/policy/policy-definition.js';
import type { PolicyProblem } from '../../domain/policy/validate-policy.js';

/**
 * The policy edit form: every rule of a PolicyDefinition as a flat form field named by its path in the definition
 * (the same dotted paths validatePolicy reports, so each message lands next to its field). Lists (knock-outs,
 * plausibility bounds) are numbered rows; a row is removed with its `remove` box or by leaving it blank.
 */

export type FormValues = Record<string, string>;

export const WARNING_LEVELS = ['green', 'yellow', 'orange', 'red'] as const;
export const ACTIONS: readonly PolicyAction[] = ['none', 'refer', 'decline'];
export const CONDITION_KINDS: readonly KnockOutCondition['kind'][] = ['cap-kind', 'cap-id', 'flag', 'indicator-code'];
export const CAP_KINDS: readonly AppliedCap['kind'][] = ['knock-out', 'cap', 'requirement', 'default'];
export const FLAGS: readonly BorrowerFlag[] = ['dishonestDebtorList', 'insolvency'];
export const OVERRIDE_KINDS: readonly OverrideKind[] = ['refer-approved', 'refer-declined', 'decline-to-approve', 'approve-to-decline'];

const n = (x: number | null | undefined): string => (x === null || x === undefined ? '' : String(x));

/** Form values of a definition (what the edit form shows first). */
export function formValuesOf(d: PolicyDefinition): FormValues {
  const v: FormValues = {
    'gradeThresholds.approveFrom': d.gradeThresholds.approveFrom,
    'gradeThresholds.referFrom': d.gradeThresholds.referFrom,
    sizeBands: d.sizeBands.join(', '),
    noHeadroomAction: d.noHeadroomAction,
    autoApprovalMaxAmount: n(d.autoApprovalMaxAmount),
    maxTermMonths: n(d.maxTermMonths),
    minCompleteness: n(d.minCompleteness),
    'industryConcentration.defaultMaxShare': n(d.industryConcentration.defaultMaxShare),
    'industryConcentration.minPortfolioBalance': n(d.industryConcentration.minPortfolioBalance),
    'industryConcentration.maxShareByIndustry': Object.entries(d.industryConcentration.maxShareByIndustry).map(([k, x]) => `${k}=${x}`).join(', '),
    reviewFlagAction: d.reviewFlagAction,
    'loopholeChecks.duplicate.windowDays': n(d.loopholeChecks.duplicate?.windowDays),
    'loopholeChecks.split.windowDays': n(d.loopholeChecks.split?.windowDays),
    'loopholeChecks.split.aggregateLimit': n(d.loopholeChecks.split?.aggregateLimit),
    'loopholeChecks.staleness.maxAgeDays': n(d.loopholeChecks.staleness?.maxAgeDays),
    'overrides.secondApprovalAboveAmount': n(d.overrides.secondApprovalAboveAmount),
    proposal: d.proposal ? 'on' : '',
    notes: d.notes ?? '',
  };
  for (const level of WARNING_LEVELS) v[`warningLevelActions.${level}`] = d.warningLevelActions[level];
  for (const [grade, row] of Object.entries(d.exposureLimits)) for (const [band, x] of Object.entries(row)) v[`exposureLimits.${grade}.${band}`] = n(x);
  for (const kind of OVERRIDE_KINDS) v[`overrides.secondApprovalKinds.${kind}`] = d.overrides.secondApprovalKinds.includes(kind) ? 'on' : '';
  d.knockOuts.forEach((k, i) => {
    const p = `knockOuts.${i}`;
    v[`${p}.id`] = k.id;
    v[`${p}.action`] = k.action;
    v[`${p}.labels.en`] = k.labels.en;
    v[`${p}.labels.zh`] = k.labels.zh;
    v[`${p}.condition.kind`] = k.condition.kind;
    const c = k.condition;
    v[`${p}.condition.values`] = c.kind === 'cap-kind' ? c.capKinds.join(', ') : c.kind === 'cap-id' ? c.capIds.join(', ') : c.kind === 'flag' ? c.flag : c.codes.join(', ');
    v[`${p}.condition.indicator`] = c.kind === 'indicator-code' ? c.indicator : '';
  });
  const pl = d.loopholeChecks.plausibility;
  v['loopholeChecks.plausibility.enabled'] = pl ? 'on' : '';
  if (pl) {
    pl.bounds.forEach((b, i) => {
      const p = `loopholeChecks.plausibility.bounds.${i}`;
      v[`${p}.indicator`] = b.indicator;
      v[`${p}.kind`] = b.kind;
      v[`${p}.min`] = n(b.min);
      v[`${p}.max`] = n(b.max);
    });
    v['loopholeChecks.plausibility.quickAboveCurrentTolerance'] = n(pl.quickAboveCurrentTolerance);
    v['loopholeChecks.plausibility.dupont.absolutePct'] = n(pl.dupont?.absolutePct);
    v['loopholeChecks.plausibility.dupont.relative'] = n(pl.dupont?.relative);
    v['loopholeChecks.plausibility.statement.relative'] = n(pl.statement?.relative);
    v['loopholeChecks.plausibility.statement.itemRelative'] = n(pl.statement?.itemRelative);
    v['loopholeChecks.plausibility.statement.absolute.pct'] = n(pl.statement?.absolute.pct);
    v['loopholeChecks.plausibility.statement.absolute.ratio'] = n(pl.statement?.absolute.ratio);
    v['loopholeChecks.plausibility.statement.absolute.days'] = n(pl.statement?.absolute.days);
  }
  return v;
}

/** Number of numbered rows present in form values under a prefix ('knockOuts' → highest index + 1). */
export function rowCount(values: FormValues, prefix: string): number {
  let max = -1;
  const re = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)\\.`);
  for (const key of Object.keys(values)) {
    const m = re.exec(key);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return Math.min(max + 1, 500);
}

/** The posted body as FormValues (strings only; repeated fields keep their last value). */
export function formValuesFromBody(body: unknown): FormValues {
  const out: FormValues = {};
  if (body === null || typeof body !== 'object') return out;
  for (const [k, x] of Object.entries(body as Record<string, unknown>)) {
    if (k.length > 200) continue;
    const s = Array.isArray(x) ? x[x.length - 1] : x;
    if (typeof s === 'string') out[k] = s.slice(0, 20_000);
  }
  return out;
}

export interface ParsedPolicyForm {
  definition: PolicyDefinition;
  /** Field → message-catalogue key for inputs that are not numbers, lists or choices at all (checked before validatePolicy). */
  errors: Record<string, string>;
  /** Definition row index → form row index, for mapping validatePolicy paths back to the form. */
  rows: { knockOuts: number[]; bounds: number[] };
}

const list = (s: string | undefined): string[] => (s ?? '').split(/[,;\s]+/).map((x) => x.trim()).filter(Boolean);

/**
 * A definition from the form (fields missing from the form keep `base`'s value: the grade scale, and rules the form
 * does not show). Empty optional fields switch a rule off (null); a number field that is not a number gets
 * 'policies.form.notANumber'. Range and consistency checks are validatePolicy's (run by the service).
 */
export function parsePolicyForm(values: FormValues, base: PolicyDefinition, grades: readonly string[]): ParsedPolicyForm {
  const errors: Record<string, string> = {};
  const get = (k: string) => (values[k] ?? '').trim();
  const num = (k: string): number | null => {
    const s = get(k).replace(/[\s_]/g, '').replace(/,/g, '');
    if (s === '') return null;
    const x = Number(s);
    if (!Number.isFinite(x)) { errors[k] = 'policies.form.notANumber'; return NaN; }
    return x;
  };
  const required = (k: string): number => {
    const x = num(k);
    if (x === null) { errors[k] = 'validation.required'; return NaN; }
    return x;
  };
  const choice = <T extends string>(k: string, options: readonly T[]): T => {
    const s = get(k) as T;
    if (!options.includes(s)) errors[k] = 'validation.choose';
    return s;
  };
  const on = (k: string) => values[k] === 'on' || values[k] === '1' || values[k] === 'true';

  const sizeBands = list(values.sizeBands);
  const exposureLimits: Record<string, Record<string, number>> = {};
  for (const grade of grades) {
    for (const band of sizeBands) {
      const x = num(`exposureLimits.${grade}.${band}`);
      if (x !== null) (exposureLimits[grade] ??= {})[band] = x;
    }
  }

  const knockOuts: KnockOutRule[] = [];
  const koRows: number[] = [];
  for (let i = 0; i < rowCount(values, 'knockOuts'); i++) {
    const p = `knockOuts.${i}`;
    if (on(`${p}.remove`)) continue;
    const fields = ['id', 'condition.values', 'condition.indicator', 'labels.en', 'labels.zh'].map((f) => get(`${p}.${f}`));
    if (fields.every((x) => x === '')) continue;
    const kind = choice(`${p}.condition.kind`, CONDITION_KINDS);
    const vals = list(values[`${p}.condition.values`]);
    let condition: KnockOutCondition;
    if (kind === 'cap-kind') condition = { kind, capKinds: vals as AppliedCap['kind'][] };
    else if (kind === 'cap-id') condition = { kind, capIds: vals };
    else if (kind === 'flag') condition = { kind, flag: (vals[0] ?? '') as BorrowerFlag };
    else condition = { kind: 'indicator-code', indicator: get(`${p}.condition.indicator`), codes: vals };
    knockOuts.push({ id: get(`${p}.id`), condition, action: choice(`${p}.action`, ['refer', 'decline'] as const), labels: { en: get(`${p}.labels.en`), zh: get(`${p}.labels.zh`) } });
    koRows.push(i);
  }

  const byIndustry: Record<string, number> = {};
  for (const part of list(values['industryConcentration.maxShareByIndustry'])) {
    const m = /^([A-Za-z0-9_.-]{1,40})[=:]([0-9]*\.?[0-9]+)$/.exec(part);
    if (!m) { errors['industryConcentration.maxShareByIndustry'] = 'policies.form.badIndustryShares'; continue; }
    byIndustry[m[1] as string] = Number(m[2]);
  }

  const pair = <T>(keys: string[], make: (xs: number[]) => T): T | null => {
    const xs = keys.map((k) => num(k));
    if (xs.every((x) => x === null)) return null;
    keys.forEach((k, i) => { if (xs[i] === null) errors[k] = 'validation.required'; });
    return make(xs.map((x) => (x === null ? NaN : x)));
  };

  const bounds: PlausibilityBound[] = [];
  const boundRows: number[] = [];
  const bp = 'loopholeChecks.plausibility.bounds';
  for (let i = 0; i < rowCount(values, bp); i++) {
    const p = `${bp}.${i}`;
    if (on(`${p}.remove`)) continue;
    if (['indicator', 'min', 'max'].every((f) => get(`${p}.${f}`) === '')) continue;
    bounds.push({ indicator: get(`${p}.indicator`), kind: choice(`${p}.kind`, ['implausible', 'review'] as const), min: num(`${p}.min`), max: num(`${p}.max`) });
    boundRows.push(i);
  }
  const plausibility = on('loopholeChecks.plausibility.enabled') ? {
    bounds,
    quickAboveCurrentTolerance: required('loopholeChecks.plausibility.quickAboveCurrentTolerance'),
    dupont: pair(['loopholeChecks.plausibility.dupont.absolutePct', 'loopholeChecks.plausibility.dupont.relative'], ([absolutePct, relative]) => ({ absolutePct: absolutePct as number, relative: relative as number })),
    statement: pair(['loopholeChecks.plausibility.statement.relative', 'loopholeChecks.plausibility.statement.itemRelative', 'loopholeChecks.plausibility.statement.absolute.pct',
      'loopholeChecks.plausibility.statement.absolute.ratio', 'loopholeChecks.plausibility.statement.absolute.days'],
    ([relative, itemRelative, pct, ratio, days]) => ({ relative: relative as number, itemRelative: itemRelative as number, absolute: { pct: pct as number, ratio: ratio as number, days: days as number } })),
  } : null;

  const warningLevelActions = Object.fromEntries(WARNING_LEVELS.map((l) => [l, choice(`warningLevelActions.${l}`, ACTIONS)])) as unknown as PolicyDefinition['warningLevelActions'];
  const notes = get('notes');
  const definition: PolicyDefinition = {
    ...base,
    gradeThresholds: { approveFrom: choice('gradeThresholds.approveFrom', grades), referFrom: choice('gradeThresholds.referFrom', grades) },
    knockOuts,
    sizeBands,
    exposureLimits,
    noHeadroomAction: choice('noHeadroomAction', ['refer', 'decline'] as const),
    autoApprovalMaxAmount: num('autoApprovalMaxAmount'),
    maxTermMonths: num('maxTermMonths'),
    minCompleteness: required('minCompleteness'),
    warningLevelActions,
    industryConcentration: {
      defaultMaxShare: num('industryConcentration.defaultMaxShare'),
      maxShareByIndustry: byIndustry,
      minPortfolioBalance: num('industryConcentration.minPortfolioBalance') ?? 0,
    },
    reviewFlagAction: choice('reviewFlagAction', ['none', 'refer'] as const),
    loopholeChecks: {
      duplicate: pair(['loopholeChecks.duplicate.windowDays'], ([windowDays]) => ({ windowDays: windowDays as number })),
      split: pair(['loopholeChecks.split.windowDays', 'loopholeChecks.split.aggregateLimit'], ([windowDays, aggregateLimit]) => ({ windowDays: windowDays as number, aggregateLimit: aggregateLimit as number })),
      staleness: pair(['loopholeChecks.staleness.maxAgeDays'], ([maxAgeDays]) => ({ maxAgeDays: maxAgeDays as number })),
      plausibility,
    },
    overrides: {
      secondApprovalAboveAmount: num('overrides.secondApprovalAboveAmount'),
      secondApprovalKinds: OVERRIDE_KINDS.filter((k) => on(`overrides.secondApprovalKinds.${k}`)),
    },
    proposal: on('proposal'),
    ...(notes ? { notes } : {}),
  };
  if (!notes) delete (definition as { notes?: string }).notes;
  return { definition, errors, rows: { knockOuts: koRows, bounds: boundRows } };
}

/**
 * The form field a validatePolicy problem belongs to: its path with list indices mapped back to form rows, then
 * the field itself, or the first field under it ('knockOuts.2.labels' → 'knockOuts.2.labels.en'), or the
 * nearest field above it. '_form' when none (e.g. the grade scale, which the form does not edit).
 */
export function fieldOfProblem(path: string, fields: ReadonlySet<string>, rows: ParsedPolicyForm['rows']): string {
  let p = path
    .replace(/^knockOuts\.(\d+)/, (_, i: string) => `knockOuts.${rows.knockOuts[Number(i)] ?? i}`)
    .replace(/^loopholeChecks\.plausibility\.bounds\.(\d+)/, (_, i: string) => `loopholeChecks.plausibility.bounds.${rows.bounds[Number(i)] ?? i}`)
    .replace(/\.condition\.(capKinds|capIds|codes|flag)$/, '.condition.values');
  if (fields.has(p)) return p;
  const under = [...fields].find((f) => f.startsWith(`${p}.`));
  if (under) return under;
  while (p.includes('.')) {
    p = p.slice(0, p.lastIndexOf('.'));
    if (fields.has(p)) return p;
  }
  return '_form';
}

/** validatePolicy's problems by form field (messages kept as the domain wrote them; several per field joined). */
export function problemsByField(problems: readonly PolicyProblem[], fields: ReadonlySet<string>, rows: ParsedPolicyForm['rows']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pr of problems) {
    if (pr.severity !== 'error') continue;
    const f = fieldOfProblem(pr.path, fields, rows);
    out[f] = out[f] ? `${out[f]} ${pr.message}` : pr.message;
  }
  return out;
}
