import type { Request, Response } from 'express';
import { parseForm } from '../../web/forms.js';
import { flash } from '../../web/render-page.js';
import type { AuthUser } from '../../web/request-context.js';
import { access, route, type RouteDef } from '../../web/route-table.js';
import { safeFileName } from '../../web/exports.js';
import { RI_TABLE_NAMES } from '../../domain/ahp/random-index.js';
import { PRIORITY_METHODS } from '../../domain/ahp/ahp-types.js';
import { roundInput } from '../rounds/rounds-routes.js';
import { RoundForm } from '../rounds/rounds-schemas.js';
import type { RoundsService } from '../rounds/rounds-service.js';
import type { WeightSetsService } from '../rounds/weight-sets-service.js';
import { formErrors, translateFieldErrors, type TranslatedErrors } from './form-errors.js';
import { MAX_CHILDREN, MAX_HIERARCHY_DEPTH, flattenTree, nodeDescription, nodeName, pairCount, parentNodes, subtreeHeight, subtreeIds, type TreeNode } from './hierarchy-tree.js';
import { AddNodeForm, Id, ImportForm, MoveNodeForm, NewStudyForm, NodeForm, StudyForm, nodeInput } from './studies-schemas.js';
import type { StudiesService } from './studies-service.js';

export interface StudiesRouteDeps {
  studies: StudiesService;
  rounds: RoundsService;
  weightSets: WeightSetsService;
}

/**
 * Studies and the hierarchy editor (pages). Every form posts to its own route and comes back to the study page
 * (303), or re-renders it with the messages and status 400 when the input is refused.
 */
