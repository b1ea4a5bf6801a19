import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SAATY_SCALE } from '../../../../src/domain/ahp/saaty-scale.js';
import { canonicaliseJudgments, indexParents, totalPairs } from '../../../../src/features/rounds/judgment-input.js';
import { buildTree } from '../../../../src/features/studies/hierarchy-tree.js';
import { ValidationError } from '../../../../src/web/http-errors.js';

/** goal 1 → criteria 2, 3, 4; criterion 2 → indicators 5, 6; 3 and 4 are leaves. */
const root = buildTree(
  [
    [1, null], [2, 1], [3, 1], [4, 1], [5, 2], [6, 2],
  ].map(([id, parentId], position) => ({ id: id as number, parentId: parentId as number | null, code: `N${id}`, names: { en: `n${id}`, zh: '' }, descriptions: { en: '', zh: '' }, position })),
);
const index = indexParents(root);

function reason(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (err instanceof ValidationError) return String((err.details as { reason: string }).reason);
    throw err;
  }
  return 'accepted';
}

describe('canonicaliseJudgments (server-side check of autosaved judgments)', () => {
  it('keeps pairs in the parent order and turns a reversed pair round, inverting its value', () => {
    expect(totalPairs(index)).toBe(3 + 1);
    expect(canonicaliseJudgments(index, [{ parent: 1, left: 4, right: 2, value: 3 }, { parent: 2, left: 5, right: 6, value: 1 / 7 }], { allowNoOpinion: false })).toEqual([
      { parentId: 1, leftId: 2, rightId: 4, value: 1 / 3 },
      { parentId: 2, leftId: 5, rightId: 6, value: 1 / 7 },
    ]);
  });

  it('snaps a value within 1e-6 of a scale value to it (0.3333333 → 1/3)', () => {
    expect(canonicaliseJudgments(index, [{ parent: 1, left: 2, right: 3, value: 0.3333333 }], { allowNoOpinion: false })[0]?.value).toBe(1 / 3);
  });

  it.each([
    ['a value off the scale', { parent: 1, left: 2, right: 3, value: 2.5 }, 'notOnScale'],
    ['a value above 9', { parent: 1, left: 2, right: 3, value: 10 }, 'notOnScale'],
    ['a value below 1/9', { parent: 1, left: 2, right: 3, value: 0.1 }, 'notOnScale'],
    ['a leaf as parent', { parent: 3, left: 5, right: 6, value: 2 }, 'unknownParent'],
    ['a parent of another round', { parent: 99, left: 2, right: 3, value: 2 }, 'unknownParent'],
    ['a grandchild in the pair', { parent: 1, left: 2, right: 5, value: 2 }, 'notAPair'],
    ['an element with itself', { parent: 1, left: 2, right: 2, value: 1 }, 'notAPair'],
    ['"no opinion" where it is not allowed', { parent: 1, left: 2, right: 3, value: null }, 'noOpinionNotAllowed'],
  ])('refuses %s', (_name, input, expected) => {
    expect(reason(() => canonicaliseJudgments(index, [input], { allowNoOpinion: false }))).toBe(expected);
  });

  it('refuses the same pair twice in one request, even reversed', () => {
    expect(reason(() => canonicaliseJudgments(index, [{ parent: 1, left: 2, right: 3, value: 2 }, { parent: 1, left: 3, right: 2, value: 1 / 2 }], { allowNoOpinion: true }))).toBe('duplicatePair');
  });

  it('accepts exactly the 17 scale values and null when allowed (property: any other positive number is refused)', () => {
    for (const v of [...SAATY_SCALE, null]) {
      expect(reason(() => canonicaliseJudgments(index, [{ parent: 1, left: 2, right: 3, value: v }], { allowNoOpinion: true }))).toBe('accepted');
    }
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (x) => {
        const onScale = SAATY_SCALE.some((s) => Math.abs(x / s - 1) <= 1e-6);
        const got = reason(() => canonicaliseJudgments(index, [{ parent: 1, left: 2, right: 3, value: x }], { allowNoOpinion: true }));
        return onScale ? got === 'accepted' : got === 'notOnScale';
      }),
    );
  });
});
