import type { GradeScale } from '../credit/grade-scale.js';
import type { KnockOutRule, PlausibilityBound, PolicyDefinition } from './policy-definition.js';

export interface PolicyProblem {
  /** Where, as a dotted path into the definition (e.g. 'exposureLimits.BBB.small'). */
  readonly path: string;
  readonly message: string;
  /** 'error' blocks use (decideApplication throws); 'warning' is shown to the person approving the policy. */
  readonly severity: 'error' | 'warning';
}

const CAP_KINDS = new Set(['knock-out', 'cap', 'requirement', 'default']);
const FLAGS = new Set(['dishonestDebtorList', 'insolvency']);
const LEVELS = ['green', 'yellow', 'orange', 'red'] as const;
const ACTIONS = new Set(['none', 'refer', 'decline']);
const OVERRIDE_KINDS = new Set(['unchanged', 'refer-approved', 'refer-declined', 'decline-to-approve', 'approve-to-decline']);

/**
 * Problems in a policy definition (issue 9, item 1), every one listed with its path; an empty list means usable.
 * Errors: a malformed grade scale (grades unique, minScore strictly decreasing to a last band of 0, the default
 * grade not a band); thresholds not on the scale or approveFrom worse than referFrom; knock-out rules with
 * duplicate ids, unknown kinds or flags, empty lists or labels; size bands empty or repeated; exposure limits
 * for unknown grades or bands, negative or non-finite, or missing for a grade that can approve or refer; amounts,
 * terms, shares, windows and tolerances out of range (shares in (0, 1], completeness in [0, 1], days ≥ 0,
 * amounts > 0); plausibility bounds with min > max or neither end; unknown warning levels, actions or override
 * kinds. Warnings: exposure limits that rise from a better grade to a worse one in a band; a split-check limit
 * different from the automatic approval ceiling.
 * `options.gradeScale`: the attached model's scale, which must equal the policy's.
 */
