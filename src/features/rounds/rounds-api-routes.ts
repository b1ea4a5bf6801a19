import type { Request } from 'express';
import { parseInput } from '../../web/forms.js';
import type { AuthUser } from '../../web/request-context.js';
import { access, route, type RouteDef } from '../../web/route-table.js';
import { flattenTree, nodeName } from '../studies/hierarchy-tree.js';
import type { StudiesService } from '../studies/studies-service.js';
import { Id, WeightSetRequest } from './rounds-schemas.js';
import { displayStatus, type RoundsService } from './rounds-service.js';
import type { CreateWeightSetInput, WeightSetView, WeightSetsService } from './weight-sets-service.js';

/** The JSON shape of a weight set in the API (issue 4 point 9; extra fields are additions). */
export function weightSetJson(view: WeightSetView) {
  return {
    id: view.id,
    round: view.roundId,
    study: view.studyId,
    label: view.label,
    createdAt: view.createdAt,
    createdBy: view.createdByName,
    settings: view.settings,
    experts: view.experts,
    nodes: Object.fromEntries(
      Object.entries(view.nodes).map(([id, n]) => [id, { name: n.name, code: n.code, children: n.children, localWeights: n.localWeights, cr: n.cr, consensus: n.consensus, consensusBand: n.consensusBand }]),
    ),
    globalWeights: view.globalWeights,
    globalWeightsByCode: view.globalWeightsByCode,
    overallCr: view.results.overallCr,
    hierarchy: view.hierarchy.map((n) => ({ id: n.id, parent: n.parentId, code: n.code, name: n.names, position: n.position })),
  };
}

/** `/api/v1` routes of studies, rounds and weight sets (Bearer token; documented in rounds-openapi.ts). */
export function roundsApiRoutes(deps: { studies: StudiesService; rounds: RoundsService; weightSets: WeightSetsService; now: () => Date }): RouteDef[] {
  const { studies, rounds, weightSets } = deps;
  const readers = access.api('admin', 'researcher', 'manager');
  const writers = access.api('admin', 'researcher');
  const actor = (req: Request) => req.user as AuthUser;
  const id = (req: Request) => Id.parse(req.params.id);

  return [
    route.get('/api/v1/studies', readers, { summary: 'Studies the token may read' }, async (req, res) => {
      res.json((await studies.list(actor(req))).map((s) => ({ id: s.id, title: s.title, isDemo: s.isDemo, createdAt: s.createdAt })));
    }),
    route.get('/api/v1/studies/:id/rounds', readers, { summary: "A study's expert rounds" }, async (req, res) => {
      res.json((await rounds.listForStudy(actor(req), id(req))).map((r) => ({ id: r.id, label: r.label, status: r.status, openedAt: r.openedAt, closedAt: r.closedAt })));
    }),
    route.get('/api/v1/rounds/:id/judgments', readers, { summary: 'Experts and judgments of a round' }, async (req, res) => {
      const { root, invitations, judgments } = await rounds.judgmentsData(actor(req), id(req));
      const now = deps.now();
      res.json({
        experts: invitations.map((i) => ({ id: i.id, name: i.name, organisation: i.organisation, weight: i.weight, status: displayStatus(i, now) })),
        judgments: judgments.map((j) => ({ expert: j.invitationId, parent: j.parentId, left: j.leftId, right: j.rightId, value: j.value })),
        nodes: flattenTree(root).map((n) => ({ id: n.id, parent: n.parentId, code: n.code, name: nodeName(n, req.locale) })),
      });
    }),
    route.get('/api/v1/rounds/:id/weight-sets', readers, { summary: 'Weight sets of a round' }, async (req, res) => {
      res.json((await weightSets.listForRound(actor(req), id(req))).map((s) => ({ id: s.id, label: s.label, settings: s.settings, experts: s.expertCount, createdAt: s.createdAt })));
    }),
    route.post('/api/v1/rounds/:id/weight-sets', writers, { summary: 'Aggregate a round into a new weight set' }, async (req, res) => {
      const input = parseInput(WeightSetRequest, req.body);
      // The API's documented defaults: all submitted experts with their weights, AIJ, eigenvector, saaty.
      input.method ??= 'eigenvector';
      input.riTable ??= 'saaty';
      const created = await weightSets.create(actor(req), id(req), input as CreateWeightSetInput, req.ip ?? null);
      res.status(201).location(`/api/v1/weight-sets/${created}`).json(weightSetJson(await weightSets.get(actor(req), created, req.locale)));
    }),
    route.get('/api/v1/weight-sets/:id', readers, { summary: 'A weight set: local and global weights per node' }, async (req, res) => {
      res.json(weightSetJson(await weightSets.get(actor(req), id(req), req.locale)));
    }),
  ];
}
