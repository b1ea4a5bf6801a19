import { aggregateReport, type AggregateReportInput } from '../../domain/ahp/aggregate-report.js';
import { hierarchyReport, type HierarchyReportInput } from '../../domain/ahp/hierarchy-report.js';
import { priorityReport, type PriorityReportInput } from '../../domain/ahp/priority-report.js';
import { RI_TABLE_NAMES } from '../../domain/ahp/random-index.js';
import { SAATY_SCALE } from '../../domain/ahp/saaty-scale.js';
import { sensitivity } from '../../domain/ahp/sensitivity.js';
import { uncertaintyReport, type UncertaintyReportInput } from '../../domain/ahp/uncertainty-report.js';
import { parseInput } from '../../web/forms.js';
import { access, route, type RouteDef } from '../../web/route-table.js';
import { AggregateRequest, HierarchyRequest, PrioritiesRequest, UncertaintyRequest } from './ahp-schemas.js';

/**
 * The public AHP calculator: JSON endpoints (no account, rate-limited per IP, no cookies so no CSRF token) and the
 * calculator page for signed-in users. The engine itself (src/domain/ahp) validates the matrices and throws
 * DomainError (→ 400) naming the problem.
 */
export function ahpRoutes(): RouteDef[] {
  const publicJson = { body: ['json' as const], csrf: false, rateLimit: 'api-public' as const };
  return [
    route.post('/api/v1/ahp/priorities', access.public, { ...publicJson, summary: 'Priorities, consistency and inconsistency hints of one pairwise matrix' }, (req, res) => {
      const report = priorityReport(parseInput(PrioritiesRequest, req.body) as PriorityReportInput);
      // Added field: for each element, the weight change (others rescaled) at which the top two swap places.
      res.json({ ...report, sensitivity: report.weights.length > 1 ? sensitivity(report.weights) : [] });
    }),
    route.post('/api/v1/ahp/aggregate', access.public, { ...publicJson, bodyLimit: '10mb', summary: 'Group aggregation of several experts’ matrices' }, (req, res) => {
      res.json(aggregateReport(parseInput(AggregateRequest, req.body) as AggregateReportInput));
    }),
    route.post('/api/v1/ahp/hierarchy', access.public, { ...publicJson, bodyLimit: '2mb', summary: 'Local and global weights of a hierarchy' }, (req, res) => {
      res.json(hierarchyReport(parseInput(HierarchyRequest, req.body) as HierarchyReportInput));
    }),
    route.post('/api/v1/ahp/uncertainty', access.public, { ...publicJson, summary: 'Monte Carlo weight bands of one matrix' }, (req, res) => {
      res.json(uncertaintyReport(parseInput(UncertaintyRequest, req.body) as UncertaintyReportInput));
    }),
    route.get('/ahp/calculator', access.session(), (req, res) => {
      res.page('ahp/calculator', {
        title: req.t('ahp.title'),
        breadcrumbs: [{ label: req.t('nav.home'), href: '/' }, { label: req.t('ahp.title') }],
        riTables: RI_TABLE_NAMES,
        scaleValues: SAATY_SCALE,
        scripts: [`${res.locals.vendor.chartJs}/chart.umd.min.js`, '/static/js/ahp-calculator.js'],
      });
    }),
  ];
}
