import { DomainError } from '../domain-error.js';

/** A node of a decision hierarchy as the API receives it: its ordered children are node ids or leaf ids. */
export interface HierarchyNodeInput {
  readonly id: string;
  readonly children: readonly string[];
}

/**
 * Validated hierarchy: nodes in topological order (goal first, every parent before its children), children
 * encoded as `k ≥ 0` → node k, `k < 0` → leaf −k−1. Leaves are the child ids that are not nodes, in order of
 * first appearance. A node may sit under several parents (the structure is a DAG).
 */
export interface CompiledHierarchy {
  readonly nodeIds: string[];
  /** Index of each node in the caller's `nodes` array, by topological position. */
  readonly inputIndex: number[];
  readonly children: Int32Array[];
  readonly leafIds: string[];
}

function isId(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0;
}

/**
 * Validates a hierarchy and orders it: the goal must be one of the nodes; node ids are unique non-empty
 * strings; every node lists ≥ 1 distinct child ids; there is no cycle; every node is reachable from the goal
 * (a node that is not is reported as unknown to the hierarchy). A child id that is not a node is a leaf
 * (alternative or indicator). Errors name the node (DomainError details `{ node }` or `{ node, child }`).
 */
export function compileHierarchy(goal: unknown, nodes: readonly HierarchyNodeInput[]): CompiledHierarchy {
  if (!isId(goal)) throw new DomainError('bad-goal', 'The goal must be the id (a non-empty string) of one of the nodes.', { goal });
  if (!Array.isArray(nodes) || nodes.length === 0) throw new DomainError('no-nodes', 'A hierarchy needs at least one node (the goal).');
  const byId = new Map<string, number>();
  nodes.forEach((node, k) => {
    if (typeof node !== 'object' || node === null || !isId(node.id)) {
      throw new DomainError('bad-node', `Node ${k + 1} needs an "id" (a non-empty string).`, { index: k });
    }
    if (byId.has(node.id)) throw new DomainError('duplicate-node', `Node "${node.id}" is defined twice.`, { node: node.id });
    byId.set(node.id, k);
    if (!Array.isArray(node.children) || node.children.length === 0) {
      throw new DomainError('no-children', `Node "${node.id}" must list at least one child.`, { node: node.id });
    }
    const seen = new Set<string>();
    for (const child of node.children) {
      if (!isId(child)) throw new DomainError('bad-child', `Node "${node.id}" has a child id that is not a non-empty string.`, { node: node.id, child });
      if (seen.has(child)) throw new DomainError('duplicate-child', `Node "${node.id}" lists child "${child}" twice.`, { node: node.id, child });
      seen.add(child);
    }
  });
  const root = byId.get(goal);
  if (root === undefined) throw new DomainError('unknown-goal', `The goal "${goal}" is not one of the nodes.`, { goal });

  // Iterative DFS from the goal: grey = on the current path (a grey child closes a cycle), post-order gives
  // a reverse topological order.
  const state = new Uint8Array(nodes.length); // 0 white, 1 grey, 2 black
  const post: number[] = [];
  const stack: { node: number; next: number }[] = [{ node: root, next: 0 }];
  state[root] = 1;
  while (stack.length) {
    const top = stack[stack.length - 1];
    const kids = nodes[top.node].children;
    if (top.next < kids.length) {
      const childId = kids[top.next++];
      const c = byId.get(childId);
      if (c === undefined) continue;
      if (state[c] === 1) {
        throw new DomainError('cycle', `The hierarchy has a cycle: "${childId}" is its own ancestor (via "${nodes[top.node].id}").`, { node: nodes[top.node].id, child: childId });
      }
      if (state[c] === 0) { state[c] = 1; stack.push({ node: c, next: 0 }); }
    } else {
      state[top.node] = 2; post.push(top.node);
      stack.pop();
    }
  }
  const orphan = nodes.findIndex((_, k) => state[k] === 0);
  if (orphan >= 0) {
    throw new DomainError('unreachable-node', `Node "${nodes[orphan].id}" is not under the goal "${goal}"; it is unknown to this hierarchy.`, { node: nodes[orphan].id });
  }
  const order = post.reverse();
  const position = new Map<number, number>();
  order.forEach((k, p) => position.set(k, p));
  const leafIds: string[] = [], leafIndex = new Map<string, number>();
  const children = order.map((k) => Int32Array.from(nodes[k].children as readonly string[], (id: string) => {
    const c = byId.get(id);
    if (c !== undefined) return position.get(c)!;
    let l = leafIndex.get(id);
    if (l === undefined) { l = leafIds.length; leafIds.push(id); leafIndex.set(id, l); }
    return -l - 1;
  }));
  return { nodeIds: order.map((k) => nodes[k].id), inputIndex: order, children, leafIds };
}
