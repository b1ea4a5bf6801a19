import type { Request } from 'express';
import { z } from 'zod';
import { LOAN_CLASSIFICATIONS } from '../../domain/credit/loan-classification.js';
import { access, route, type RouteDef } from '../../web/route-table.js';
import type { BorrowersService } from '../borrowers/borrowers-service.js';
import type { ModelVersion } from '../models/model-version.js';
import type { ModelsService } from '../models/models-service.js';
import type { PortfolioService } from './portfolio-service.js';
import type { CountRow } from './portfolio-view.js';

const optionalId = z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.coerce.number().int().positive().max(2_147_483_647).optional());
const COLOURS = ['#1f5fae', '#2a6b8f', '#1e7b4f', '#6a9f2e', '#b08900', '#c4520f', '#b42318', '#7a3fb0', '#5b6778', '#13243d', '#9aa5b5'];

/** The manager's portfolio page (issue 6 item 7). */
export function portfolioRoutes(deps: { portfolio: PortfolioService; models: ModelsService; borrowers: BorrowersService }): RouteDef[] {
  const { portfolio, models, borrowers } = deps;
  const viewers = access.session('admin', 'researcher', 'manager');

  async function pickVersion(req: Request): Promise<ModelVersion | null> {
    const q = optionalId.safeParse(req.query.version);
    if (q.success && q.data) return models.getModelVersion(q.data);
    const effective = await models.effectiveVersionAt(new Date().toISOString().slice(0, 10));
    if (effective) return effective;
    const approved = await models.approvedVersions();
    return approved[0] ? models.getModelVersion(approved[0].id) : null;
  }

  const bar = (rows: CountRow[], label: (k: string | null) => string, value: (r: CountRow) => number, percent = false) => ({
    type: 'bar',
    data: { labels: rows.map((r) => label(r.key)), datasets: [{ label: '', data: rows.map(value), backgroundColor: rows.map((_, i) => COLOURS[i % COLOURS.length]) }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ...(percent ? { percent: true } : {}) } } },
  });

  return [
    route.get('/portfolio', viewers, async (req, res) => {
      // Independent reads together: on SQLite's single connection the page then queues once for them under load.
      const [version, portfolios, versions] = await Promise.all([pickVersion(req), borrowers.portfolios(), models.listModelVersions()]);
      // Default: the portfolio with the newest snapshot ('*' = all portfolios together).
      const asked = typeof req.query.portfolio === 'string' && req.query.portfolio ? req.query.portfolio.slice(0, 200) : null;
      const portfolioName = asked === '*' ? null : asked ?? portfolios.slice().sort((a, b) => (b.latestAsOf ?? '').localeCompare(a.latestAsOf ?? ''))[0]?.portfolio ?? null;
      const asOf = typeof req.query.asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(req.query.asOf) ? req.query.asOf : null;
      const data = version ? await portfolio.view({ version, portfolio: portfolioName, asOf }) : null;
      const unknown = req.t('borrowers.unknown');
      const charts = data ? {
        grade: bar(data.current.byGrade, (k) => k ?? req.t('portfolio.ungraded'), (r) => r.count),
        industry: bar(data.current.byIndustry.slice(0, 15), (k) => k ?? unknown, (r) => r.count),
        size: bar(data.current.bySize, (k) => (k ? req.t('borrowers.sizeBand.' + k) : unknown), (r) => r.count),
        defaults: bar(data.current.byGrade.filter((r) => r.outcomes > 0), (k) => k ?? req.t('portfolio.ungraded'), (r) => r.defaults / r.outcomes, true),
        trend: {
          type: 'line',
          data: {
            labels: data.trend.map((p) => p.date),
            datasets: [
              { label: req.t('portfolio.nplByCount'), data: data.trend.map((p) => p.nplRatioByCount), borderColor: '#b42318', yAxisID: 'y' },
              { label: req.t('portfolio.nplByBalance'), data: data.trend.map((p) => p.nplRatioByBalance), borderColor: '#c4520f', yAxisID: 'y' },
              { label: req.t('portfolio.averageScore'), data: data.trend.map((p) => (p.averageScore === null ? null : Math.round(p.averageScore * 100) / 100)), borderColor: '#1f5fae', yAxisID: 'y2' },
            ],
          },
          options: { scales: { y: { beginAtZero: true, percent: true, position: 'left' }, y2: { min: 0, max: 100, position: 'right', grid: { drawOnChartArea: false } } } },
        },
        mix: {
          type: 'bar',
          data: {
            labels: data.trend.map((p) => p.date),
            datasets: [...version!.definition.gradeScale.bands.map((b) => b.grade), version!.definition.gradeScale.defaultGrade].map((g, i) => ({ label: g, data: data.trend.map((p) => p.gradeShares[g] ?? 0), backgroundColor: COLOURS[i % COLOURS.length] })),
          },
          options: { scales: { x: { stacked: true }, y: { stacked: true, max: 1, percent: true } } },
        },
      } : null;
      res.page('portfolio/portfolio', {
        title: req.t('portfolio.title'), wide: true,
        breadcrumbs: [{ label: req.t('nav.home'), href: '/' }, { label: req.t('portfolio.title') }],
        version, versions: versions.filter((v) => v.status !== 'draft'), portfolios,
        portfolioName, data, charts, classifications: LOAN_CLASSIFICATIONS,
        scripts: [res.locals.vendor.chartJs + '/chart.umd.min.js', '/static/js/charts.js'],
      });
    }),
  ];
}
