import type { Knex } from 'knex';
import { ForbiddenError, NotFoundError, ValidationError } from '../../web/http-errors.js';
import type { AuthUser } from '../../web/request-context.js';
import type { AuditService } from '../audit/audit-service.js';
import { defaultHierarchyTemplate, emptyHierarchyTemplate } from './default-hierarchy-template.js';
import {
  exportHierarchyJson,
  exportHierarchyOutline,
  normaliseHierarchy,
  parseHierarchyJson,
  parseHierarchyOutline,
  type NewHierarchyNode,
} from './hierarchy-document.js';
import {
  CODE_PATTERN,
  MAX_CHILDREN,
  MAX_HIERARCHY_DEPTH,
  MAX_HIERARCHY_NODES,
  buildTree,
  findNode,
  freeCode,
  subtreeHeight,
  subtreeIds,
  type HierarchyNode,
  type LocalizedPair,
  type TreeNode,
} from './hierarchy-tree.js';
import type { StudiesRepository, StudyRecord, StudySummary } from './studies-repository.js';
import { canAnalyseStudy, canReadStudy, canWriteStudy } from './study-access.js';

export type Actor = Pick<AuthUser, 'id' | 'role'>;

export interface StudyInput {
  title: string;
  description: string;
  locale: 'en' | 'zh-CN';
}

export interface NodeInput {
  code?: string;
  names: LocalizedPair;
  descriptions: LocalizedPair;
}

export type HierarchyFormat = 'json' | 'outline';

export interface StudyView extends StudyRecord {
  canWrite: boolean;
  canAnalyse: boolean;
}

export interface StudiesServiceDeps {
  db: Knex;
  studies: StudiesRepository;
  audit: AuditService;
  now: () => Date;
}

/**
 * Studies and their criteria hierarchy. Access is checked here (not only by role): a study someone may not read
 * is "not found"; one they may read but not change is "forbidden". Every change is one transaction.
 */
