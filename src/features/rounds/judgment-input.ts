import { exactSaatyValue } from '../../domain/ahp/saaty-scale.js';
import { ValidationError } from '../../web/http-errors.js';
import type { TreeNode } from '../studies/hierarchy-tree.js';

/** A pair of children of `parent` in a round's frozen hierarchy, by round-node id. */
export interface PairRef {
  parent: number;
  left: number;
  right: number;
}

/** A judgment as the expert page (or a script) sends it: `value` = how many times as important left is as right. */
export interface JudgmentInput extends PairRef {
  value: number | null;
}

/** Stored form (DESIGN §4): left before right in the parent's order; value on the 1–9 scale or null. */
export interface CanonicalJudgment {
  parentId: number;
  leftId: number;
  rightId: number;
  value: number | null;
}

export interface ParentIndex {
  /** Child ids in order, per parent id. */
  children: Map<number, number[]>;
}

/** Parent id → ordered child ids, for every node with at least two children (the blocks experts compare). */
export function indexParents(root: TreeNode | undefined): ParentIndex {
  const children = new Map<number, number[]>();
  const visit = (node: TreeNode) => {
    if (node.children.length >= 2) children.set(node.id, node.children.map((c) => c.id));
    node.children.forEach(visit);
  };
  if (root) visit(root);
  return { children };
}

/** Rejects judgment number `index` (0-based) with a catalogue message `expert.error.<reason>`. */
function reject(index: number, reason: 'unknownParent' | 'notAPair' | 'duplicatePair' | 'noOpinionNotAllowed' | 'notOnScale'): never {
  throw new ValidationError(`expert.error.${reason}`, {}, { judgment: index, reason }).with({ index: index + 1 });
}

/**
 * Puts a pair in stored order: both must be different children of `parent` in the frozen hierarchy; when left
 * comes after right in the parent's order they are swapped (and a value inverted). Throws a 400 naming the pair.
 */
export function canonicalPair(index: ParentIndex, pair: PairRef, position: number): { parentId: number; leftId: number; rightId: number; swapped: boolean } {
  const kids = index.children.get(pair.parent);
  if (!kids) reject(position, 'unknownParent');
  const i = kids.indexOf(pair.left), j = kids.indexOf(pair.right);
  if (i < 0 || j < 0 || i === j) reject(position, 'notAPair');
  return i < j
    ? { parentId: pair.parent, leftId: pair.left, rightId: pair.right, swapped: false }
    : { parentId: pair.parent, leftId: pair.right, rightId: pair.left, swapped: true };
}

/**
 * Server-side check of judgments against a round's frozen hierarchy (issue 4 point 5): only pairs of the
 * hierarchy, only the 17 scale values 1/9 … 9 (a value within 1e-6 relative of one is taken as it), `null` only
 * when "no opinion" is allowed, each pair at most once per request. Returns them in stored order or throws 400
 * before anything is written.
 */
export function canonicaliseJudgments(index: ParentIndex, inputs: readonly JudgmentInput[], options: { allowNoOpinion: boolean }): CanonicalJudgment[] {
  const seen = new Set<string>();
  return inputs.map((input, position) => {
    const pair = canonicalPair(index, input, position);
    const key = `${pair.parentId}:${pair.leftId}:${pair.rightId}`;
    if (seen.has(key)) reject(position, 'duplicatePair');
    seen.add(key);
    let value: number | null;
    if (input.value === null) {
      if (!options.allowNoOpinion) reject(position, 'noOpinionNotAllowed');
      value = null;
    } else {
      const exact = typeof input.value === 'number' ? exactSaatyValue(input.value) : null;
      if (exact === null) reject(position, 'notOnScale');
      value = pair.swapped ? (exactSaatyValue(1 / exact) as number) : exact;
    }
    return { parentId: pair.parentId, leftId: pair.leftId, rightId: pair.rightId, value };
  });
}

/** Checks that a node id is one of the round's blocks (for the "current page" an expert resumes at). */
export function isBlock(index: ParentIndex, nodeId: number): boolean {
  return index.children.has(nodeId);
}

/** The number of pairs an expert answers in the whole round. */
export function totalPairs(index: ParentIndex): number {
  let total = 0;
  for (const kids of index.children.values()) total += (kids.length * (kids.length - 1)) / 2;
  return total;
}

