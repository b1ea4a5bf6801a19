import type { ItemAnalysis } from '../../domain/statistics/analyse-responses.js';
import type { GroupComparison } from '../../domain/statistics/compare-groups.js';
import type { DimensionDiagnosis } from './build-diagnosis.js';

/**
 * Chart.js configurations (plain JSON, drawn by public/js/charts.js). Scale points use a diverging brown–teal
 * palette (ColorBrewer BrBG) rather than red–green, because for reverse-coded items agreeing is the bad answer.
 */
const DIVERGING: Record<number, string[]> = {
  2: ['#a6611a', '#018571'],
  3: ['#d8b365', '#e0e0e0', '#5ab4ac'],
  4: ['#a6611a', '#dfc27d', '#80cdc1', '#018571'],
  5: ['#a6611a', '#dfc27d', '#d9d9d9', '#80cdc1', '#018571'],
  6: ['#8c510a', '#d8b365', '#f6e8c3', '#c7eae5', '#5ab4ac', '#01665e'],
  7: ['#8c510a', '#d8b365', '#f6e8c3', '#e0e0e0', '#c7eae5', '#5ab4ac', '#01665e'],
};
const QUALITATIVE = ['#1f5fae', '#c4520f', '#1e7b4f', '#7a4ea3', '#b08900', '#2a6b8f', '#b42318', '#5b6778'];

function palette(points: number): string[] {
  if (DIVERGING[points]) return DIVERGING[points];
  return Array.from({ length: points }, (_, i) => QUALITATIVE[i % QUALITATIVE.length]);
}

const short = (text: string, max = 48) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** One 100 % stacked horizontal bar per Likert item (the share of each scale point). */
export function likertStackedChart(items: Array<{ name: string; text: string; analysis: ItemAnalysis }>): Record<string, unknown> {
  const first = items[0]?.analysis.frequencies ?? [];
  const colours = palette(first.length);
  return {
    type: 'bar',
    data: {
      labels: items.map((i) => short(`${i.name} ${i.text}`)),
      datasets: first.map((point, p) => ({
        label: point.label,
        backgroundColor: colours[p],
        data: items.map((i) => (i.analysis.frequencies[p]?.percent ?? 0) / 100),
      })),
    },
    options: {
      indexAxis: 'y',
      scales: { x: { stacked: true, min: 0, max: 1, percent: true }, y: { stacked: true } },
      plugins: { legend: { position: 'bottom' } },
    },
  };
}

/** Horizontal bars of a choice question's answer shares. */
export function choiceBarChart(analysis: ItemAnalysis, label: string): Record<string, unknown> {
  return {
    type: 'bar',
    data: {
      labels: analysis.frequencies.map((f) => short(f.label, 40)),
      datasets: [{ label, backgroundColor: '#1f5fae', data: analysis.frequencies.map((f) => f.percent / 100) }],
    },
    options: { indexAxis: 'y', scales: { x: { min: 0, percent: true } }, plugins: { legend: { display: false } } },
  };
}

/** Mean score per group. */
export function groupMeansChart(comparison: GroupComparison, label: string, scale: { min: number; max: number } | null): Record<string, unknown> {
  const groups = Object.entries(comparison.groups).filter(([, g]) => g.n > 0);
  return {
    type: 'bar',
    data: {
      labels: groups.map(([name, g]) => `${short(name, 32)} (n=${g.n})`),
      datasets: [{ label, backgroundColor: '#2a6b8f', data: groups.map(([, g]) => g.mean) }],
    },
    options: {
      indexAxis: 'y',
      scales: { x: scale ? { min: scale.min, max: scale.max } : { beginAtZero: true } },
      plugins: { legend: { display: false } },
    },
  };
}

/** The diagnosis: share of respondents seeing a problem / neutral / no problem, per dimension in severity order. */
export function diagnosisChart(dimensions: DimensionDiagnosis[], labels: { problem: string; neutral: string; ok: string }): Record<string, unknown> {
  return {
    type: 'bar',
    data: {
      labels: dimensions.map((d) => short(d.label, 44)),
      datasets: [
        { label: labels.problem, backgroundColor: '#a6611a', data: dimensions.map((d) => d.problemShare / 100) },
        { label: labels.neutral, backgroundColor: '#d9d9d9', data: dimensions.map((d) => d.neutralShare / 100) },
        { label: labels.ok, backgroundColor: '#018571', data: dimensions.map((d) => d.okShare / 100) },
      ],
    },
    options: {
      indexAxis: 'y',
      scales: { x: { stacked: true, min: 0, max: 1, percent: true }, y: { stacked: true } },
      plugins: { legend: { position: 'bottom' } },
    },
  };
}
