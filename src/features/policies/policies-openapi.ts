import { ERROR_RESPONSES, jsonResponse, type OpenApiFragment } from '../api-docs/openapi-document.js';

const security = [{ bearer: [] }];
const readErrors = { '400': ERROR_RESPONSES['400'], '401': ERROR_RESPONSES['401'], '403': ERROR_RESPONSES['403'], '404': ERROR_RESPONSES['404'], '429': ERROR_RESPONSES['429'] };

const summary = {
  type: 'object',
  required: ['id', 'name', 'status', 'modelVersionId', 'effectiveFrom'],
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    status: { type: 'string', enum: ['draft', 'approved', 'retired'], description: 'Approved versions are immutable; every decision records its policy version.' },
    modelVersionId: { type: 'integer', description: 'The credit model version (GET /models/{id}) whose grades the policy decides on.' },
    effectiveFrom: { type: ['string', 'null'], format: 'date' },
    isDemo: { type: 'boolean' },
    proposal: { type: 'boolean', description: 'True for a shipped proposal the bank has not calibrated or adopted; show it to users.' },
    source: { type: 'object', properties: { kind: { type: 'string', enum: ['default', 'copy', 'json'] }, label: { type: 'string' }, baseVersionId: { type: ['integer', 'null'] } } },
    parentId: { type: ['integer', 'null'] },
    createdAt: { type: 'string' }, createdBy: { type: ['string', 'null'] },
    approvedAt: { type: ['string', 'null'] }, approvedBy: { type: ['string', 'null'] }, approvalRationale: { type: ['string', 'null'] },
    retiredAt: { type: ['string', 'null'] }, retireRationale: { type: ['string', 'null'] },
  },
};

const definition = {
  type: 'object',
  description: 'The policy definition: gradeScale (the model\'s), gradeThresholds { approveFrom, referFrom }, knockOuts [{ id, condition, action, labels }], sizeBands, exposureLimits[grade][band] (currency), noHeadroomAction, autoApprovalMaxAmount, maxTermMonths, minCompleteness (0..1), warningLevelActions { green, yellow, orange, red }, industryConcentration { defaultMaxShare, maxShareByIndustry, minPortfolioBalance }, reviewFlagAction, loopholeChecks { duplicate, split, staleness, plausibility } (null = off), overrides { secondApprovalAboveAmount, secondApprovalKinds }, proposal, notes.',
  required: ['gradeScale', 'gradeThresholds', 'knockOuts', 'sizeBands', 'exposureLimits', 'noHeadroomAction', 'autoApprovalMaxAmount', 'maxTermMonths', 'minCompleteness', 'warningLevelActions', 'industryConcentration', 'reviewFlagAction', 'loopholeChecks', 'overrides', 'proposal'],
  properties: {
    gradeThresholds: { type: 'object', properties: { approveFrom: { type: 'string' }, referFrom: { type: 'string' } } },
    knockOuts: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, condition: { type: 'object' }, action: { type: 'string', enum: ['refer', 'decline'] }, labels: { type: 'object' } } } },
    sizeBands: { type: 'array', items: { type: 'string' } },
    exposureLimits: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'number' } } },
    minCompleteness: { type: 'number', minimum: 0, maximum: 1 },
    warningLevelActions: { type: 'object', additionalProperties: { type: 'string', enum: ['none', 'refer', 'decline'] } },
  },
};

const full = {
  allOf: [summary, {
    type: 'object',
    properties: {
      description: { type: 'string' },
      definition,
      approvalDryRun: { type: ['object', 'null'], description: 'The portfolio dry run the approver saw: ranAt, portfolio, cases, baselinePolicyId, result { mix, reasonCounts, comparison, errors }.' },
    },
  }],
};

export const policiesOpenApi: OpenApiFragment = {
  tags: [{ name: 'policies', description: 'Approval decision policy versions attached to credit model versions (read only; drafts are edited and approved on the pages).' }],
  paths: {
    '/policies': {
      get: {
        tags: ['policies'], summary: 'Policy versions (newest first)', security,
        parameters: [
          { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['draft', 'approved', 'retired'] } },
          { name: 'modelVersionId', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } },
        ],
        responses: { '200': jsonResponse({ type: 'array', items: summary }), ...readErrors },
      },
    },
    '/policies/effective': {
      get: {
        tags: ['policies'], summary: 'The approved policy in force', security,
        description: 'Among approved (or later retired) versions of the model version with effectiveFrom on or before the date and not retired by then, the latest effectiveFrom. Without modelVersionId: for the model version in force on that date. 404 when none.',
        parameters: [
          { name: 'modelVersionId', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } },
          { name: 'at', in: 'query', required: false, schema: { type: 'string' }, description: 'ISO date or instant (default today, UTC)' },
        ],
        responses: { '200': jsonResponse(full), ...readErrors },
      },
    },
    '/policies/{id}': {
      get: {
        tags: ['policies'], summary: 'A policy version with its full definition', security,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: 'Policy version id' }],
        responses: { '200': jsonResponse(full), ...readErrors },
      },
    },
  },
};
