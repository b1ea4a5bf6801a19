import type { ResponseAnalysis } from '../../domain/statistics/analyse-responses.js';
import { compareGroups } from '../../domain/statistics/compare-groups.js';
import { dimensionScores } from '../../domain/statistics/dimension-scores.js';
import { DomainError } from '../../domain/domain-error.js';
import type { Translate } from '../../i18n/translator.js';
import { textIn } from './local-text.js';
import { MIN_GROUP_SIZE, type Dataset } from './questionnaire-analysis.js';

export type Severity = 'high' | 'moderate' | 'low';

/** Where the platform addresses a problem area (plain links to the other areas). */
export interface PlatformLink {
  href: string;
  /** Message key of the link text. */
  label: string;
}

export interface ConcernedGroup {
  question: string;
  questionTitle: string;
  group: string;
  n: number;
  mean: number;
  /** Kruskal–Wallis p across all groups of the question (null when untestable). */
  p: number | null;
}

export interface DimensionDiagnosis {
  name: string;
  label: string;
  rank: number;
  severity: Severity;
  n: number;
  /** % of respondents whose dimension score lies below the scale midpoint (they see a problem). */
  problemShare: number;
  neutralShare: number;
  okShare: number;
  mean: number | null;
  sd: number | null;
  scale: { min: number; max: number };
  alpha: number | null;
  alphaCi: [number, number] | null;
  reliability: 'good' | 'acceptable' | 'questionable' | 'poor' | 'unknown';
  /** The items most respondents see as a problem (disagreeing with a positive statement, agreeing with a reversed one). */
  weakestItems: Array<{ name: string; text: string; problemShare: number }>;
  /** Per profile question, the group with the lowest mean score (groups of at least MIN_GROUP_SIZE). */
  groups: ConcernedGroup[];
  links: PlatformLink[];
}

export interface Diagnosis {
  respondents: number;
  dimensions: DimensionDiagnosis[];
  /** The generated plain-language summary, one paragraph per entry. */
  summary: string[];
}

/**
 * The platform areas that address each problem area of the shipped template (by dimension name, so a
 * researcher's own questionnaire gets the same links by using the same dimension names).
 */
export const DIMENSION_LINKS: Record<string, PlatformLink[]> = {
  'npl-disposal': [{ href: '/models', label: 'questionnaires.link.earlyWarning' }, { href: '/validation', label: 'questionnaires.link.validation' }],
  'early-warning': [{ href: '/models', label: 'questionnaires.link.earlyWarning' }],
  'evaluation-system': [{ href: '/studies', label: 'questionnaires.link.evaluationModel' }, { href: '/models', label: 'questionnaires.link.creditModel' }],
  'model-fit': [{ href: '/studies', label: 'questionnaires.link.evaluationModel' }, { href: '/validation', label: 'questionnaires.link.validation' }],
  'online-approval': [{ href: '/models', label: 'questionnaires.link.creditModel' }, { href: '/validation', label: 'questionnaires.link.validation' }],
};

/** George & Mallery (2003) rule of thumb for Cronbach's alpha. */
function reliabilityBand(alpha: number | null): DimensionDiagnosis['reliability'] {
  if (alpha === null) return 'unknown';
  if (alpha >= 0.8) return 'good';
  if (alpha >= 0.7) return 'acceptable';
  if (alpha >= 0.6) return 'questionable';
  return 'poor';
}

function severityOf(problemShare: number): Severity {
  if (problemShare >= 50) return 'high';
  if (problemShare >= 30) return 'moderate';
  return 'low';
}

/** The label of a dimension: the catalogue's for the template's dimensions, else its name. */
export function dimensionLabel(name: string, t: Translate): string {
  const key = `questionnaires.dimension.${name}`;
  const label = t(key);
  return label === key ? name : label;
}

const fmt = (x: number, digits = 0) => x.toFixed(digits);

/**
 * The manager's diagnosis (issue 5, point 6): every dimension ranked by severity — the share of respondents whose
 * score (after reverse-coding) lies below the scale midpoint, ties broken by the lower mean — with its evidence
 * (distribution, weakest items, the groups most concerned by Kruskal–Wallis across each profile question,
 * Cronbach's alpha), the platform areas that address it, and a plain-language summary built from those numbers
 * in the reader's language. Convention: items are worded so that agreeing means the practice works (problem
 * statements carry `reverse`), so a low score means a problem.
 */
