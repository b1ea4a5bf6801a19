import { DomainError } from '../domain-error.js';
import type { ErrorContext } from './validate-pairwise-matrix.js';

/**
 * Connected components of the comparison graph (vertices = elements, an edge where a_ij is given; `0` = missing
 * in the row-major working form), each sorted, listed by their smallest element.
 */
export function comparisonComponents(n: number, a: Float64Array): number[][] {
  const component = new Int32Array(n).fill(-1);
  const components: number[][] = [];
  const stack: number[] = [];
  for (let s = 0; s < n; s++) {
    if (component[s] >= 0) continue;
    const id = components.length, members: number[] = [];
    component[s] = id; stack.push(s);
    while (stack.length) {
      const i = stack.pop()!;
      members.push(i);
      for (let j = 0; j < n; j++) {
        if (j !== i && component[j] < 0 && a[i * n + j] !== 0) { component[j] = id; stack.push(j); }
      }
    }
    components.push(members.sort((x, y) => x - y));
  }
  return components;
}

/**
 * Incomplete matrices can only be completed when every element is linked to every other by a chain of
 * judgments (Harker 1987; Bozóki, Fülöp & Rónyai 2010 Thm. 2: the optimal completion is unique iff the graph
 * is connected). Throws DomainError `disconnected-comparisons` naming the elements outside the largest
 * connected group (details: 0-based `unreachable`, all `components`).
 */
export function assertConnectedComparisons(n: number, a: Float64Array, context?: ErrorContext): void {
  const components = comparisonComponents(n, a);
  if (components.length <= 1) return;
  let main = components[0];
  for (const c of components) if (c.length > main.length) main = c;
  const unreachable = components.filter((c) => c !== main).flat().sort((x, y) => x - y);
  const names = unreachable.map((i) => i + 1).join(', ');
  throw new DomainError('disconnected-comparisons',
    `Element${unreachable.length > 1 ? 's' : ''} ${names} ${unreachable.length > 1 ? 'are' : 'is'} not linked by any chain of judgments to element${main.length > 1 ? 's' : ''} ${main.map((i) => i + 1).join(', ')}; add a judgment connecting them.`,
    { ...context, unreachable, components });
}
