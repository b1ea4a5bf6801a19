import type { Knex } from 'knex';
import type { AggregationMode } from '../../domain/ahp/aggregate-report.js';
import type { PriorityMethod } from '../../domain/ahp/ahp-types.js';
import type { ConsensusBand } from '../../domain/ahp/consensus-indicator.js';
import type { RiTableName } from '../../domain/ahp/random-index.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../web/http-errors.js';
import type { AuditService } from '../audit/audit-service.js';
import { buildTree, leafNodes, type HierarchyNode, type TreeNode } from '../studies/hierarchy-tree.js';
import type { Actor, StudiesService } from '../studies/studies-service.js';
import { canReadStudy } from '../studies/study-access.js';
import { computeWeightSet, type WeightSetResults, type WeightSetSettings } from './compute-weight-set.js';
import type { RoundsRepository, WeightSetRecord, WeightSetSummary } from './rounds-repository.js';
import type { RoundsService } from './rounds-service.js';

export interface CreateWeightSetInput {
  /** Invitation ids to include; default: every submitted expert of the round. */
  experts?: number[];
  /** Expert weights by invitation id; default: the weights given at invitation. */
  expertWeights?: Record<string, number>;
  mode?: AggregationMode;
  method?: PriorityMethod;
  riTable?: RiTableName;
  label?: string;
  seed?: number;
}

/** A weight set as other areas (credit models) consume it: group weights per node id and the frozen hierarchy. */
export interface WeightSetView {
  id: number;
  roundId: number;
  roundLabel: string;
  studyId: number;
  studyTitle: string;
  label: string;
  createdAt: string;
  createdBy: number | null;
  createdByName: string | null;
  settings: WeightSetRecord['settings'];
  experts: WeightSetRecord['experts'];
  /** The round's frozen hierarchy (node ids are round-node ids; `code` is the stable C1/I21 key). */
  hierarchy: HierarchyNode[];
  tree: TreeNode;
  /** Per block: name, children, local weights (same order), CR, consensus S*. */
  nodes: Record<string, { name: string; code: string; children: number[]; localWeights: number[]; cr: number | null; consensus: number | null; consensusBand: ConsensusBand | null }>;
  /** Leaf id → global weight (Σ = 1). */
  globalWeights: Record<string, number>;
  /** The same global weights keyed by node code (I11 … I72 in the default hierarchy). */
  globalWeightsByCode: Record<string, number>;
  results: WeightSetResults;
}

export const MONTE_CARLO_DRAWS = 1000;
export const DEFAULT_SEED = 1;

export interface WeightSetsServiceDeps {
  db: Knex;
  rounds: RoundsRepository;
  roundsService: RoundsService;
  studies: StudiesService;
  audit: AuditService;
  now: () => Date;
}

/**
 * Aggregation of a round into immutable, reproducible weight sets (inputs, settings, results, who and when are
 * stored together; nothing updates a weight set afterwards) and reading them back for pages, the API and other
 * areas (`getWeightSet`).
 */
