import type { Request } from 'express';
import { z } from 'zod';
import { parseInput } from '../../web/forms.js';
import { NotFoundError } from '../../web/http-errors.js';
import { access, route, type RouteDef } from '../../web/route-table.js';
import { Id } from './policies-schemas.js';
import type { PoliciesService } from './policies-service.js';
import type { PolicyVersion, PolicyVersionSummary } from './policy-version.js';

/** The list entry of GET /api/v1/policies. */
export function policySummaryJson(v: PolicyVersionSummary | PolicyVersion) {
  return {
    id: v.id, name: v.name, status: v.status, modelVersionId: v.modelVersionId, effectiveFrom: v.effectiveFrom, isDemo: v.isDemo,
    proposal: 'proposal' in v ? v.proposal : v.definition.proposal,
    source: v.source, parentId: v.parentId,
    createdAt: v.createdAt, createdBy: v.createdByName,
    approvedAt: v.approvedAt, approvedBy: v.approvedByName, approvalRationale: v.approvalRationale,
    retiredAt: v.retiredAt, retireRationale: v.retireRationale,
  };
}

/** GET /api/v1/policies/{id}: the summary with the full definition and the dry run kept at approval. */
export function policyJson(v: PolicyVersion) {
  return { ...policySummaryJson(v), description: v.description, definition: v.definition, approvalDryRun: v.approvalDryRun };
}

const ListQuery = z.object({
  status: z.enum(['draft', 'approved', 'retired']).optional(),
  modelVersionId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
}).strict();

const EffectiveQuery = z.object({
  modelVersionId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  at: z.string().regex(/^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'an ISO date or instant').optional(),
}).strict();

/** /api/v1 routes of approval policies (read only; documented in policies-openapi.ts). */
export function policiesApiRoutes(deps: { policies: PoliciesService }): RouteDef[] {
  const { policies } = deps;
  const readers = access.api('admin', 'researcher', 'manager', 'credit-officer');
  const id = (req: Request) => Id.parse(req.params.id);
  return [
    route.get('/api/v1/policies', readers, { summary: 'Policy versions with status, model version and effective date' }, async (req, res) => {
      const q = parseInput(ListQuery, req.query);
      res.json((await policies.listPolicyVersions({ ...(q.status ? { statuses: [q.status] } : {}), ...(q.modelVersionId ? { modelVersionId: q.modelVersionId } : {}) })).map(policySummaryJson));
    }),
    route.get('/api/v1/policies/effective', readers, { summary: 'The approved policy in force (for a model version and date)' }, async (req, res) => {
      const q = parseInput(EffectiveQuery, req.query);
      const v = await policies.effectivePolicy(q.modelVersionId, q.at);
      if (!v) throw new NotFoundError('No approved policy is in force for this model version and date.');
      res.json(policyJson(v));
    }),
    route.get('/api/v1/policies/:id', readers, { summary: 'A policy version with its full definition' }, async (req, res) => {
      res.json(policyJson(await policies.getPolicyVersion(id(req))));
    }),
  ];
}
