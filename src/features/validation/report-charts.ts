import type { Translate } from '../../i18n/translator.js';
import type { ValidationRun } from './validation-repository.js';

const COLOURS = ['#1f5fae', '#c4520f', '#1e7b4f', '#7a3fb0', '#b42318', '#2a6b8f'];
const round = (x: number) => Math.round(x * 10000) / 10000;

function axis(title: string, percent = false) {
  return { type: 'linear', min: 0, max: 1, title: { display: true, text: title }, ...(percent ? { percent: true } : {}) };
}

/**
 * Chart.js configurations of a report (plain JSON, drawn by /static/js/charts.js): ROC curves with the chance
 * diagonal, CAP curves with the random and the perfect model, and observed default rate against PD by grade.
 */
export function reportCharts(run: ValidationRun, t: Translate) {
  const r = run.results;
  const name = (key: string) => run.versions.find((v) => v.key === key)?.name ?? key;
  const line = { showLine: true, pointRadius: 0, borderWidth: 2, fill: false };
  const dashed = { ...line, borderWidth: 1, borderDash: [5, 4], borderColor: '#9aa5b5' };
  const base = { animation: false, plugins: { legend: { position: 'bottom' } } };
  const roc = {
    type: 'scatter',
    data: {
      datasets: [
        ...r.versions.map((v, i) => ({ ...line, label: `${name(v.key)} (AUC ${v.auc === null ? '—' : v.auc.toFixed(3)})`, borderColor: COLOURS[i % COLOURS.length],
          data: v.roc.map((p) => ({ x: round(p.falsePositiveRate), y: round(p.truePositiveRate) })) })),
        { ...dashed, label: t('val.chart.chance'), data: [{ x: 0, y: 0 }, { x: 1, y: 1 }] },
      ],
    },
    options: { ...base, scales: { x: axis(t('val.chart.fpr'), true), y: axis(t('val.chart.tpr'), true) } },
  };
  const badShare = r.sample.weightedBadRate;
  const cap = {
    type: 'scatter',
    data: {
      datasets: [
        ...r.versions.map((v, i) => ({ ...line, label: `${name(v.key)} (AR ${v.gini === null ? '—' : v.gini.toFixed(3)})`, borderColor: COLOURS[i % COLOURS.length],
          data: v.cap.map((p) => ({ x: round(p.populationShare), y: round(p.badShare) })) })),
        { ...dashed, label: t('val.chart.random'), data: [{ x: 0, y: 0 }, { x: 1, y: 1 }] },
        { ...dashed, borderDash: [2, 3], label: t('val.chart.perfect'), data: [{ x: 0, y: 0 }, { x: round(badShare), y: 1 }, { x: 1, y: 1 }] },
      ],
    },
    options: { ...base, scales: { x: axis(t('val.chart.excluded'), true), y: axis(t('val.chart.captured'), true) } },
  };
  const reference = r.versions[0]!;
  const grades = reference.calibration.map((c) => c.grade);
  const calibration = {
    type: 'bar',
    data: {
      labels: grades,
      datasets: [
        ...r.versions.map((v, i) => ({
          type: 'bar', label: `${t('val.observedRate')} · ${name(v.key)}`, backgroundColor: COLOURS[i % COLOURS.length],
          data: grades.map((g) => { const c = v.calibration.find((x) => x.grade === g); return c ? round(c.weightedDefaultRate) : null; }),
        })),
        { type: 'line', label: 'PD', borderColor: '#13243d', backgroundColor: '#13243d', borderWidth: 2, pointRadius: 3,
          data: grades.map((g) => round(reference.calibration.find((x) => x.grade === g)!.pd)) },
      ],
    },
    options: { ...base, scales: { y: { beginAtZero: true, percent: true, title: { display: true, text: t('val.defaultRate') } } } },
  };
  return { roc, cap, calibration };
}