export function createWeightSetsService(deps: WeightSetsServiceDeps) {
  const { db, rounds, roundsService, studies, audit } = deps;

  function toView(record: WeightSetRecord, round: { label: string; studyId: number }, studyTitle: string, locale = 'en'): WeightSetView {
    const results = record.results as unknown as WeightSetResults;
    const tree = buildTree(record.hierarchy) as TreeNode;
    const nodes: WeightSetView['nodes'] = {};
    for (const [id, node] of Object.entries(results.nodes)) {
      nodes[id] = {
        name: (locale.startsWith('zh') ? node.names.zh || node.names.en : node.names.en || node.names.zh) || node.code,
        code: node.code,
        children: node.children,
        localWeights: node.localWeights,
        cr: node.cr,
        consensus: node.consensus,
        consensusBand: node.consensusBand,
      };
    }
    const byId = new Map(record.hierarchy.map((n) => [String(n.id), n]));
    const globalWeightsByCode: Record<string, number> = {};
    for (const [id, w] of Object.entries(results.globalWeights)) globalWeightsByCode[byId.get(id)?.code ?? id] = w;
    return {
      id: record.id,
      roundId: record.roundId,
      roundLabel: round.label,
      studyId: round.studyId,
      studyTitle,
      label: record.label,
      createdAt: record.createdAt,
      createdBy: record.createdBy,
      createdByName: record.createdByName,
      settings: record.settings,
      experts: record.experts,
      hierarchy: record.hierarchy,
      tree,
      nodes,
      globalWeights: results.globalWeights,
      globalWeightsByCode,
      results,
    };
  }

  async function loadWithStudy(id: number, locale?: string) {
    const record = await rounds.findWeightSet(id);
    if (!record) throw new NotFoundError('weightSets.notFound');
    const round = await rounds.findRound(record.roundId);
    const study = round ? await studies.findUnchecked(round.studyId) : undefined;
    if (!round || !study) throw new NotFoundError('weightSets.notFound');
    return { view: toView(record, round, study.title, locale), study };
  }

  async function load(id: number, locale?: string): Promise<WeightSetView> {
    return (await loadWithStudy(id, locale)).view;
  }

  /** A weight set the actor may read (its round's study is readable); the study is read once. */
  async function readable(actor: Actor, id: number, locale?: string): Promise<WeightSetView> {
    const { view, study } = await loadWithStudy(id, locale);
    if (!canReadStudy(actor, study)) throw new NotFoundError('weightSets.notFound');
    return view;
  }

  return {
    /**
     * Creates a weight set from a round's submitted experts. Defaults: all submitted experts with their invitation
     * weights, AIJ, the round's priority method and RI table, seed 1 for the Monte Carlo bands.
     */
    async create(actor: Actor, roundId: number, input: CreateWeightSetInput, ip: string | null = null): Promise<number> {
      const ctx = await roundsService.context(actor, roundId);
      if (!ctx.canAnalyse) throw new ForbiddenError('studies.readOnly');
      const frozen = await rounds.roundNodes(roundId);
      if (!frozen.length) throw new ValidationError('weightSets.roundNotOpened');
      const root = buildTree(frozen) as TreeNode;
      const invitations = await rounds.listInvitations(roundId);
      const submitted = invitations.filter((i) => i.status === 'submitted');
      const chosenIds = input.experts ?? submitted.map((i) => i.id);
      const chosen = chosenIds.map((id) => {
        const invitation = submitted.find((i) => i.id === id);
        if (!invitation) throw new ValidationError('weightSets.notSubmitted', {}, { expert: id }).with({ id });
        return invitation;
      });
      if (new Set(chosenIds).size !== chosenIds.length) throw new ValidationError('weightSets.duplicateExpert');
      if (!chosen.length) throw new ValidationError('weightSets.noExperts');
      for (const key of Object.keys(input.expertWeights ?? {})) {
        if (!chosenIds.includes(Number(key))) throw new ValidationError('weightSets.weightForUnknown', {}, { expert: key }).with({ id: key });
      }
      const judgments = await rounds.judgmentsOfRound(roundId, chosenIds);
      const results = await rounds.nodeResultsOfRound(roundId);
      const settings: WeightSetSettings = {
        mode: input.mode ?? 'aij',
        method: input.method ?? ctx.round.priorityMethod,
        riTable: input.riTable ?? ctx.round.riTable,
        completion: 'optimal',
        crThreshold: ctx.round.crThreshold,
        seed: input.seed ?? DEFAULT_SEED,
        draws: MONTE_CARLO_DRAWS,
      };
      const experts = chosen.map((inv) => ({
        id: inv.id,
        name: inv.name,
        weight: input.expertWeights?.[String(inv.id)] ?? inv.weight,
        judgments: judgments.filter((j) => j.invitationId === inv.id),
      }));
      const computed = computeWeightSet(root, experts, settings);
      const maxCrOf = (id: number) => {
        const crs = results.filter((r) => r.invitationId === id && r.cr !== null).map((r) => r.cr as number);
        return crs.length ? Math.max(...crs) : null;
      };
      const now = deps.now().toISOString();
      const label = input.label || `${ctx.round.label} · ${settings.mode.toUpperCase()} · ${now.slice(0, 16).replace('T', ' ')}`;
      return db.transaction(async (trx) => {
        const id = await rounds.insertWeightSet(
          {
            roundId,
            label,
            settings: { ...settings, experts: 'chosen', scale: 'saaty' },
            experts: experts.map((e) => {
              const inv = chosen.find((c) => c.id === e.id)!;
              const maxCr = maxCrOf(e.id);
              return { id: e.id, name: e.name, organisation: inv.organisation, weight: e.weight, maxCr, flagged: maxCr !== null && maxCr > settings.crThreshold + 1e-12 };
            }),
            hierarchy: frozen,
            inputs: { judgments },
            results: computed as unknown as Record<string, unknown>,
            seed: settings.seed,
            createdBy: actor.id > 0 ? actor.id : null,
            createdAt: now,
          },
          trx,
        );
        await audit.record({ event: 'weight-set.created', actorUserId: actor.id > 0 ? actor.id : null, actorLabel: actor.id > 0 ? null : 'demo', targetType: 'weight_set', targetId: id, ip, details: { round: roundId, experts: chosenIds.length, mode: settings.mode } }, trx);
        return id;
      });
    },

    async listForRound(actor: Actor, roundId: number): Promise<WeightSetSummary[]> {
      await roundsService.context(actor, roundId);
      return rounds.listWeightSets(roundId);
    },

    async listForStudy(actor: Actor, studyId: number) {
      await studies.access.readable(actor, studyId);
      return rounds.listWeightSetsOfStudy(studyId);
    },

    /** A weight set the actor may read (its round's study is readable), with names in `locale`. */
    async get(actor: Actor, id: number, locale?: string): Promise<WeightSetView> {
      return readable(actor, id, locale);
    },

    /** The weight set page: the set the actor may read and the other sets of its study. */
    async getWithOthers(actor: Actor, id: number, locale?: string) {
      const view = await readable(actor, id, locale);
      const others = (await rounds.listWeightSetsOfStudy(view.studyId)).filter((s) => s.id !== view.id);
      return { view, others };
    },

    /**
     * For other areas (credit models, their seeders): the weight set with the group local and global weights per
     * node id and the frozen hierarchy. No access check — callers check their own.
     */
    getWeightSet: (id: number, locale?: string): Promise<WeightSetView> => load(id, locale),

    /** The newest weight set of the demo study (the credit-model demo builds on it). */
    latestDemoWeightSetId: (): Promise<number | undefined> => rounds.latestDemoWeightSetId(),

    /** Two weight sets side by side, matched by node code (so two rounds of one study line up). */
    async compare(actor: Actor, a: number, b: number, locale?: string) {
      const left = await this.get(actor, a, locale);
      const right = await this.get(actor, b, locale);
      const codes = new Set([...Object.keys(left.globalWeightsByCode), ...Object.keys(right.globalWeightsByCode)]);
      const leafName = (view: WeightSetView, code: string) => {
        const node = view.hierarchy.find((n) => n.code === code);
        return node ? (locale?.startsWith('zh') ? node.names.zh || node.names.en : node.names.en || node.names.zh) : undefined;
      };
      const order = [...leafNodes(left.tree).map((n) => n.code), ...leafNodes(right.tree).map((n) => n.code)];
      const rows = [...codes]
        .sort((x, y) => order.indexOf(x) - order.indexOf(y))
        .map((code) => {
          const wa = left.globalWeightsByCode[code] ?? null;
          const wb = right.globalWeightsByCode[code] ?? null;
          return { code, name: leafName(left, code) ?? leafName(right, code) ?? code, a: wa, b: wb, change: wa !== null && wb !== null ? wb - wa : null };
        });
      const criteria = (view: WeightSetView) => {
        const goal = view.tree;
        const w = view.nodes[String(goal.id)]?.localWeights ?? [];
        return goal.children.map((c, i) => ({ code: c.code, name: locale?.startsWith('zh') ? c.names.zh || c.names.en : c.names.en || c.names.zh, weight: w[i] ?? 0 }));
      };
      const ca = criteria(left), cb = criteria(right);
      const criterionCodes = [...new Set([...ca.map((c) => c.code), ...cb.map((c) => c.code)])];
      const criteriaRows = criterionCodes.map((code) => {
        const x = ca.find((c) => c.code === code), y = cb.find((c) => c.code === code);
        return { code, name: x?.name ?? y?.name ?? code, a: x?.weight ?? null, b: y?.weight ?? null, change: x && y ? y.weight - x.weight : null };
      });
      const maxAbsChange = rows.reduce((m, r) => (r.change === null ? m : Math.max(m, Math.abs(r.change))), 0);
      return { left, right, rows, criteria: criteriaRows, maxAbsChange };
    },
  };
}

export type WeightSetsService = ReturnType<typeof createWeightSetsService>;
