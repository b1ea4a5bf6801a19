import type { ExportSheet } from '../../web/exports.js';
import { flattenTree, nodeName, parentNodes, type TreeNode } from '../studies/hierarchy-tree.js';
import type { InvitationRecord, StoredJudgment } from './rounds-repository.js';
import type { WeightSetView } from './weight-sets-service.js';

type Tr = (key: string, params?: Record<string, string | number>) => string;
type Cell = string | number | boolean | null;

/** A judgment as text: 3 → "3", 1/3 → "1/3", null → "" (the numeric value is exported beside it). */
export function judgmentText(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (value >= 1) return String(Math.round(value * 1e6) / 1e6);
  const inverse = 1 / value;
  return Math.abs(inverse - Math.round(inverse)) < 1e-6 ? `1/${Math.round(inverse)}` : String(Math.round(value * 1e6) / 1e6);
}

/** Round to 6 decimals for spreadsheets (the JSON exports keep full precision). */
const r6 = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 1e6) / 1e6);

/** Judgments in long format: one row per expert and pair (DESIGN §4 encoding: value = left over right). */
export function judgmentsSheet(root: TreeNode | undefined, invitations: InvitationRecord[], judgments: StoredJudgment[], t: Tr, locale: string): ExportSheet<StoredJudgment> {
  const nodes = new Map(flattenTree(root).map((n) => [n.id, n]));
  const experts = new Map(invitations.map((i) => [i.id, i]));
  const code = (id: number) => nodes.get(id)?.code ?? String(id);
  const name = (id: number) => {
    const node = nodes.get(id);
    return node ? nodeName(node, locale) : String(id);
  };
  return {
    name: t('rounds.export.judgments'),
    columns: [
      { header: 'expert_id', value: (j) => j.invitationId },
      { header: 'expert', value: (j) => experts.get(j.invitationId)?.name ?? '' },
      { header: 'organisation', value: (j) => experts.get(j.invitationId)?.organisation ?? '' },
      { header: 'expert_weight', value: (j) => experts.get(j.invitationId)?.weight ?? null },
      { header: 'expert_status', value: (j) => experts.get(j.invitationId)?.status ?? '' },
      { header: 'parent_id', value: (j) => j.parentId },
      { header: 'parent_code', value: (j) => code(j.parentId) },
      { header: 'parent', value: (j) => name(j.parentId) },
      { header: 'left_id', value: (j) => j.leftId },
      { header: 'left_code', value: (j) => code(j.leftId) },
      { header: 'left', value: (j) => name(j.leftId) },
      { header: 'right_id', value: (j) => j.rightId },
      { header: 'right_code', value: (j) => code(j.rightId) },
      { header: 'right', value: (j) => name(j.rightId) },
      { header: 'value', value: (j) => j.value },
      { header: 'value_text', value: (j) => judgmentText(j.value) },
      { header: 'no_opinion', value: (j) => j.value === null },
      { header: 'updated_at', value: (j) => j.updatedAt },
    ],
    rows: judgments,
  };
}

/**
 * Each expert's matrices: per expert one sheet (XLSX) or, stacked, one table (CSV): a title row per block, a
 * header row of the children's codes, then the full reciprocal matrix (1/x as text, "—" missing, "?" no opinion).
 */
export function matrixSheets(root: TreeNode | undefined, invitations: InvitationRecord[], judgments: StoredJudgment[], locale: string, stacked: boolean): ExportSheet<Cell[]>[] {
  const blocks = parentNodes(root).filter((p) => p.children.length >= 2);
  const width = Math.max(2, ...blocks.map((b) => b.children.length + 1));
  const sheets: ExportSheet<Cell[]>[] = [];
  const all: Cell[][] = [];
  for (const invitation of invitations) {
    const rows: Cell[][] = [];
    const own = judgments.filter((j) => j.invitationId === invitation.id);
    if (!own.length) continue;
    for (const block of blocks) {
      const ids = block.children.map((c) => c.id);
      const cell = (i: number, j: number): string => {
        if (i === j) return '1';
        const a = ids[Math.min(i, j)] as number, b = ids[Math.max(i, j)] as number;
        const found = own.find((x) => x.parentId === block.id && x.leftId === a && x.rightId === b);
        if (!found) return '—';
        if (found.value === null) return '?';
        return judgmentText(i < j ? found.value : 1 / found.value);
      };
      rows.push([stacked ? `${invitation.name} · ${block.code} ${nodeName(block, locale)}` : `${block.code} ${nodeName(block, locale)}`]);
      rows.push(['', ...block.children.map((c) => c.code)]);
      block.children.forEach((child, i) => rows.push([child.code, ...ids.map((_, j) => cell(i, j))]));
      rows.push([]);
    }
    if (stacked) all.push(...rows);
    else sheets.push({ name: `${invitation.id} ${invitation.name}`, columns: columnsFor(width), rows });
  }
  return stacked ? [{ name: 'matrices', columns: columnsFor(width), rows: all }] : sheets;
}

