import type { DryRunMix } from '../../domain/policy/policy-dry-run.js';
import type { DryRunReport } from './dry-run-report.js';

const COLOURS = { approve: '#1e7b4f', refer: '#c4520f', decline: '#b42318' } as const;
const DECISIONS = ['approve', 'refer', 'decline'] as const;

/**
 * Chart.js configurations of the dry-run page (plain JSON for charts.js): the decision mix under the current
 * policy and under the version (shares, stacked), and the version's mix by grade (counts, stacked).
 */
export function dryRunCharts(report: DryRunReport, t: (key: string, params?: Record<string, string | number>) => string) {
  const r = report.result;
  const share = (m: DryRunMix | null | undefined, d: (typeof DECISIONS)[number]) => (m && m.total > 0 ? m[d] / m.total : null);
  const rows: { label: string; mix: DryRunMix }[] = [];
  if (r.comparison) rows.push({ label: t('policies.dryRun.current'), mix: r.comparison.baselineMix });
  rows.push({ label: t('policies.dryRun.thisPolicy'), mix: r.mix });
  const mix = {
    type: 'bar',
    data: {
      labels: rows.map((x) => x.label),
      datasets: DECISIONS.map((d) => ({ label: t(`policies.decision.${d}`), data: rows.map((x) => share(x.mix, d)), backgroundColor: COLOURS[d] })),
    },
    options: { indexAxis: 'y', scales: { x: { stacked: true, min: 0, max: 1, percent: true }, y: { stacked: true } } },
  };
  const byGrade = {
    type: 'bar',
    data: {
      labels: report.byGrade.map((g) => g.grade),
      datasets: DECISIONS.map((d) => ({ label: t(`policies.decision.${d}`), data: report.byGrade.map((g) => g.mix[d]), backgroundColor: COLOURS[d] })),
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
  };
  return { mix, byGrade };
}