export function buildDiagnosis(data: Dataset, analysis: ResponseAnalysis, t: Translate): Diagnosis {
  const profiles = data.compiled.questions.filter((q) => q.profile);
  const dimensions: DimensionDiagnosis[] = [];
  for (const [name, result] of Object.entries(analysis.dimensions)) {
    const members = data.compiled.questions.filter((q) => q.dimension === name);
    const scale = members[0]?.scale ?? (members[0] && members[0].min !== null && members[0].max !== null ? { min: members[0].min, max: members[0].max } : null);
    if (!scale || result.n === 0 || result.disagreePercent === undefined || result.disagreePercent === null) continue;
    const problemShare = result.disagreePercent;
    const okShare = result.agreePercent ?? 0;
    const weakestItems = members
      .map((q) => {
        const item = analysis.items[q.name];
        const share = (q.reverse ? item?.agreePercent : item?.disagreePercent) ?? null;
        return { name: q.name, text: textIn(q.title, data.locale), problemShare: share ?? 0, known: share !== null };
      })
      .filter((i) => i.known)
      .sort((a, b) => b.problemShare - a.problemShare)
      .slice(0, 2)
      .map(({ known: _known, ...rest }) => rest);
    const groups: ConcernedGroup[] = [];
    const scores = dimensionScores(data.rows, data.specs, name);
    for (const profile of profiles) {
      const spec = data.specs.find((s) => s.name === profile.name);
      if (!spec) continue;
      let comparison;
      try {
        comparison = compareGroups(data.rows, scores, spec);
      } catch (error) {
        if (error instanceof DomainError) continue;
        throw error;
      }
      let worst: ConcernedGroup | null = null;
      for (const [label, g] of Object.entries(comparison.groups)) {
        if (g.n < MIN_GROUP_SIZE || g.mean === null) continue;
        if (!worst || g.mean < worst.mean) {
          worst = { question: profile.name, questionTitle: textIn(profile.title, data.locale), group: label, n: g.n, mean: g.mean, p: comparison.kruskalWallis.p };
        }
      }
      if (worst) groups.push(worst);
    }
    groups.sort((a, b) => (a.p ?? 2) - (b.p ?? 2));
    dimensions.push({
      name,
      label: dimensionLabel(name, t),
      rank: 0,
      severity: severityOf(problemShare),
      n: result.n,
      problemShare,
      okShare,
      neutralShare: Math.max(0, 100 - problemShare - okShare),
      mean: result.mean,
      sd: result.sd,
      scale,
      alpha: result.alpha,
      alphaCi: result.alphaCi,
      reliability: reliabilityBand(result.alpha),
      weakestItems,
      groups,
      links: DIMENSION_LINKS[name] ?? [],
    });
  }
  dimensions.sort((a, b) => b.problemShare - a.problemShare || (a.mean ?? 0) - (b.mean ?? 0));
  dimensions.forEach((d, i) => {
    d.rank = i + 1;
  });
  return { respondents: data.rows.length, dimensions, summary: summarise(data.rows.length, dimensions, t, data.locale === 'zh-CN' ? '' : ' ') };
}

function summarise(respondents: number, dimensions: DimensionDiagnosis[], t: Translate, sentenceGap: string): string[] {
  if (respondents === 0 || dimensions.length === 0) return [t('questionnaires.diagnosis.summary.none')];
  const serious = dimensions.filter((d) => d.severity === 'high');
  const paragraphs = [
    t('questionnaires.diagnosis.summary.intro', { n: respondents, serious: serious.length, total: dimensions.length }),
  ];
  for (const d of dimensions.filter((x) => x.severity !== 'low').slice(0, 5)) {
    const parts = [
      t('questionnaires.diagnosis.summary.area', {
        rank: d.rank, label: d.label, share: fmt(d.problemShare), mean: d.mean === null ? '—' : fmt(d.mean, 2),
        min: d.scale.min, max: d.scale.max, mid: fmt((d.scale.min + d.scale.max) / 2, 1).replace(/\.0$/, ''),
      }),
    ];
    const weakest = d.weakestItems[0];
    if (weakest) parts.push(t('questionnaires.diagnosis.summary.weakest', { item: weakest.text, share: fmt(weakest.problemShare) }));
    const group = d.groups[0];
    if (group && group.p !== null && group.p < 0.05) {
      parts.push(t('questionnaires.diagnosis.summary.group', { group: group.group, mean: fmt(group.mean, 2), p: group.p < 0.001 ? '< 0.001' : `= ${fmt(group.p, 3)}` }));
    } else if (group) {
      parts.push(t('questionnaires.diagnosis.summary.noGroup'));
    }
    if (d.reliability === 'poor' || d.reliability === 'questionable') {
      parts.push(t('questionnaires.diagnosis.summary.unreliable', { alpha: d.alpha === null ? '—' : fmt(d.alpha, 2) }));
    }
    paragraphs.push(parts.join(sentenceGap));
  }
  const fine = dimensions.filter((x) => x.severity === 'low');
  if (fine.length > 0) paragraphs.push(t('questionnaires.diagnosis.summary.fine', { labels: fine.map((d) => d.label).join(t('questionnaires.diagnosis.summary.separator')) }));
  if (serious.length > 0) paragraphs.push(t('questionnaires.diagnosis.summary.next'));
  return paragraphs;
}
