/**
 * The criteria hierarchy as plain data, shared by a study's editable hierarchy and a round's frozen copy:
 * one goal (parentId null), criteria, sub-criteria, indicators (the leaves). Names and descriptions in English
 * and Chinese; `code` is a short stable key (C1, I21) unique within the hierarchy, which credit models use.
 */
export interface LocalizedPair {
  en: string;
  zh: string;
}

export interface HierarchyNode {
  id: number;
  parentId: number | null;
  code: string;
  names: LocalizedPair;
  descriptions: LocalizedPair;
  /** Order among siblings (0-based, gaps allowed; ties broken by id). */
  position: number;
}

export interface TreeNode extends HierarchyNode {
  depth: number;
  children: TreeNode[];
}

/** Levels below the goal: goal → criteria → sub-criteria … at most 5 levels deep. */
export const MAX_HIERARCHY_DEPTH = 5;
/** Children under one parent: a block of 15 already asks 105 comparisons of an expert. */
export const MAX_CHILDREN = 15;
/** All nodes of one hierarchy. */
export const MAX_HIERARCHY_NODES = 300;
export const CODE_PATTERN = /^[A-Za-z0-9_.-]{1,40}$/;

/** The name to show in a locale, falling back to the other language (names are never both empty). */
export function nodeName(node: { names: LocalizedPair }, locale: string): string {
  const zh = locale.startsWith('zh');
  return (zh ? node.names.zh || node.names.en : node.names.en || node.names.zh) || '—';
}

export function nodeDescription(node: { descriptions: LocalizedPair }, locale: string): string {
  const zh = locale.startsWith('zh');
  return zh ? node.descriptions.zh || node.descriptions.en : node.descriptions.en || node.descriptions.zh;
}

function bySiblingOrder(a: HierarchyNode, b: HierarchyNode): number {
  return a.position - b.position || a.id - b.id;
}

/**
 * Builds the tree from flat rows. Returns the goal (the single node without a parent) or undefined for an empty
 * hierarchy. Rows whose parent is missing are ignored (they cannot occur with the foreign keys in place).
 */
export function buildTree(nodes: readonly HierarchyNode[]): TreeNode | undefined {
  const byParent = new Map<number | null, HierarchyNode[]>();
  for (const node of nodes) {
    const list = byParent.get(node.parentId) ?? [];
    list.push(node);
    byParent.set(node.parentId, list);
  }
  const roots = (byParent.get(null) ?? []).sort(bySiblingOrder);
  const root = roots[0];
  if (!root) return undefined;
  const make = (node: HierarchyNode, depth: number): TreeNode => ({
    ...node,
    depth,
    children: (byParent.get(node.id) ?? []).sort(bySiblingOrder).map((child) => make(child, depth + 1)),
  });
  return make(root, 0);
}

/** Depth-first, parents before children, siblings in order. */
export function flattenTree(root: TreeNode | undefined): TreeNode[] {
  const out: TreeNode[] = [];
  const visit = (node: TreeNode) => {
    out.push(node);
    node.children.forEach(visit);
  };
  if (root) visit(root);
  return out;
}

/** Nodes that have children to compare, in questionnaire order (depth-first from the goal). */
export function parentNodes(root: TreeNode | undefined): TreeNode[] {
  return flattenTree(root).filter((node) => node.children.length > 0);
}

/** The leaves (indicators) in depth-first order. */
export function leafNodes(root: TreeNode | undefined): TreeNode[] {
  return flattenTree(root).filter((node) => node.children.length === 0);
}

/** Height of the subtree below a node (0 for a leaf). */
export function subtreeHeight(node: TreeNode): number {
  return node.children.reduce((max, child) => Math.max(max, 1 + subtreeHeight(child)), 0);
}

/** Ids of a node and everything below it. */
export function subtreeIds(node: TreeNode): number[] {
  return flattenTree(node).map((n) => n.id);
}

export function findNode(root: TreeNode | undefined, id: number): TreeNode | undefined {
  return flattenTree(root).find((node) => node.id === id);
}

/** Number of pairwise comparisons an expert makes for the whole hierarchy: Σ n(n−1)/2 over parents. */
export function pairCount(root: TreeNode | undefined): number {
  return parentNodes(root).reduce((sum, node) => sum + (node.children.length * (node.children.length - 1)) / 2, 0);
}

/** A code not yet used: prefix + the smallest number that is free (N1, N2, …). */
export function freeCode(used: ReadonlySet<string>, prefix = 'N'): string {
  for (let i = 1; ; i++) {
    const code = `${prefix}${i}`;
    if (!used.has(code.toLowerCase())) return code;
  }
}
