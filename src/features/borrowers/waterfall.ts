import type { BorrowerEvaluation } from '../../domain/credit/borrower-evaluation.js';
import type { CreditModelDefinition } from '../../domain/credit/credit-model-definition.js';

export interface WaterfallStep {
  key: string;
  label: string;
  /** Start and end of the floating bar (score points). */
  from: number;
  to: number;
  kind: 'criterion' | 'indicator' | 'overlay' | 'total';
}

/**
 * Contributions to the score (issue 6 item 5): criterion c adds (applied weight W_c) × (criterion score); the
 * steps add up to the weighted score before the overlay; the overlay adds its bounded points; the last bar is the
 * final score. With `level: 'indicator'` each indicator adds (applied global weight) × (indicator score) instead.
 * Rounded only for display by the caller.
 */
export function waterfallSteps(e: BorrowerEvaluation, d: CreditModelDefinition, locale: string, level: 'criterion' | 'indicator' = 'criterion'): WaterfallStep[] {
  const zh = locale.startsWith('zh');
  const steps: WaterfallStep[] = [];
  let cum = 0;
  if (level === 'criterion') {
    for (const c of d.criteria) {
      const r = e.criteria[c.id];
      if (!r) continue;
      const add = r.score === null ? 0 : r.weight * r.score;
      steps.push({ key: c.id, label: `${c.id} ${zh ? c.names.zh || c.names.en : c.names.en}`, from: cum, to: cum + add, kind: 'criterion' });
      cum += add;
    }
  } else {
    for (const i of d.indicators) {
      const r = e.indicators[i.id];
      if (!r || r.score === null || r.weight === 0) continue;
      const add = r.weight * r.score;
      steps.push({ key: i.id, label: `${i.id} ${zh ? i.names.zh || i.names.en : i.names.en}`, from: cum, to: cum + add, kind: 'indicator' });
      cum += add;
    }
  }
  const overlay = e.adjustments.find((a) => a.kind === 'overlay');
  if (overlay && overlay.kind === 'overlay') {
    steps.push({ key: 'overlay', label: zh ? `宏观叠加（指数 ${overlay.prosperityIndex}）` : `Macro overlay (index ${overlay.prosperityIndex})`, from: overlay.scoreBefore, to: e.score, kind: 'overlay' });
  }
  steps.push({ key: 'total', label: zh ? '得分' : 'Score', from: 0, to: e.score, kind: 'total' });
  return steps;
}

/** A Chart.js floating-bar configuration of the steps (JSON only, drawn by public/js/charts.js). */
export function waterfallChart(steps: readonly WaterfallStep[], horizontal = false) {
  const colour = (s: WaterfallStep) => (s.kind === 'total' ? '#13243d' : s.kind === 'overlay' ? (s.to >= s.from ? '#1e7b4f' : '#b42318') : '#1f5fae');
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    type: 'bar',
    data: {
      labels: steps.map((s) => s.label),
      datasets: [{ label: 'score', data: steps.map((s) => [r2(Math.min(s.from, s.to)), r2(Math.max(s.from, s.to))]), backgroundColor: steps.map(colour) }],
    },
    options: {
      ...(horizontal ? { indexAxis: 'y' } : {}),
      plugins: { legend: { display: false } },
      scales: horizontal ? { x: { min: 0, max: 100 } } : { y: { min: 0, max: 100 } },
    },
  };
}