function columnsFor(width: number) {
  return Array.from({ length: width }, (_, k) => ({ header: k === 0 ? '' : String(k), value: (row: Cell[]) => row[k] ?? null }));
}

interface WeightRow {
  node: TreeNode;
  local: number | null;
  global: number | null;
  cr: number | null;
  consensus: number | null;
  band: string | null;
}

/** A weight set as tables: weights of every node, blocks, each expert's global weights, and the settings. */
export function weightSetSheets(view: WeightSetView, t: Tr, locale: string): ExportSheet<any>[] {
  const nodes = flattenTree(view.tree);
  const parentOf = new Map<number, TreeNode>();
  nodes.forEach((n) => n.children.forEach((c) => parentOf.set(c.id, n)));
  const global = new Map<number, number>();
  global.set(view.tree.id, 1);
  for (const n of nodes) {
    const w = view.nodes[String(n.id)]?.localWeights ?? [];
    n.children.forEach((c, i) => global.set(c.id, (global.get(n.id) ?? 0) * (w[i] ?? 0)));
  }
  const weightRows: WeightRow[] = nodes.map((node) => {
    const parent = parentOf.get(node.id);
    const local = parent ? (view.nodes[String(parent.id)]?.localWeights[parent.children.findIndex((c) => c.id === node.id)] ?? null) : 1;
    const own = view.nodes[String(node.id)];
    return { node, local, global: global.get(node.id) ?? null, cr: own?.cr ?? null, consensus: own?.consensus ?? null, band: own?.consensusBand ?? null };
  });
  const weights: ExportSheet<WeightRow> = {
    name: t('weightSets.export.weights'),
    columns: [
      { header: 'node_id', value: (r) => r.node.id },
      { header: 'code', value: (r) => r.node.code },
      { header: 'name', value: (r) => nodeName(r.node, locale) },
      { header: 'parent_code', value: (r) => parentOf.get(r.node.id)?.code ?? '' },
      { header: 'level', value: (r) => r.node.depth },
      { header: 'leaf', value: (r) => r.node.children.length === 0 },
      { header: 'local_weight', value: (r) => r6(r.local) },
      { header: 'global_weight', value: (r) => r6(r.global) },
      { header: 'block_cr', value: (r) => r6(r.cr) },
      { header: 'block_consensus_s_star', value: (r) => r6(r.consensus) },
      { header: 'consensus_band', value: (r) => r.band },
    ],
    rows: weightRows,
  };
  const leaves = nodes.filter((n) => n.children.length === 0);
  const expertRows = view.results.experts.map((e) => ({ e, info: view.experts.find((x) => x.id === e.id) }));
  const experts: ExportSheet<(typeof expertRows)[number]> = {
    name: t('weightSets.export.experts'),
    columns: [
      { header: 'expert_id', value: (r) => r.e.id },
      { header: 'expert', value: (r) => r.info?.name ?? '' },
      { header: 'weight', value: (r) => r.info?.weight ?? null },
      { header: 'max_cr', value: (r) => r6(r.e.maxCr) },
      { header: 'flagged', value: (r) => r.info?.flagged ?? false },
      ...leaves.map((leaf) => ({ header: leaf.code, value: (r: (typeof expertRows)[number]) => r6(r.e.globalWeights?.[String(leaf.id)] ?? null) })),
    ],
    rows: expertRows,
  };
  const settingsRows = Object.entries({ ...view.settings, weightSetId: view.id, label: view.label, round: view.roundLabel, createdAt: view.createdAt, createdBy: view.createdByName ?? '' }).map(([key, value]) => ({
    key,
    value: typeof value === 'object' ? JSON.stringify(value) : (value as Cell),
  }));
  const settings: ExportSheet<{ key: string; value: Cell }> = {
    name: t('weightSets.export.settings'),
    columns: [
      { header: 'setting', value: (r) => r.key },
      { header: 'value', value: (r) => r.value },
    ],
    rows: settingsRows,
  };
  return [weights, experts, settings];
}
