import type { LocalizedText } from '../../domain/credit/scoring-rule.js';
import type { Actor } from '../studies/studies-service.js';
import type { StudiesService } from '../studies/studies-service.js';
import type { TreeNode } from '../studies/hierarchy-tree.js';
import { ValidationError } from '../../web/http-errors.js';
import type { WeightSetView, WeightSetsService } from '../rounds/weight-sets-service.js';

/**
 * The ONE place where the credit-model area reads the expert-round area (issue 4): it turns an immutable weight
 * set into the local weights (and names) a model version copies and stores. Only version creation calls it;
 * a stored version never re-reads its weight set.
 */
export interface SourceWeights {
  weightSetId: number;
  /** "<weight set> · <round> · <study>", for the version's source label. */
  label: string;
  /** Goal → criteria, in hierarchy order, with the group LOCAL weight of each criterion (Σ = 1). */
  criteria: { code: string; names: LocalizedText; weight: number }[];
  /** Criterion → indicators, with the group LOCAL weight within the criterion (Σ = 1 per criterion). */
  indicators: { code: string; criterion: string; names: LocalizedText; description: LocalizedText; weight: number }[];
}

/**
 * Reads the weights of a weight set by node code. A credit model needs goal → criteria → indicators (two levels
 * under the goal); deeper or shallower hierarchies, empty or duplicate codes are refused with a message naming them.
 */
export function weightsFromWeightSet(view: WeightSetView): SourceWeights {
  const goal = view.tree;
  const localOf = (node: TreeNode): number[] => {
    const entry = view.nodes[String(node.id)];
    if (entry && entry.localWeights.length === node.children.length) {
      // Children order of the stored block (ids) may differ from tree order: map by id.
      return node.children.map((c) => entry.localWeights[entry.children.indexOf(c.id)] ?? Number.NaN);
    }
    if (node.children.length === 1) return [1];
    throw new ValidationError('models.weightSetIncomplete', {}, { node: node.code }).with({ code: node.code });
  };
  if (!goal || goal.children.length === 0) throw new ValidationError('models.weightSetShape');
  const seen = new Set<string>();
  const useCode = (node: TreeNode) => {
    const code = node.code?.trim();
    if (!code || seen.has(code)) throw new ValidationError('models.weightSetCodes', {}, { node: node.id }).with({ code: code || `#${node.id}` });
    seen.add(code);
    return code;
  };
  const criteriaWeights = localOf(goal);
  const criteria: SourceWeights['criteria'] = [];
  const indicators: SourceWeights['indicators'] = [];
  goal.children.forEach((criterion, ci) => {
    const ccode = useCode(criterion);
    if (criterion.children.length === 0 || criterion.children.some((leaf) => leaf.children.length > 0)) {
      throw new ValidationError('models.weightSetShape', {}, { node: ccode });
    }
    criteria.push({ code: ccode, names: { en: criterion.names.en, zh: criterion.names.zh }, weight: criteriaWeights[ci] as number });
    const local = localOf(criterion);
    criterion.children.forEach((leaf, li) => {
      indicators.push({
        code: useCode(leaf),
        criterion: ccode,
        names: { en: leaf.names.en, zh: leaf.names.zh },
        description: { en: leaf.descriptions?.en ?? '', zh: leaf.descriptions?.zh ?? '' },
        weight: local[li] as number,
      });
    });
  });
  const bad = [...criteria, ...indicators].filter((x) => !(Number.isFinite(x.weight) && x.weight >= 0)).map((x) => x.code);
  if (bad.length) throw new ValidationError('models.weightSetIncomplete', {}, { nodes: bad }).with({ code: bad.join(', ') });
  return {
    weightSetId: view.id,
    label: `${view.label} · ${view.roundLabel} · ${view.studyTitle}`,
    criteria,
    indicators,
  };
}

/** Weight sets an actor may build a model from, for the "new version" form. */
export interface WeightSetChoice {
  id: number;
  label: string;
  studyTitle: string;
  createdAt: string;
}

/** The adapter over the weight-set service (issue 4): list readable weight sets, load one as SourceWeights. */
export function createWeightSetSource(deps: { weightSets: WeightSetsService; studies: StudiesService }) {
  const { weightSets, studies } = deps;
  return {
    async list(actor: Actor): Promise<WeightSetChoice[]> {
      const out: WeightSetChoice[] = [];
      for (const study of await studies.list(actor)) {
        for (const s of await weightSets.listForStudy(actor, study.id)) {
          out.push({ id: s.id, label: `${s.label} (${s.roundLabel})`, studyTitle: study.title, createdAt: s.createdAt });
        }
      }
      return out.sort((a, b) => b.id - a.id);
    },
    /** A weight set the actor may read, as model weights (404 otherwise). */
    async load(actor: Actor, id: number): Promise<SourceWeights> {
      return weightsFromWeightSet(await weightSets.get(actor, id));
    },
    /** For the demo seeder: no access check. */
    async loadUnchecked(id: number): Promise<SourceWeights> {
      return weightsFromWeightSet(await weightSets.getWeightSet(id));
    },
    latestDemoWeightSetId: (): Promise<number | undefined> => weightSets.latestDemoWeightSetId(),
  };
}

export type WeightSetSource = ReturnType<typeof createWeightSetSource>;
