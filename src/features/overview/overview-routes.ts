import type { Request } from 'express';
import { access, route, type RouteDef } from '../../web/route-table.js';
import { diagnosisChart } from '../questionnaires/analysis-charts.js';
import type { Overview, OverviewService } from './overview-service.js';

const BLUE = '#1f5fae';
const GRADE_COLOURS = ['#1e7b4f', '#3f8f3a', '#6a9f2e', '#9aa52a', '#b08900', '#c4520f', '#b42318', '#8e1b12', '#5b1a12', '#13243d', '#9aa5b5'];

const short = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Chart.js configurations (plain JSON, drawn by /static/js/charts.js) for the sections that have data. */
function overviewCharts(o: Overview, req: Request) {
  const t = req.t;
  const charts: Record<string, unknown> = {};
  if (o.survey.state === 'ready' && o.survey.dimensions.length) {
    charts.survey = diagnosisChart(o.survey.dimensions, {
      problem: t('questionnaires.diagnosis.problem'), neutral: t('questionnaires.diagnosis.neutral'), ok: t('questionnaires.diagnosis.ok'),
    });
  }
  if (o.model.state === 'ready' && o.model.criteria.length) {
    charts.weights = {
      type: 'bar',
      data: { labels: o.model.criteria.map((c) => `${c.id} ${c.name}`), datasets: [{ label: t('overview.model.weight'), data: o.model.criteria.map((c) => c.weight), backgroundColor: BLUE }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, percent: true } } },
    };
  }
  if (o.portfolio.state === 'ready') {
    const rows = o.portfolio.byGrade;
    charts.grades = {
      type: 'bar',
      data: { labels: rows.map((r) => r.key ?? t('portfolio.ungraded')), datasets: [{ label: t('portfolio.count'), data: rows.map((r) => r.count), backgroundColor: rows.map((_, i) => GRADE_COLOURS[i % GRADE_COLOURS.length]) }] },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
    };
    if (o.portfolio.trend.length >= 2) {
      charts.npl = {
        type: 'line',
        data: {
          labels: o.portfolio.trend.map((p) => p.date),
          datasets: [
            { label: t('portfolio.nplByCount'), data: o.portfolio.trend.map((p) => p.nplRatioByCount), borderColor: '#b42318' },
            { label: t('portfolio.nplByBalance'), data: o.portfolio.trend.map((p) => p.nplRatioByBalance), borderColor: '#c4520f' },
          ],
        },
        options: { scales: { y: { beginAtZero: true, percent: true, percentDigits: 1 } } },
      };
    }
  }
  if (o.validation.state === 'ready') {
    const versions = o.validation.run.versions.filter((v) => v.auc !== null);
    if (versions.length) {
      charts.validation = {
        type: 'bar',
        data: { labels: versions.map((v) => short(`#${v.id} ${v.name}`, 28)), datasets: [{ label: 'AUC', data: versions.map((v) => v.auc), backgroundColor: BLUE }] },
        options: { plugins: { legend: { display: false } }, scales: { y: { min: 0.5, max: 1 } } },
      };
    }
  }
  return charts;
}

/** The management overview page: every role signs in to it; each section shows only what the role may open. */
export function overviewRoutes(deps: { overview: OverviewService }): RouteDef[] {
  return [
    route.get('/overview', access.session(), async (req, res) => {
      const overview = await deps.overview.overview(req.user!, req.locale, req.t);
      const charts = overviewCharts(overview, req);
      res.page('overview/overview', {
        title: req.t('overview.title'),
        breadcrumbs: [{ label: req.t('nav.home'), href: '/' }, { label: req.t('overview.title') }],
        wide: true,
        overview,
        charts,
        today: new Date().toISOString().slice(0, 10),
        scripts: [
          ...(Object.keys(charts).length ? [res.locals.vendor.chartJs + '/chart.umd.min.js', '/static/js/charts.js'] : []),
          '/static/js/overview.js',
        ],
      });
    }),
  ];
}
