import type { ResponseAnalysis } from '../../domain/statistics/analyse-responses.js';
import type { Locale } from '../../i18n/locale.js';
import type { Translate } from '../../i18n/translator.js';
import type { ExportColumn, ExportSheet } from '../../web/exports.js';
import type { CompiledSurvey, QuestionDef } from './compile-survey.js';
import { textIn } from './local-text.js';
import type { ResponseRecord } from './questionnaires-repository.js';

type Row = ResponseRecord & { index: number; respondent: string | null };
type Scalar = string | number | boolean | null;

function codeOf(value: unknown): Scalar {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map((v) => String(v)).join('; ');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

function labelOf(q: QuestionDef | undefined, value: unknown, locale: Locale): Scalar {
  if (value === undefined || value === null) return null;
  if (!q || q.choices.length === 0) return codeOf(value);
  const one = (v: unknown) => {
    const choice = q.choices.find((c) => c.value === v || String(c.value) === String(v));
    return choice ? textIn(choice.text, locale) : String(v);
  };
  return Array.isArray(value) ? value.map(one).join('; ') : one(value);
}

/**
 * The responses as tables: one with answer codes (re-importable: the header row holds the question names, and the
 * `_`-prefixed metadata columns are ignored on import), one with the answers' labels in the reader's language, and
 * a codebook of the questions. Respondent labels appear only for questionnaires that are not anonymous and only
 * when asked for; formulas are neutralised by src/web/exports.ts.
 */
export function responseSheets(
  records: ResponseRecord[],
  compiled: CompiledSurvey,
  locale: Locale,
  t: Translate,
  respondents: Map<number, string> | null,
): { codes: ExportSheet<Row>; labels: ExportSheet<Row>; codebook: ExportSheet<Record<string, Scalar>> } {
  const rows: Row[] = records.map((r, i) => ({ ...r, index: i + 1, respondent: respondents && r.linkId !== null ? (respondents.get(r.linkId) ?? null) : null }));
  const meta: ExportColumn<Row>[] = [
    { header: '_response', value: (r) => r.index },
    { header: '_version', value: (r) => r.version },
    { header: '_source', value: (r) => r.source },
    { header: '_month', value: (r) => r.submittedMonth },
  ];
  if (respondents) meta.push({ header: '_respondent', value: (r) => r.respondent }, { header: '_submitted_at', value: (r) => r.submittedAt });
  const keys: Array<{ key: string; question: QuestionDef | undefined }> = [];
  for (const q of compiled.questions) {
    keys.push({ key: q.name, question: q });
    if (q.commentKey) keys.push({ key: q.commentKey, question: undefined });
  }
  // Answers to questions of earlier versions that the current version no longer has.
  const known = new Set(keys.map((k) => k.key));
  for (const r of records) for (const key of Object.keys(r.data)) if (!known.has(key)) { known.add(key); keys.push({ key, question: undefined }); }

  const codes: ExportSheet<Row> = {
    name: t('questionnaires.export.codes'),
    columns: [...meta, ...keys.map((k) => ({ header: k.key, value: (r: Row) => codeOf(r.data[k.key]) }))],
    rows,
  };
  const labels: ExportSheet<Row> = {
    name: t('questionnaires.export.labels'),
    columns: [...meta, ...keys.map((k) => ({ header: k.key, value: (r: Row) => labelOf(k.question, r.data[k.key], locale) }))],
    rows,
  };
  const codebookRows = compiled.questions.map((q) => ({
    name: q.name,
    type: q.type,
    title: textIn(q.title, locale),
    dimension: q.dimension,
    reverse: q.reverse,
    choices: q.choices.map((c) => `${String(c.value)} = ${textIn(c.text, locale)}`).join('; '),
  }));
  const codebook: ExportSheet<Record<string, Scalar>> = {
    name: t('questionnaires.export.codebook'),
    columns: ['name', 'type', 'title', 'dimension', 'reverse', 'choices'].map((key) => ({ header: key, value: (r: Record<string, Scalar>) => r[key] })),
    rows: codebookRows,
  };
  return { codes, labels, codebook };
}

const round = (x: number | null | undefined, digits = 4) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));

/** The analysis tables: items (descriptives, reliability per item), frequencies, dimensions. */
export function analysisSheets(analysis: ResponseAnalysis, compiled: CompiledSurvey, locale: Locale, t: Translate) {
  const itemRows = compiled.questions
    .filter((q) => analysis.items[q.name])
    .map((q) => {
      const a = analysis.items[q.name];
      const dim = q.dimension ? analysis.dimensions[q.dimension] : undefined;
      return {
        item: q.name, title: textIn(q.title, locale), kind: a.kind, dimension: q.dimension, reverse: q.reverse, n: a.n,
        mean: round(a.mean), sd: round(a.sd), median: a.median, agree: round(a.agreePercent, 2), disagree: round(a.disagreePercent, 2),
        alphaIfDeleted: round(dim?.alphaIfDeleted[q.name]), itemTotal: round(dim?.itemTotal[q.name]),
      };
    });
  const items: ExportSheet<Record<string, Scalar>> = {
    name: t('questionnaires.export.items'),
    columns: ['item', 'title', 'kind', 'dimension', 'reverse', 'n', 'mean', 'sd', 'median', 'agree', 'disagree', 'alphaIfDeleted', 'itemTotal'].map((key) => ({
      header: key === 'agree' ? 'agree_percent' : key === 'disagree' ? 'disagree_percent' : key,
      value: (r: Record<string, Scalar>) => r[key],
    })),
    rows: itemRows,
  };
  const frequencyRows = compiled.questions.flatMap((q) =>
    (analysis.items[q.name]?.frequencies ?? []).map((f) => ({ item: q.name, code: f.value, label: f.label, count: f.count, percent: round(f.percent, 2) })),
  );
  const frequencies: ExportSheet<Record<string, Scalar>> = {
    name: t('questionnaires.export.frequencies'),
    columns: ['item', 'code', 'label', 'count', 'percent'].map((key) => ({ header: key, value: (r: Record<string, Scalar>) => r[key] })),
    rows: frequencyRows,
  };
  const dimensionRows = Object.entries(analysis.dimensions).map(([name, d]) => ({
    dimension: name, items: d.items.join('; '), n: d.n, alphaN: d.alphaN, alpha: round(d.alpha), alphaLow: round(d.alphaCi?.[0]), alphaHigh: round(d.alphaCi?.[1]),
    mean: round(d.mean), sd: round(d.sd), median: round(d.median), agree: round(d.agreePercent, 2), disagree: round(d.disagreePercent, 2),
  }));
  const dimensions: ExportSheet<Record<string, Scalar>> = {
    name: t('questionnaires.export.dimensions'),
    columns: ['dimension', 'items', 'n', 'alphaN', 'alpha', 'alphaLow', 'alphaHigh', 'mean', 'sd', 'median', 'agree', 'disagree'].map((key) => ({
      header: key === 'alphaLow' ? 'alpha_ci_low' : key === 'alphaHigh' ? 'alpha_ci_high' : key === 'agree' ? 'agree_percent' : key === 'disagree' ? 'disagree_percent' : key,
      value: (r: Record<string, Scalar>) => r[key],
    })),
    rows: dimensionRows,
  };
  return { items, frequencies, dimensions };
}
