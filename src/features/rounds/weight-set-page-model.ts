import { flattenTree, nodeName, type TreeNode } from '../studies/hierarchy-tree.js';
import { judgmentText } from './round-exports.js';
import type { WeightSetView } from './weight-sets-service.js';

type Tr = (key: string, params?: Record<string, string | number>) => string;

/** Heat-map class of a pair's geometric SD of judgments (1 = all experts agree; 3 ≈ one expert says 3, another 1/3). */
export function dispersionClass(g: number | null | undefined): 'none' | 'low' | 'moderate' | 'high' | 'very-high' {
  if (g === null || g === undefined) return 'none';
  if (g < 1.5) return 'low';
  if (g < 2) return 'moderate';
  if (g < 3) return 'high';
  return 'very-high';
}

const COLOURS = ['#1f5fae', '#c4520f', '#1e7b4f', '#8e44ad', '#b08900', '#2a6b8f', '#b42318', '#5b6778'];

/**
 * Everything the weight-set page shows, prepared here so the view only prints: tables, Chart.js configurations
 * (plain JSON for public/js/charts.js), heat-map cells with their class, sensitivity in words.
 */
export function weightSetPageModel(view: WeightSetView, locale: string, t: Tr) {
  const nodes = flattenTree(view.tree);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const name = (id: number) => {
    const n = byId.get(id);
    return n ? nodeName(n, locale) : String(id);
  };
  const parentOf = new Map<number, TreeNode>();
  nodes.forEach((n) => n.children.forEach((c) => parentOf.set(c.id, n)));
  const mc = 'leaves' in view.results.monteCarlo ? view.results.monteCarlo : null;
  const bands = new Map((mc?.leaves ?? []).map((b) => [b.id, b]));
  const expertName = new Map(view.experts.map((e) => [e.id, e.name]));

  const leafRows = nodes
    .filter((n) => n.children.length === 0)
    .map((leaf) => {
      const parent = parentOf.get(leaf.id);
      const local = parent ? (view.nodes[String(parent.id)]?.localWeights[parent.children.findIndex((c) => c.id === leaf.id)] ?? null) : null;
      return { id: leaf.id, code: leaf.code, name: nodeName(leaf, locale), parent: parent ? nodeName(parent, locale) : '', local, global: view.globalWeights[String(leaf.id)] ?? 0, band: bands.get(leaf.id) ?? null };
    });
  const ranked = [...leafRows].sort((a, b) => b.global - a.global);
  const rank = new Map(ranked.map((r, i) => [r.id, i + 1]));
  const leaves = leafRows.map((r) => ({ ...r, rank: rank.get(r.id) as number }));

  const blocks = nodes
    .filter((n) => n.children.length > 0)
    .map((node) => {
      const result = view.results.nodes[String(node.id)];
      const local = result?.localWeights ?? [];
      const children = node.children.map((c, i) => ({ id: c.id, code: c.code, name: nodeName(c, locale), weight: local[i] ?? 0 }));
      const heat = node.children.flatMap((_, i) =>
        node.children.map((__, j) => {
          const g = i === j ? null : (result?.dispersion[i]?.[j] ?? null);
          const a = result?.groupMatrix[i]?.[j] ?? null;
          return { row: i, col: j, diagonal: i === j, value: g, cls: i === j ? 'diagonal' : dispersionClass(g), text: i === j ? '' : g === null ? '—' : g.toFixed(2), judgment: judgmentText(a), answered: result?.answered[i]?.[j] ?? 0 };
        }),
      );
      return {
        id: node.id,
        code: node.code,
        name: nodeName(node, locale),
        globalWeight: result?.globalWeight ?? 0,
        children,
        cr: result?.cr ?? null,
        crFlagged: result?.cr !== null && result?.cr !== undefined && result.cr > view.settings.crThreshold + 1e-12,
        consensus: result?.consensus ?? null,
        band: result?.consensusBand ?? null,
        experts: (result?.individual ?? []).map((ind) => ({ id: ind.expert, name: expertName.get(ind.expert) ?? String(ind.expert), weights: ind.weights, cr: ind.cr, flagged: ind.cr !== null && ind.cr > view.settings.crThreshold + 1e-12 })),
        heat,
        size: node.children.length,
        chartId: `ws-block-${node.id}`,
        chart: blockChart(children, (result?.individual ?? []).map((ind) => ({ name: expertName.get(ind.expert) ?? '', weights: ind.weights })), t),
      };
    });

  const globalChart = {
    type: 'bar',
    data: {
      labels: leaves.map((l) => `${l.code} ${l.name}`),
      datasets: [
        { label: t('weightSets.globalWeight'), data: leaves.map((l) => l.global), backgroundColor: '#1f5fae' },
        ...(mc ? [{ label: t('weightSets.band95'), data: leaves.map((l) => (l.band ? [l.band.p2_5, l.band.p97_5] : null)), backgroundColor: 'rgba(196,82,15,0.45)' }] : []),
      ],
    },
    options: {
      indexAxis: 'y',
      plugins: { legend: { position: 'bottom' } },
      scales: { x: { percent: true, percentDigits: 1, beginAtZero: true } },
    },
  };

  const sensitivity = view.results.sensitivity.map((entry) => ({
    criterion: name(entry.node),
    weight: entry.weight,
    delta: entry.delta,
    weightAtReversal: entry.weightAtReversal,
    top: name(entry.top),
    overtakenBy: entry.overtakenBy === null ? null : name(entry.overtakenBy),
  }));

  const experts = view.experts.map((e) => ({ ...e, result: view.results.experts.find((x) => x.id === e.id) }));
  return {
    leaves,
    blocks,
    globalChart,
    sensitivity,
    experts,
    monteCarlo: view.results.monteCarlo,
    overallCr: view.results.overallCr,
    chartHeight: Math.max(260, leaves.length * 26),
  };
}

function blockChart(children: { code: string; name: string; weight: number }[], experts: { name: string; weights: number[] | null }[], t: Tr) {
  const labels = children.map((c) => `${c.code} ${c.name}`);
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { type: 'bar', label: t('weightSets.group'), data: children.map((c) => c.weight), backgroundColor: 'rgba(31,95,174,0.75)', order: 2 },
        ...experts.map((e, k) => ({
          type: 'scatter',
          label: `E${k + 1}`,
          data: (e.weights ?? []).map((w, i) => ({ x: labels[i], y: w })),
          backgroundColor: COLOURS[k % COLOURS.length],
          pointRadius: 3.5,
          order: 1,
        })),
      ],
    },
    options: {
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 10 } } },
      scales: { y: { percent: true, beginAtZero: true } },
    },
  };
}

/** Grouped bars for the comparison of two weight sets. */
export function compareChart(rows: { code: string; name: string; a: number | null; b: number | null }[], labelA: string, labelB: string) {
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => `${r.code} ${r.name}`),
      datasets: [
        { label: labelA, data: rows.map((r) => r.a), backgroundColor: '#1f5fae' },
        { label: labelB, data: rows.map((r) => r.b), backgroundColor: '#c4520f' },
      ],
    },
    options: { indexAxis: 'y', plugins: { legend: { position: 'bottom' } }, scales: { x: { percent: true, percentDigits: 1, beginAtZero: true } } },
  };
}
