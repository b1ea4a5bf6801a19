/**
 * The shipped demo hierarchy, transcribed from ../shared/credit-default-model.md (goal → C1…C7 → indicators):
 * one 7 × 7 criteria matrix and seven local indicator matrices, 8 matrices in all. Shared by the AHP tests and
 * bench/ahp.bench.ts.
 */
export const CRITERIA = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'];

export const CRITERIA_MATRIX: number[][] = [
  [1, 1 / 2, 1 / 2, 1, 1 / 2, 2, 2],
  [2, 1, 1, 2, 1, 3, 3],
  [2, 1, 1, 2, 1, 3, 2],
  [1, 1 / 2, 1 / 2, 1, 1 / 2, 2, 1],
  [2, 1, 1, 2, 1, 3, 3],
  [1 / 2, 1 / 3, 1 / 3, 1 / 2, 1 / 3, 1, 1],
  [1 / 2, 1 / 3, 1 / 2, 1, 1 / 3, 1, 1],
];

/** Published in the model file: principal eigenvector, λmax 7.0603, CR .0076 with RI 1.32. */
export const CRITERIA_WEIGHTS = [0.1174, 0.2143, 0.2032, 0.1063, 0.2143, 0.0661, 0.0785];

export const INDICATORS: Record<string, string[]> = {
  C1: ['I11', 'I12', 'I13', 'I14'],
  C2: ['I21', 'I22', 'I23', 'I24'],
  C3: ['I31', 'I32', 'I33', 'I34'],
  C4: ['I41', 'I42', 'I43', 'I44'],
  C5: ['I51', 'I52', 'I53', 'I54', 'I55'],
  C6: ['I61', 'I62', 'I63'],
  C7: ['I71', 'I72'],
};

export const INDICATOR_MATRICES: Record<string, number[][]> = {
  C1: [[1, 3, 2, 3], [1 / 3, 1, 1, 1], [1 / 2, 1, 1, 2], [1 / 3, 1, 1 / 2, 1]],
  C2: [[1, 2, 2, 1], [1 / 2, 1, 1, 1 / 2], [1 / 2, 1, 1, 1 / 2], [1, 2, 2, 1]],
  C3: [[1, 1, 1 / 2, 1 / 2], [1, 1, 1 / 2, 1 / 2], [2, 2, 1, 1], [2, 2, 1, 1]],
  C4: [[1, 1, 1, 2], [1, 1, 1, 2], [1, 1, 1, 2], [1 / 2, 1 / 2, 1 / 2, 1]],
  C5: [[1, 1, 2, 3, 2], [1, 1, 2, 3, 2], [1 / 2, 1 / 2, 1, 2, 1], [1 / 3, 1 / 3, 1 / 2, 1, 1 / 2], [1 / 2, 1 / 2, 1, 2, 1]],
  C6: [[1, 1, 2], [1, 1, 2], [1 / 2, 1 / 2, 1]],
  C7: [[1, 2], [1 / 2, 1]],
};

/** The hierarchy in the `{ goal, nodes }` form the engine's hierarchy functions take. */
export function defaultCreditHierarchy(): { goal: string; nodes: { id: string; children: string[]; matrix: number[][] }[] } {
  return {
    goal: 'goal',
    nodes: [
      { id: 'goal', children: CRITERIA, matrix: CRITERIA_MATRIX },
      ...CRITERIA.map((c) => ({ id: c, children: INDICATORS[c], matrix: INDICATOR_MATRICES[c] })),
    ],
  };
}