export function studiesRoutes(deps: StudiesRouteDeps): RouteDef[] {
  const { studies, rounds, weightSets } = deps;
  const reader = access.session('admin', 'researcher', 'manager');
  const writer = access.session('admin', 'researcher');
  const actor = (req: Request) => req.user as AuthUser;
  const studyId = (req: Request) => Id.parse(req.params.id);
  const nodeId = (req: Request) => Id.parse(req.params.nodeId);
  const back = (res: Response, id: number, anchor = '') => res.redirect(303, `/studies/${id}${anchor}`);

  const renderList = async (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    res.page(
      'studies/list',
      {
        title: req.t('studies.title'),
        breadcrumbs: [{ label: req.t('nav.home'), href: '/' }, { label: req.t('studies.title') }],
        studies: await studies.list(actor(req)),
        canCreate: actor(req).role === 'admin' || actor(req).role === 'researcher',
        values: { template: 'default', locale: req.locale },
        errors: {},
        ...extra,
      },
      status,
    );
  };

  const renderStudy = async (
    req: Request,
    res: Response,
    id: number,
    extra: { errors?: TranslatedErrors; errorNode?: number; values?: Record<string, unknown>; importValues?: Record<string, unknown>; roundValues?: Record<string, unknown>; roundErrors?: TranslatedErrors } = {},
    status = 200,
  ) => {
    const study = await studies.get(actor(req), id);
    const root = await studies.tree(actor(req), id);
    const nodes = flattenTree(root);
    const roundList = await rounds.listForStudy(actor(req), id);
    const sets = await weightSets.listForStudy(actor(req), id);
    // Where each node may be moved: not into itself, not deeper than allowed, not where it already is.
    const moveTargets = new Map<number, { id: number; label: string }[]>();
    for (const node of nodes) {
      if (node.parentId === null) continue;
      const inside = new Set(subtreeIds(node));
      const height = subtreeHeight(node);
      moveTargets.set(
        node.id,
        nodes
          .filter((target: TreeNode) => !inside.has(target.id) && target.id !== node.parentId && target.depth + 1 + height <= MAX_HIERARCHY_DEPTH)
          .map((target: TreeNode) => ({ id: target.id, label: `${'— '.repeat(target.depth)}${target.code} ${nodeName(target, req.locale)}` })),
      );
    }
    res.page(
      'studies/study',
      {
        title: study.title,
        wide: true,
        breadcrumbs: [{ label: req.t('nav.home'), href: '/' }, { label: req.t('studies.title'), href: '/studies' }, { label: study.title }],
        study,
        root,
        nodes,
        pairs: pairCount(root),
        blocks: parentNodes(root).filter((p) => p.children.length >= 2).length,
        leaves: nodes.filter((n) => n.children.length === 0).length,
        rounds: roundList,
        moveTargets,
        weightSets: sets,
        nodeName: (n: { names: { en: string; zh: string } }) => nodeName(n, req.locale),
        nodeDescription: (n: { descriptions: { en: string; zh: string } }) => nodeDescription(n, req.locale),
        limits: { depth: MAX_HIERARCHY_DEPTH, children: MAX_CHILDREN },
        riTables: RI_TABLE_NAMES,
        methods: PRIORITY_METHODS,
        errors: extra.errors ?? {},
        errorNode: extra.errorNode ?? null,
        values: extra.values ?? {},
        importValues: extra.importValues ?? { format: 'outline', text: '' },
        roundValues: extra.roundValues ?? { label: '', priorityMethod: 'eigenvector', riTable: 'saaty', crThreshold: 0.1, allowNoOpinion: true, crPolicy: 'warn' },
        roundErrors: extra.roundErrors ?? {},
      },
      status,
    );
  };

  /** Runs a node action; refused input re-renders the study page with the messages by the node concerned. */
  const nodeAction = async (req: Request, res: Response, id: number, errorNode: number, run: () => Promise<unknown>, anchor: string) => {
    const failed = await run().then(
      () => undefined,
      (err: unknown) => formErrors(req, err),
    );
    if (failed) return renderStudy(req, res, id, { errors: failed.errors, errorNode, values: req.body ?? {} }, failed.status);
    back(res, id, anchor);
  };

  return [
    route.get('/studies', reader, (req, res) => renderList(req, res)),
    route.post('/studies', writer, async (req, res) => {
      const parsed = parseForm(NewStudyForm, req.body);
      if (!parsed.ok) return renderList(req, res, { values: req.body ?? {}, errors: translateFieldErrors(req, parsed.errors) }, 400);
      const study = await studies.create(actor(req), { title: parsed.data.title, description: parsed.data.description ?? '', locale: parsed.data.locale, template: parsed.data.template }, { ip: req.ip ?? null });
      flash(req, 'success', req.t('studies.created'));
      back(res, study.id);
    }),
    route.get('/studies/:id', reader, (req, res) => renderStudy(req, res, studyId(req))),
    route.post('/studies/:id', writer, async (req, res) => {
      const id = studyId(req);
      const parsed = parseForm(StudyForm, req.body);
      if (!parsed.ok) return renderStudy(req, res, id, { errors: translateFieldErrors(req, parsed.errors), errorNode: 0, values: req.body ?? {} }, 400);
      await studies.update(actor(req), id, { title: parsed.data.title, description: parsed.data.description ?? '', locale: parsed.data.locale });
      flash(req, 'success', req.t('studies.saved'));
      back(res, id);
    }),

    // Hierarchy editor: one route per action, each a small form on the study page.
    route.post('/studies/:id/nodes', writer, async (req, res) => {
      const id = studyId(req);
      const parsed = parseForm(AddNodeForm, req.body);
      const parent = Number(req.body?.parentId) || 0;
      if (!parsed.ok) return renderStudy(req, res, id, { errors: translateFieldErrors(req, parsed.errors), errorNode: -parent, values: req.body ?? {} }, 400);
      await nodeAction(req, res, id, -parent, () => studies.addNode(actor(req), id, parsed.data.parentId, nodeInput(parsed.data)), `#node-${parsed.data.parentId}`);
    }),
    route.post('/studies/:id/nodes/:nodeId', writer, async (req, res) => {
      const id = studyId(req), node = nodeId(req);
      const parsed = parseForm(NodeForm, req.body);
      if (!parsed.ok) return renderStudy(req, res, id, { errors: translateFieldErrors(req, parsed.errors), errorNode: node, values: req.body ?? {} }, 400);
      await nodeAction(req, res, id, node, () => studies.updateNode(actor(req), id, node, nodeInput(parsed.data)), `#node-${node}`);
    }),
    route.post('/studies/:id/nodes/:nodeId/move', writer, async (req, res) => {
      const id = studyId(req), node = nodeId(req);
      const parsed = parseForm(MoveNodeForm, req.body);
      if (!parsed.ok) return renderStudy(req, res, id, { errors: translateFieldErrors(req, parsed.errors), errorNode: node }, 400);
      await nodeAction(req, res, id, node, () => studies.moveNode(actor(req), id, node, parsed.data.parentId), `#node-${node}`);
    }),
    route.post('/studies/:id/nodes/:nodeId/up', writer, async (req, res) => {
      const id = studyId(req), node = nodeId(req);
      await studies.reorderNode(actor(req), id, node, 'up');
      back(res, id, `#node-${node}`);
    }),
    route.post('/studies/:id/nodes/:nodeId/down', writer, async (req, res) => {
      const id = studyId(req), node = nodeId(req);
      await studies.reorderNode(actor(req), id, node, 'down');
      back(res, id, `#node-${node}`);
    }),
    route.post('/studies/:id/nodes/:nodeId/delete', writer, async (req, res) => {
      const id = studyId(req), node = nodeId(req);
      await nodeAction(req, res, id, node, async () => {
        const count = await studies.deleteNode(actor(req), id, node);
        flash(req, 'success', req.t('studies.node.deleted', { count }));
      }, '#hierarchy');
    }),

    route.get('/studies/:id/hierarchy.json', reader, async (req, res) => {
      const { fileBase, body } = await studies.exportHierarchy(actor(req), studyId(req), 'json');
      res.set('Content-Disposition', `attachment; filename="${safeFileName(fileBase, 'json')}"`);
      res.type('application/json').send(body);
    }),
    route.get('/studies/:id/hierarchy.txt', reader, async (req, res) => {
      const { fileBase, body } = await studies.exportHierarchy(actor(req), studyId(req), 'outline');
      res.set('Content-Disposition', `attachment; filename="${safeFileName(fileBase, 'txt')}"`);
      res.type('text/plain; charset=utf-8').send(body);
    }),
    // A new expert round (its own pages are in rounds-routes.ts); refused input re-renders this page.
    route.post('/studies/:id/rounds', writer, async (req, res) => {
      const id = studyId(req);
      const roundValues = { ...req.body, allowNoOpinion: req.body?.allowNoOpinion === 'on' };
      const parsed = parseForm(RoundForm, req.body);
      if (!parsed.ok) return renderStudy(req, res, id, { roundValues, roundErrors: translateFieldErrors(req, parsed.errors) }, 400);
      const created = await rounds.create(actor(req), id, roundInput(parsed.data), req.ip ?? null).catch((err: unknown) => formErrors(req, err));
      if (typeof created !== 'number') return renderStudy(req, res, id, { roundValues, roundErrors: created.errors }, created.status);
      flash(req, 'success', req.t('rounds.created'));
      res.redirect(303, `/rounds/${created}`);
    }),
    route.post('/studies/:id/hierarchy/import', writer, { body: ['form', 'multipart'], bodyLimit: '2mb' }, async (req, res) => {
      const id = studyId(req);
      const parsed = parseForm(ImportForm, req.body);
      const importValues = { format: req.body?.format ?? 'outline', text: typeof req.body?.text === 'string' ? req.body.text : '' };
      if (!parsed.ok) return renderStudy(req, res, id, { errors: translateFieldErrors(req, parsed.errors), errorNode: -1, importValues }, 400);
      const file = (req as Request & { file?: { buffer: Buffer } }).file;
      const text = file ? file.buffer.toString('utf8') : (parsed.data.text ?? '');
      const failed = await studies.importHierarchy(actor(req), id, parsed.data.format, text, req.ip ?? null).then(
        (count) => {
          flash(req, 'success', req.t('studies.import.done', { count }));
          return undefined;
        },
        (err: unknown) => formErrors(req, err),
      );
      if (failed) return renderStudy(req, res, id, { errors: failed.errors, errorNode: -1, importValues }, failed.status);
      back(res, id, '#hierarchy');
    }),
  ];
}