export function validatePolicy(policy: PolicyDefinition, options: { readonly gradeScale?: GradeScale } = {}): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  const err = (path: string, message: string) => out.push({ path, message, severity: 'error' });
  const warn = (path: string, message: string) => out.push({ path, message, severity: 'warning' });
  const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  const nonNeg = (path: string, x: unknown) => { if (!isNum(x) || x < 0) err(path, `${path} must be a finite number ≥ 0, got ${String(x)}.`); };
  const positive = (path: string, x: unknown) => { if (!isNum(x) || x <= 0) err(path, `${path} must be a finite number > 0, got ${String(x)}.`); };
  const share = (path: string, x: unknown) => { if (!isNum(x) || x <= 0 || x > 1) err(path, `${path} must be a share in (0, 1], got ${String(x)}.`); };
  const text = (path: string, t: { en?: unknown; zh?: unknown } | undefined) => {
    if (!t || typeof t.en !== 'string' || t.en.trim() === '' || typeof t.zh !== 'string' || t.zh.trim() === '') {
      err(path, `${path} needs an English and a Chinese text.`);
    }
  };

  // Grade scale.
  const scale = policy.gradeScale;
  const grades: string[] = [];
  if (!scale || !Array.isArray(scale.bands) || scale.bands.length === 0) {
    err('gradeScale', 'The grade scale needs at least one band.');
  } else {
    scale.bands.forEach((b, i) => {
      grades.push(b.grade);
      if (typeof b.grade !== 'string' || b.grade === '') err(`gradeScale.bands.${i}`, `Band ${i + 1} needs a grade name.`);
      if (!isNum(b.minScore) || b.minScore < 0 || b.minScore > 100) err(`gradeScale.bands.${i}.minScore`, `Band ${b.grade}: minScore must be in 0..100.`);
      if (i > 0 && !(b.minScore < scale.bands[i - 1].minScore)) err(`gradeScale.bands.${i}.minScore`, `Band ${b.grade}: minScore must be below the band above it.`);
    });
    if (scale.bands[scale.bands.length - 1].minScore !== 0) err('gradeScale.bands', 'The last band must have minScore 0.');
    if (new Set(grades).size !== grades.length) err('gradeScale.bands', 'Grades must be unique.');
    if (typeof scale.defaultGrade !== 'string' || scale.defaultGrade === '' || grades.includes(scale.defaultGrade)) {
      err('gradeScale.defaultGrade', 'The default grade must be a name that is not one of the bands.');
    }
  }
  if (options.gradeScale) {
    const a = options.gradeScale, b = policy.gradeScale;
    const same = a.defaultGrade === b?.defaultGrade && a.bands.length === b.bands.length
      && a.bands.every((x, i) => x.grade === b.bands[i].grade && x.minScore === b.bands[i].minScore);
    if (!same) err('gradeScale', "The policy's grade scale differs from the model's.");
  }
  const rank = (g: string) => grades.indexOf(g);

  // Thresholds.
  const t = policy.gradeThresholds;
  const approveRank = rank(t?.approveFrom), referRank = rank(t?.referFrom);
  if (approveRank < 0) err('gradeThresholds.approveFrom', `approveFrom "${String(t?.approveFrom)}" is not a band of the grade scale.`);
  if (referRank < 0) err('gradeThresholds.referFrom', `referFrom "${String(t?.referFrom)}" is not a band of the grade scale.`);
  if (approveRank >= 0 && referRank >= 0 && approveRank > referRank) {
    err('gradeThresholds', `approveFrom (${t.approveFrom}) must be at or above referFrom (${t.referFrom}).`);
  }

  // Knock-outs.
  const ids = new Set<string>();
  if (!Array.isArray(policy.knockOuts)) err('knockOuts', 'knockOuts must be a list (empty for none).');
  const knockOuts: readonly KnockOutRule[] = Array.isArray(policy.knockOuts) ? policy.knockOuts : [];
  knockOuts.forEach((k, i) => {
    const p = `knockOuts.${i}`;
    if (typeof k.id !== 'string' || k.id === '') err(`${p}.id`, `Knock-out ${i + 1} needs an id.`);
    else if (ids.has(k.id)) err(`${p}.id`, `Knock-out id "${k.id}" is used twice.`);
    else ids.add(k.id);
    if (k.action !== 'refer' && k.action !== 'decline') err(`${p}.action`, `Knock-out ${k.id}: action must be refer or decline.`);
    text(`${p}.labels`, k.labels);
    const c = k.condition;
    if (!c) err(`${p}.condition`, `Knock-out ${k.id} needs a condition.`);
    else if (c.kind === 'cap-kind') {
      if (!Array.isArray(c.capKinds) || c.capKinds.length === 0 || c.capKinds.some((x) => !CAP_KINDS.has(x))) {
        err(`${p}.condition.capKinds`, `Knock-out ${k.id}: capKinds must list some of knock-out, cap, requirement, default.`);
      }
    } else if (c.kind === 'cap-id') {
      if (!Array.isArray(c.capIds) || c.capIds.length === 0 || c.capIds.some((x) => typeof x !== 'string' || x === '')) {
        err(`${p}.condition.capIds`, `Knock-out ${k.id}: capIds must list cap ids.`);
      }
    } else if (c.kind === 'flag') {
      if (!FLAGS.has(c.flag)) err(`${p}.condition.flag`, `Knock-out ${k.id}: unknown flag "${String(c.flag)}".`);
    } else if (c.kind === 'indicator-code') {
      if (typeof c.indicator !== 'string' || c.indicator === '') err(`${p}.condition.indicator`, `Knock-out ${k.id} needs an indicator id.`);
      if (!Array.isArray(c.codes) || c.codes.length === 0) err(`${p}.condition.codes`, `Knock-out ${k.id} needs codes.`);
    } else {
      err(`${p}.condition.kind`, `Knock-out ${k.id}: unknown condition kind "${String((c as { kind?: unknown }).kind)}".`);
    }
  });

  // Size bands and exposure limits.
  const bands = Array.isArray(policy.sizeBands) ? policy.sizeBands : [];
  if (bands.length === 0 || bands.some((b) => typeof b !== 'string' || b === '')) err('sizeBands', 'At least one size band is needed, each a non-empty name.');
  if (new Set(bands).size !== bands.length) err('sizeBands', 'Size bands must be unique.');
  const limits = policy.exposureLimits !== null && typeof policy.exposureLimits === 'object' ? policy.exposureLimits : {};
  for (const [grade, row] of Object.entries(limits)) {
    if (rank(grade) < 0) err(`exposureLimits.${grade}`, `Exposure limits for "${grade}", which is not a band of the grade scale.`);
    if (row === null || typeof row !== 'object') { err(`exposureLimits.${grade}`, `Exposure limits for ${grade} must map size bands to amounts.`); continue; }
    for (const [band, v] of Object.entries(row)) {
      if (!bands.includes(band)) err(`exposureLimits.${grade}.${band}`, `Exposure limit for unknown size band "${band}".`);
      nonNeg(`exposureLimits.${grade}.${band}`, v);
    }
  }
  if (referRank >= 0) {
    for (let g = 0; g <= referRank; g++) {
      for (const band of bands) {
        if (limits[grades[g]]?.[band] === undefined) err(`exposureLimits.${grades[g]}.${band}`, `Grade ${grades[g]} can approve or refer but has no exposure limit for size band ${band}.`);
      }
    }
    for (const band of bands) {
      for (let g = 1; g <= referRank; g++) {
        const better = limits[grades[g - 1]]?.[band], worse = limits[grades[g]]?.[band];
        if (isNum(better) && isNum(worse) && worse > better) {
          warn(`exposureLimits.${grades[g]}.${band}`, `Size band ${band}: grade ${grades[g]} has a higher limit (${worse}) than the better grade ${grades[g - 1]} (${better}).`);
        }
      }
    }
  }
  if (policy.noHeadroomAction !== 'refer' && policy.noHeadroomAction !== 'decline') err('noHeadroomAction', 'noHeadroomAction must be refer or decline.');

  // Amounts, term, completeness, warnings, concentration.
  if (policy.autoApprovalMaxAmount !== null) positive('autoApprovalMaxAmount', policy.autoApprovalMaxAmount);
  if (policy.maxTermMonths !== null) positive('maxTermMonths', policy.maxTermMonths);
  if (!isNum(policy.minCompleteness) || policy.minCompleteness < 0 || policy.minCompleteness > 1) {
    err('minCompleteness', `minCompleteness must be in [0, 1], got ${String(policy.minCompleteness)}.`);
  }
  for (const level of LEVELS) {
    if (!ACTIONS.has(policy.warningLevelActions?.[level])) err(`warningLevelActions.${level}`, `Warning level ${level} needs an action: none, refer or decline.`);
  }
  const conc = policy.industryConcentration;
  if (!conc) err('industryConcentration', 'Industry concentration limits are needed (use defaultMaxShare null for none).');
  else {
    if (conc.defaultMaxShare !== null) share('industryConcentration.defaultMaxShare', conc.defaultMaxShare);
    for (const [industry, s] of Object.entries(conc.maxShareByIndustry ?? {})) share(`industryConcentration.maxShareByIndustry.${industry}`, s);
    nonNeg('industryConcentration.minPortfolioBalance', conc.minPortfolioBalance);
  }
  if (policy.reviewFlagAction !== 'none' && policy.reviewFlagAction !== 'refer') err('reviewFlagAction', 'reviewFlagAction must be none or refer.');

  // Loophole checks.
  const lc = policy.loopholeChecks;
  if (!lc) err('loopholeChecks', 'Loophole check parameters are needed (null switches one check off).');
  else {
    if (lc.duplicate) nonNeg('loopholeChecks.duplicate.windowDays', lc.duplicate.windowDays);
    if (lc.split) {
      nonNeg('loopholeChecks.split.windowDays', lc.split.windowDays);
      positive('loopholeChecks.split.aggregateLimit', lc.split.aggregateLimit);
      if (policy.autoApprovalMaxAmount !== null && isNum(lc.split.aggregateLimit) && lc.split.aggregateLimit !== policy.autoApprovalMaxAmount) {
        warn('loopholeChecks.split.aggregateLimit', `The split-application limit (${lc.split.aggregateLimit}) differs from the automatic approval ceiling (${policy.autoApprovalMaxAmount}).`);
      }
    }
    if (lc.staleness) nonNeg('loopholeChecks.staleness.maxAgeDays', lc.staleness.maxAgeDays);
    const pl = lc.plausibility;
    if (pl) {
      if (!Array.isArray(pl.bounds)) err('loopholeChecks.plausibility.bounds', 'Plausibility bounds must be a list (empty for none).');
      const bounds: readonly PlausibilityBound[] = Array.isArray(pl.bounds) ? pl.bounds : [];
      bounds.forEach((b, i) => {
        const p = `loopholeChecks.plausibility.bounds.${i}`;
        if (typeof b.indicator !== 'string' || b.indicator === '') err(`${p}.indicator`, `Bound ${i + 1} needs an indicator id.`);
        if (b.kind !== 'implausible' && b.kind !== 'review') err(`${p}.kind`, `Bound ${i + 1}: kind must be implausible or review.`);
        if (b.min === null && b.max === null) err(p, `Bound ${i + 1} (${b.indicator}) needs a min or a max.`);
        if (b.min !== null && !isNum(b.min)) err(`${p}.min`, `Bound ${i + 1}: min must be a finite number or null.`);
        if (b.max !== null && !isNum(b.max)) err(`${p}.max`, `Bound ${i + 1}: max must be a finite number or null.`);
        if (isNum(b.min) && isNum(b.max) && b.min > b.max) err(p, `Bound ${i + 1} (${b.indicator}): min ${b.min} is above max ${b.max}.`);
      });
      nonNeg('loopholeChecks.plausibility.quickAboveCurrentTolerance', pl.quickAboveCurrentTolerance);
      if (pl.dupont) {
        nonNeg('loopholeChecks.plausibility.dupont.absolutePct', pl.dupont.absolutePct);
        nonNeg('loopholeChecks.plausibility.dupont.relative', pl.dupont.relative);
      }
      if (pl.statement) {
        nonNeg('loopholeChecks.plausibility.statement.relative', pl.statement.relative);
        nonNeg('loopholeChecks.plausibility.statement.itemRelative', pl.statement.itemRelative);
        for (const k of ['pct', 'ratio', 'days'] as const) nonNeg(`loopholeChecks.plausibility.statement.absolute.${k}`, pl.statement.absolute?.[k]);
      }
    }
  }

  // Overrides.
  const ov = policy.overrides;
  if (!ov) err('overrides', 'Override rules are needed.');
  else {
    if (ov.secondApprovalAboveAmount !== null) nonNeg('overrides.secondApprovalAboveAmount', ov.secondApprovalAboveAmount);
    if (!Array.isArray(ov.secondApprovalKinds) || ov.secondApprovalKinds.some((k) => !OVERRIDE_KINDS.has(k))) {
      err('overrides.secondApprovalKinds', 'secondApprovalKinds must list override kinds (decline-to-approve, approve-to-decline, refer-approved, refer-declined, unchanged).');
    }
  }
  if (typeof policy.proposal !== 'boolean') err('proposal', 'proposal must be true or false.');
  return out;
}
