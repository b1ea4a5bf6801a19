import type { Request, Response } from 'express';
import type { ResponseAnalysis } from '../../domain/statistics/analyse-responses.js';
import type { StatisticsNote } from '../../domain/statistics/statistics-note.js';
import { sendCsv, sendXlsx } from '../../web/exports.js';
import type { AuthUser } from '../../web/request-context.js';
import { access, route, type RouteDef } from '../../web/route-table.js';
import { choiceBarChart, diagnosisChart, groupMeansChart, likertStackedChart } from './analysis-charts.js';
import { buildDiagnosis, dimensionLabel } from './build-diagnosis.js';
import { textIn } from './local-text.js';
import { canWriteQuestionnaire } from './questionnaire-access.js';
import type { Dataset, QuestionnaireAnalysis } from './questionnaire-analysis.js';
import { analysisSheets, responseSheets } from './questionnaire-exports.js';
import { Id, queryName, scopeFromQuery } from './questionnaires-schemas.js';
import type { QuestionnairesService } from './questionnaires-service.js';

export interface AnalysisRouteDeps {
  questionnaires: QuestionnairesService;
  analysis: QuestionnaireAnalysis;
}

/** The query string that keeps the current version and filters when moving between analysis pages. */
function scopeQuery(data: Dataset, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (data.scopeVersion !== undefined) params.set('version', String(data.scopeVersion));
  for (const f of data.filters) params.set(`f.${f.question}`, f.value);
  for (const [k, v] of Object.entries(extra)) if (v !== '') params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The statistics library's notes in the reader's language: a catalogue text per note code (with the item or
 * dimension it is about), or the library's English sentence for codes without one.
 */
export function noteTexts(notes: StatisticsNote[], t: Request['t']): string[] {
  const texts = notes.map((n) => {
    const key = `questionnaires.note.${n.code}`;
    const text = t(key, { subject: n.subject ?? '' });
    return text === key ? n.message : text;
  });
  return [...new Set(texts)];
}

/** View model of the per-dimension and per-item tables, shared by the analysis and report pages. */
function analysisView(data: Dataset, result: ResponseAnalysis, t: Request['t']) {
  const locale = data.locale;
  const dimensions = data.compiled.dimensions.map((name, i) => {
    const d = result.dimensions[name];
    const items = data.compiled.questions
      .filter((q) => q.dimension === name)
      .map((q) => ({ name: q.name, text: textIn(q.title, locale), reverse: q.reverse, a: result.items[q.name], alphaIfDeleted: d?.alphaIfDeleted[q.name] ?? null, itemTotal: d?.itemTotal[q.name] ?? null }));
    return {
      name, label: dimensionLabel(name, t), d, items,
      chartId: `chart-dim-${i}`,
      chart: likertStackedChart(items.filter((item) => item.a?.kind === 'likert').map((item) => ({ name: item.name, text: item.text, analysis: item.a }))),
    };
  });
  const others = data.compiled.questions
    .filter((q) => q.dimension === null && q.kind !== 'text' && result.items[q.name])
    .map((q, i) => ({
      name: q.name, text: textIn(q.title, locale), kind: q.kind, profile: q.profile, multiple: q.multiple, a: result.items[q.name],
      chartId: `chart-item-${i}`, chart: q.kind === 'number' ? null : choiceBarChart(result.items[q.name], textIn(q.title, locale)),
    }));
  const notes = noteTexts([
    ...result.notes,
    ...Object.values(result.dimensions).flatMap((d) => d.notes),
    ...Object.values(result.items).flatMap((a) => a.notes.filter((n) => n.code !== 'reverse-coded')),
  ], t);
  return { dimensions, others, notes };
}

/**
 * Analysis pages (researchers and managers): descriptive statistics and reliability, cross-tabs, group comparisons,
 * free-text answers, the manager's diagnosis, a print-friendly report, and CSV/XLSX exports. Every page takes the
 * same scope from the query string (`version`, `f.<profile question>=<code>` filters).
 */
export function questionnaireAnalysisRoutes(deps: AnalysisRouteDeps): RouteDef[] {
  const { questionnaires, analysis } = deps;
  const reader = access.session('admin', 'researcher', 'manager');
  const actor = (req: Request) => req.user as AuthUser;

  const load = (req: Request) => analysis.dataset(actor(req), Id.parse(req.params.id), scopeFromQuery(req.query as Record<string, unknown>), req.locale);

  const common = async (req: Request, res: Response, data: Dataset, tab: string, label: string) => {
    const q = data.questionnaire;
    return {
      title: `${label} · ${q.title}`,
      breadcrumbs: [{ label: req.t('nav.home'), href: '/' }, { label: req.t('questionnaires.title'), href: '/questionnaires' }, { label: q.title, href: `/questionnaires/${q.id}` }, { label }],
      q,
      tab,
      data,
      scopeQs: scopeQuery(data),
      scopeQuery: (extra: Record<string, string>) => scopeQuery(data, extra),
      versions: await questionnaires.versions(actor(req), q.id),
      profiles: data.compiled.questions.filter((x) => x.profile).map((x) => ({
        name: x.name, text: textIn(x.title, data.locale), choices: x.choices.map((c) => ({ value: String(c.value), label: textIn(c.text, data.locale) })),
      })),
      filterValue: (name: string) => data.filters.find((f) => f.question === name)?.value ?? '',
      wide: true,
      scripts: [`${(res.locals.vendor as Record<string, string>).chartJs}/chart.umd.min.js`, '/static/js/charts.js'],
    };
  };

  const categoricalOptions = (data: Dataset) =>
    data.compiled.questions
      .filter((q) => !q.multiple && (q.kind === 'choice' || q.kind === 'likert'))
      .map((q) => ({ name: q.name, text: textIn(q.title, data.locale) }));

  return [
    route.get('/questionnaires/:id/analysis', reader, async (req, res) => {
      const data = await load(req);
      const result = analysis.analyse(data);
      res.page('questionnaires/analysis', {
        ...(await common(req, res, data, 'analysis', req.t('questionnaires.analysis.title'))),
        result,
        participation: await analysis.participation(data),
        view: analysisView(data, result, req.t),
      });
    }),

    route.get('/questionnaires/:id/crosstab', reader, async (req, res) => {
      const data = await load(req);
      const rows = queryName(req.query as Record<string, unknown>, 'rows');
      const cols = queryName(req.query as Record<string, unknown>, 'cols');
      const options = categoricalOptions(data);
      const crosstab = rows && cols ? analysis.crosstab(data, rows, cols) : null;
      res.page('questionnaires/crosstab', {
        ...(await common(req, res, data, 'crosstab', req.t('questionnaires.crosstab.title'))),
        options,
        selected: { rows: rows || options.find((o) => data.compiled.byName.get(o.name)?.profile)?.name || '', cols },
        crosstab,
        notes: crosstab ? noteTexts(crosstab.notes, req.t) : [],
      });
    }),

    route.get('/questionnaires/:id/compare', reader, async (req, res) => {
      const data = await load(req);
      const query = req.query as Record<string, unknown>;
      const target = queryName(query, 'dimension');
      const by = queryName(query, 'by');
      const showAnova = queryName(query, 'anova') === '1';
      const targets = [
        ...data.compiled.dimensions.map((d) => ({ name: d, text: dimensionLabel(d, req.t), group: 'dimension' })),
        ...data.compiled.questions.filter((q) => q.kind === 'likert' || q.kind === 'number').map((q) => ({ name: q.name, text: `${q.name} ${textIn(q.title, data.locale)}`, group: 'item' })),
      ];
      const comparison = target && by ? analysis.compare(data, target, by) : null;
      const targetDef = data.compiled.byName.get(target);
      const scale = targetDef?.scale ?? data.compiled.questions.find((q) => q.dimension === target)?.scale ?? null;
      res.page('questionnaires/compare', {
        ...(await common(req, res, data, 'compare', req.t('questionnaires.compare.title'))),
        targets,
        selected: { dimension: target || data.compiled.dimensions[0] || '', by: by || data.compiled.questions.find((q) => q.profile)?.name || '', anova: showAnova },
        comparison,
        notes: comparison ? noteTexts(comparison.notes, req.t) : [],
        chart: comparison ? groupMeansChart(comparison, req.t('questionnaires.compare.mean'), scale) : null,
      });
    }),

    route.get('/questionnaires/:id/answers', reader, async (req, res) => {
      const data = await load(req);
      const search = queryName(req.query as Record<string, unknown>, 'q');
      res.page('questionnaires/answers', {
        ...(await common(req, res, data, 'answers', req.t('questionnaires.answers.title'))),
        search,
        texts: analysis.textAnswers(data, search),
      });
    }),

    route.get('/questionnaires/:id/diagnosis', reader, async (req, res) => {
      const data = await load(req);
      const diagnosis = buildDiagnosis(data, analysis.analyse(data), req.t);
      res.page('questionnaires/diagnosis', {
        ...(await common(req, res, data, 'diagnosis', req.t('questionnaires.diagnosis.title'))),
        diagnosis,
        chart: diagnosisChart(diagnosis.dimensions, {
          problem: req.t('questionnaires.diagnosis.problem'), neutral: req.t('questionnaires.diagnosis.neutral'), ok: req.t('questionnaires.diagnosis.ok'),
        }),
      });
    }),

    route.get('/questionnaires/:id/report', reader, async (req, res) => {
      const data = await load(req);
      const result = analysis.analyse(data);
      const diagnosis = buildDiagnosis(data, result, req.t);
      const locals = await common(req, res, data, 'report', req.t('questionnaires.report.title'));
      res.page('questionnaires/report', {
        ...locals,
        wide: false,
        scripts: [...locals.scripts, '/static/js/questionnaire-report.js'],
        result,
        participation: await analysis.participation(data),
        view: analysisView(data, result, req.t),
        diagnosis,
        chart: diagnosisChart(diagnosis.dimensions, {
          problem: req.t('questionnaires.diagnosis.problem'), neutral: req.t('questionnaires.diagnosis.neutral'), ok: req.t('questionnaires.diagnosis.ok'),
        }),
      });
    }),

    // exports
    ...(['csv', 'xlsx'] as const).map((format) =>
      route.get(`/questionnaires/:id/export/responses.${format}`, reader, async (req, res) => {
        const data = await load(req);
        const identified = req.query.identified === '1' && !data.questionnaire.anonymous && canWriteQuestionnaire(actor(req), data.questionnaire);
        const labels = identified ? new Map((await questionnaires.links(actor(req), data.questionnaire.id)).map((l) => [l.id, l.label])) : null;
        const kept = new Set(data.rows);
        const records = data.records.filter((r) => kept.has(r.data));
        const sheets = responseSheets(records, data.compiled, data.locale, req.t, labels);
        const base = `questionnaire-${data.questionnaire.id}-responses`;
        if (format === 'csv') return sendCsv(res, base, sheets.codes);
        await sendXlsx(res, base, [sheets.codes, sheets.labels, sheets.codebook]);
      }),
    ),
    ...(['csv', 'xlsx'] as const).map((format) =>
      route.get(`/questionnaires/:id/export/analysis.${format}`, reader, async (req, res) => {
        const data = await load(req);
        const sheets = analysisSheets(analysis.analyse(data), data.compiled, data.locale, req.t);
        const base = `questionnaire-${data.questionnaire.id}-analysis`;
        if (format === 'csv') return sendCsv(res, base, sheets.items);
        await sendXlsx(res, base, [sheets.dimensions, sheets.items, sheets.frequencies]);
      }),
    ),
  ];
}
