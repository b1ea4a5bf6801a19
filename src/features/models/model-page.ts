import type { CreditModelDefinition } from '../../domain/credit/credit-model-definition.js';
import type { LocalizedText } from '../../domain/credit/scoring-rule.js';
import { ruleSummary } from './model-diff.js';

export function localText(t: LocalizedText | { en: string; zh?: string }, locale: string): string {
  return locale.startsWith('zh') ? t.zh || t.en : t.en || t.zh || '';
}

/** Rows and charts of a version's page: criteria, indicators with local and global weights, rule summaries. */
export function modelPageModel(d: CreditModelDefinition, locale: string) {
  const criteria = d.criteria.map((c) => ({
    id: c.id, name: localText(c.names, locale), weight: c.weight,
    indicators: d.indicators.filter((i) => i.criterion === c.id).map((i) => ({
      id: i.id, name: localText(i.names, locale), unit: i.unit, direction: i.direction, kind: i.rule.kind,
      local: i.weight, global: c.weight * i.weight, rule: ruleSummary(i.rule),
      definition: localText(i.definition, locale),
    })),
  }));
  const leaves = criteria.flatMap((c) => c.indicators.map((i) => ({ ...i, criterion: c.id })));
  const globalChart = {
    type: 'bar',
    data: {
      labels: leaves.map((l) => `${l.id} ${l.name}`),
      datasets: [{ label: locale.startsWith('zh') ? '全局权重' : 'Global weight', data: leaves.map((l) => l.global), backgroundColor: '#1f5fae' }],
    },
    options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { percent: true, percentDigits: 1, beginAtZero: true } } },
  };
  return { criteria, leaves, globalChart, chartHeight: Math.max(320, leaves.length * 22) };
}