export function createStudiesService(deps: StudiesServiceDeps) {
  const { db, studies, audit } = deps;
  const nowIso = () => deps.now().toISOString();

  async function readable(actor: Actor, id: number, trx: Knex = db): Promise<StudyRecord> {
    const study = await studies.find(id, trx);
    if (!study || !canReadStudy(actor, study)) throw new NotFoundError('studies.notFound');
    return study;
  }

  async function writable(actor: Actor, id: number, trx: Knex = db): Promise<StudyRecord> {
    const study = await readable(actor, id, trx);
    if (!canWriteStudy(actor, study)) throw new ForbiddenError('studies.readOnly');
    return study;
  }

  function view(actor: Actor, study: StudyRecord): StudyView {
    return { ...study, canWrite: canWriteStudy(actor, study), canAnalyse: canAnalyseStudy(actor, study) };
  }

  function checkNames(input: NodeInput): void {
    if (!input.names.en && !input.names.zh) throw new ValidationError('errors.invalidInput', { nameEn: 'studies.node.nameRequired' });
  }

  function usedCodes(nodes: HierarchyNode[], except?: number): Set<string> {
    return new Set(nodes.filter((n) => n.id !== except).map((n) => n.code.toLowerCase()));
  }

  function checkCode(code: string, used: Set<string>): void {
    if (!CODE_PATTERN.test(code)) throw new ValidationError('errors.invalidInput', { code: 'studies.node.badCode' });
    if (used.has(code.toLowerCase())) throw new ValidationError('errors.invalidInput', { code: 'studies.node.codeTaken' });
  }

  /** Inserts a normalised tree under `parentId` (null = as the goal), siblings numbered from `position`. */
  async function insertTree(studyId: number, node: NewHierarchyNode, parentId: number | null, position: number, trx: Knex): Promise<void> {
    const id = await studies.insertNode(studyId, { parentId, code: node.code, names: node.names, descriptions: node.descriptions, position }, trx);
    for (let i = 0; i < node.children.length; i++) await insertTree(studyId, node.children[i] as NewHierarchyNode, id, i, trx);
  }

  async function loadTree(studyId: number, trx: Knex = db): Promise<{ nodes: HierarchyNode[]; root: TreeNode | undefined }> {
    const nodes = await studies.nodes(studyId, trx);
    return { nodes, root: buildTree(nodes) };
  }

  async function requireNode(studyId: number, nodeId: number, trx: Knex) {
    const { nodes, root } = await loadTree(studyId, trx);
    const node = findNode(root, nodeId);
    if (!node) throw new NotFoundError('studies.node.notFound');
    return { nodes, root: root as TreeNode, node };
  }

  /** Renumbers siblings 0…k−1 in their current order, then applies `order` (ids) if given. */
  async function renumber(studyId: number, ids: number[], trx: Knex): Promise<void> {
    for (let i = 0; i < ids.length; i++) await studies.updateNode(studyId, ids[i] as number, { position: i }, trx);
  }

  return {
    access: { readable, writable, view },

    async list(actor: Actor): Promise<StudySummary[]> {
      if (actor.role === 'admin' || actor.role === 'manager') return studies.list({ all: true });
      if (actor.role === 'researcher') return studies.list({ ownerId: actor.id, includeDemo: true });
      return [];
    },

    /** Creates a study with the default SME template (7 criteria, 26 indicators) or only a goal. */
    async create(actor: Actor, input: StudyInput & { template: 'default' | 'empty' }, options: { isDemo?: boolean; ip?: string | null } = {}): Promise<StudyRecord> {
      if (actor.role !== 'admin' && actor.role !== 'researcher') throw new ForbiddenError('errors.forbidden');
      return db.transaction(async (trx) => {
        const now = nowIso();
        const id = await studies.insert({ ...input, ownerId: actor.id > 0 ? actor.id : null, isDemo: options.isDemo ?? false, now }, trx);
        const goalName = input.locale === 'zh-CN' ? { en: '', zh: input.title } : { en: input.title, zh: '' };
        const tree = normaliseHierarchy(input.template === 'default' ? defaultHierarchyTemplate() : emptyHierarchyTemplate(goalName));
        await insertTree(id, tree, null, 0, trx);
        await audit.record({ event: 'study.created', actorUserId: actor.id > 0 ? actor.id : null, actorLabel: actor.id > 0 ? null : 'demo', targetType: 'study', targetId: id, ip: options.ip ?? null, details: { template: input.template } }, trx);
        return (await studies.find(id, trx)) as StudyRecord;
      });
    },

    async get(actor: Actor, id: number): Promise<StudyView> {
      return view(actor, await readable(actor, id));
    },

    async update(actor: Actor, id: number, input: StudyInput): Promise<void> {
      await db.transaction(async (trx) => {
        await writable(actor, id, trx);
        await studies.update(id, input, nowIso(), trx);
      });
    },

    /** The study's hierarchy as a tree (goal first), for pages and for a round to freeze. */
    async tree(actor: Actor, id: number): Promise<TreeNode | undefined> {
      await readable(actor, id);
      return (await loadTree(id)).root;
    },

    /** Unchecked read for other services that have already checked access (rounds freezing a copy). */
    treeForFreeze: async (studyId: number, trx: Knex): Promise<TreeNode | undefined> => (await loadTree(studyId, trx)).root,

    async addNode(actor: Actor, studyId: number, parentId: number, input: NodeInput): Promise<number> {
      checkNames(input);
      return db.transaction(async (trx) => {
        await writable(actor, studyId, trx);
        const { nodes, node: parent } = await requireNode(studyId, parentId, trx);
        if (nodes.length >= MAX_HIERARCHY_NODES) throw new ValidationError('studies.node.tooMany', {}).with({ max: MAX_HIERARCHY_NODES });
        if (parent.depth + 1 > MAX_HIERARCHY_DEPTH) throw new ValidationError('studies.node.tooDeep').with({ max: MAX_HIERARCHY_DEPTH });
        if (parent.children.length >= MAX_CHILDREN) throw new ValidationError('studies.node.tooManyChildren').with({ max: MAX_CHILDREN });
        const used = usedCodes(nodes);
        const code = input.code || freeCode(used);
        checkCode(code, used);
        const position = parent.children.reduce((max, c) => Math.max(max, c.position + 1), 0);
        const id = await studies.insertNode(studyId, { parentId, code, names: input.names, descriptions: input.descriptions, position }, trx);
        await studies.touch(studyId, nowIso(), trx);
        return id;
      });
    },

    async updateNode(actor: Actor, studyId: number, nodeId: number, input: NodeInput): Promise<void> {
      checkNames(input);
      await db.transaction(async (trx) => {
        await writable(actor, studyId, trx);
        const { nodes, node } = await requireNode(studyId, nodeId, trx);
        const code = input.code || node.code;
        if (code !== node.code) checkCode(code, usedCodes(nodes, nodeId));
        await studies.updateNode(studyId, nodeId, { code, names: input.names, descriptions: input.descriptions }, trx);
        await studies.touch(studyId, nowIso(), trx);
      });
    },

    /** Moves a node (with everything below it) under another parent, as its last child. */
    async moveNode(actor: Actor, studyId: number, nodeId: number, newParentId: number): Promise<void> {
      await db.transaction(async (trx) => {
        await writable(actor, studyId, trx);
        const { root, node } = await requireNode(studyId, nodeId, trx);
        if (node.parentId === null) throw new ValidationError('studies.node.goalFixed');
        const target = findNode(root, newParentId);
        if (!target) throw new NotFoundError('studies.node.notFound');
        if (subtreeIds(node).includes(newParentId)) throw new ValidationError('studies.node.moveIntoItself');
        if (target.id === node.parentId) return;
        if (target.depth + 1 + subtreeHeight(node) > MAX_HIERARCHY_DEPTH) throw new ValidationError('studies.node.tooDeep').with({ max: MAX_HIERARCHY_DEPTH });
        if (target.children.length >= MAX_CHILDREN) throw new ValidationError('studies.node.tooManyChildren').with({ max: MAX_CHILDREN });
        const oldParent = findNode(root, node.parentId) as TreeNode;
        const position = target.children.reduce((max, c) => Math.max(max, c.position + 1), 0);
        await studies.updateNode(studyId, nodeId, { parentId: newParentId, position }, trx);
        await renumber(studyId, oldParent.children.filter((c) => c.id !== nodeId).map((c) => c.id), trx);
        await studies.touch(studyId, nowIso(), trx);
      });
    },

    /** Moves a node one place up or down among its siblings. */
    async reorderNode(actor: Actor, studyId: number, nodeId: number, direction: 'up' | 'down'): Promise<void> {
      await db.transaction(async (trx) => {
        await writable(actor, studyId, trx);
        const { root, node } = await requireNode(studyId, nodeId, trx);
        if (node.parentId === null) return;
        const siblings = (findNode(root, node.parentId) as TreeNode).children.map((c) => c.id);
        const i = siblings.indexOf(nodeId);
        const j = direction === 'up' ? i - 1 : i + 1;
        if (j < 0 || j >= siblings.length) return;
        [siblings[i], siblings[j]] = [siblings[j] as number, siblings[i] as number];
        await renumber(studyId, siblings, trx);
        await studies.touch(studyId, nowIso(), trx);
      });
    },

    /** Deletes a node and everything below it (never the goal). Rounds keep their frozen copies. */
    async deleteNode(actor: Actor, studyId: number, nodeId: number): Promise<number> {
      return db.transaction(async (trx) => {
        await writable(actor, studyId, trx);
        const { root, node } = await requireNode(studyId, nodeId, trx);
        if (node.parentId === null) throw new ValidationError('studies.node.goalFixed');
        const ids = subtreeIds(node);
        await studies.deleteNodes(studyId, ids.reverse(), trx);
        const parent = findNode(root, node.parentId) as TreeNode;
        await renumber(studyId, parent.children.filter((c) => c.id !== nodeId).map((c) => c.id), trx);
        await studies.touch(studyId, nowIso(), trx);
        return ids.length;
      });
    },

    async exportHierarchy(actor: Actor, studyId: number, format: HierarchyFormat): Promise<{ fileBase: string; body: string }> {
      const study = await readable(actor, studyId);
      const { root } = await loadTree(studyId);
      if (!root) throw new NotFoundError('studies.node.notFound');
      const fileBase = `study-${studyId}-hierarchy`;
      return { fileBase, body: format === 'json' ? exportHierarchyJson(root, study.title) : exportHierarchyOutline(root) };
    },

    /**
     * Replaces the whole hierarchy by an imported one (JSON document or text outline), all or nothing. Rounds
     * already opened keep their frozen copies, so collected judgments are never affected.
     */
    async importHierarchy(actor: Actor, studyId: number, format: HierarchyFormat, text: string, ip: string | null = null): Promise<number> {
      if (!text.trim()) throw new ValidationError('studies.import.empty');
      const tree = format === 'json' ? parseHierarchyJson(text) : parseHierarchyOutline(text);
      return db.transaction(async (trx) => {
        await writable(actor, studyId, trx);
        await studies.deleteAllNodes(studyId, trx);
        await insertTree(studyId, tree, null, 0, trx);
        await studies.touch(studyId, nowIso(), trx);
        await audit.record({ event: 'study.hierarchy-imported', actorUserId: actor.id > 0 ? actor.id : null, targetType: 'study', targetId: studyId, ip, details: { format } }, trx);
        return (await studies.nodes(studyId, trx)).length;
      });
    },

    /** Unchecked read for other services that check access themselves (weight sets, API). */
    findUnchecked: (id: number): Promise<StudyRecord | undefined> => studies.find(id),
  };
}

export type StudiesService = ReturnType<typeof createStudiesService>;
