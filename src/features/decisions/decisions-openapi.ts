import { ERROR_RESPONSES, jsonBody, jsonResponse, type OpenApiFragment } from '../api-docs/openapi-document.js';
import { POLICY_REASON_CODES } from '../../domain/policy/policy-reason-codes.js';
import { OVERRIDE_REASON_CODES } from '../../domain/policy/override-reason-codes.js';
import { STATEMENT_ITEMS } from '../borrowers/snapshot-fields.js';

const security = [{ bearer: [] }];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: 'Decision id' };
const errors = { '400': ERROR_RESPONSES['400'], '401': ERROR_RESPONSES['401'], '403': ERROR_RESPONSES['403'], '404': ERROR_RESPONSES['404'], '429': ERROR_RESPONSES['429'] };
const conflict = { description: 'Conflict (see the message)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const localized = { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } };
const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, 'null'], ...extra });

const borrower = {
  type: 'object',
  required: ['ref', 'sizeBand', 'asOf', 'indicators'],
  additionalProperties: false,
  description: 'The scoring API’s borrower (POST /models/{id}/score) with asOf required, plus what identifies the borrower and what the policy reads.',
  properties: {
    industry: nullable('string', { description: 'Industry code (industry variant, prosperity index, concentration limit).' }),
    asOf: { type: 'string', format: 'date', description: 'Date of the data; older than the policy allows → referred (stale-data).' },
    indicators: { type: 'object', additionalProperties: { type: ['number', 'string', 'null'] }, description: 'Indicator id → raw value in the model’s units or a code, as for the scoring API. Unknown ids or codes → 400.' },
    flags: { type: 'object', additionalProperties: false, properties: { dishonestDebtorList: { type: 'boolean' }, insolvency: { type: 'boolean' } } },
    daysPastDue: nullable('number', { minimum: 0 }),
    inDefault: nullable('boolean'),
    prosperityIndex: nullable('number'),
    ref: { type: 'string', maxLength: 100, description: 'The bank’s borrower reference: earlier applications (duplicate and split checks) and the exposure in the borrower book are found by it.' },
    name: nullable('string', { maxLength: 200 }),
    sizeBand: { type: 'string', description: 'One of the policy’s size bands (default policy: micro, small, medium).' },
    branch: nullable('string', { maxLength: 100, description: 'For override monitoring by branch.' }),
    region: nullable('string', { maxLength: 100 }),
    statement: { type: ['object', 'null'], additionalProperties: false, properties: Object.fromEntries(STATEMENT_ITEMS.map((k) => [k, nullable('number')])), description: 'Statement items behind the ratios; the policy checks the indicators against them.' },
    existingExposure: nullable('number', { minimum: 0, description: 'Current exposure to the borrower; when absent, the latest balance in the borrower book plus approvals since.' }),
    otherBankOverdue: nullable('boolean'), enforcementListed: nullable('boolean'), utilityCutOff: nullable('boolean'),
    creditLineUsePct: nullable('number', { minimum: 0 }), collateralValue: nullable('number', { minimum: 0 }),
  },
};

const reason = {
  type: 'object',
  required: ['code', 'severity', 'message', 'params'],
  properties: {
    code: { type: 'string', enum: POLICY_REASON_CODES.map((c) => c.code), description: 'Stable reason code.' },
    severity: { type: 'string', enum: ['decline', 'refer', 'info'] },
    message: localized,
    params: { type: 'object', description: 'The numbers behind the reason (e.g. { windowDays, count, requestIds } for a duplicate).' },
  },
};

const decision = {
  type: 'object',
  required: ['id', 'requestId', 'decision', 'reasons', 'limit', 'score', 'grade', 'modelVersion', 'policyVersion', 'decidedAt'],
  properties: {
    id: { type: 'integer' },
    requestId: { type: 'string' },
    decision: { type: 'string', enum: ['approve', 'refer', 'decline'], description: 'The policy’s decision. A referral waits for a credit officer (see the case).' },
    reasons: { type: 'array', items: reason, description: 'Every rule that fired, most severe first.' },
    limit: { type: 'number', description: '0 for decline; else min(amount, exposure headroom) — for a referral, the most an officer may approve within the exposure table.' },
    score: { type: 'number' },
    grade: { type: 'string' },
    modelVersion: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
    policyVersion: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
    decidedAt: { type: 'string', format: 'date-time' },
  },
};

const caseState = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['pending', 'awaiting-second', 'closed'] },
    finalDecision: nullable('string', { enum: ['approve', 'decline', null] }),
    finalLimit: nullable('number'),
    finalSource: nullable('string', { enum: ['policy', 'officer', null] }),
    overrideKind: nullable('string', { enum: ['unchanged', 'refer-approved', 'refer-declined', 'decline-to-approve', 'approve-to-decline', null] }),
    reasonCode: nullable('string'),
    officer: nullable('string'), secondOfficer: nullable('string'), closedAt: nullable('string'),
    proposal: { type: ['object', 'null'], description: 'An officer’s decision waiting for a second officer.' },
    outcome: nullable('string', { enum: ['defaulted', 'performing', null] }),
    revision: { type: 'integer', description: 'Send it back with an action to refuse acting on a case someone changed meanwhile (409).' },
  },
};

const fullCase = {
  allOf: [decision, {
    type: 'object',
    properties: {
      borrowerRef: { type: 'string' }, amount: { type: 'number' }, termMonths: { type: 'integer' }, branch: nullable('string'),
      warningLevel: { type: 'string' }, completeness: { type: 'number' }, submittedBy: nullable('string'), submittedVia: { type: 'string', enum: ['api', 'page', 'demo'] },
      isDemo: { type: 'boolean' }, case: caseState,
      request: { type: 'object', description: 'The request exactly as received.' },
      evaluation: { type: 'object', description: 'The credit model’s evaluation (as the scoring API answers).' },
      context: { type: 'object', description: 'What the policy read besides the request: existing exposure and its source, portfolio position, earlier applications in the window, early-warning level and signals, completeness.' },
      trail: { type: 'array', items: { type: 'object', properties: { kind: { type: 'string', enum: ['submitted', 'decided', 'proposed', 'confirmed', 'rejected', 'outcome'] }, at: { type: 'string' }, by: nullable('string'), decision: nullable('string'), limit: nullable('number'), overrideKind: nullable('string'), reasonCode: nullable('string'), reason: nullable('string'), note: nullable('string') } } },
    },
  }],
};

const example = {
  requestId: 'LOS-2026-000123',
  borrower: {
    ref: 'CUST-88231', name: 'Demo Pump Works Ltd', sizeBand: 'small', industry: 'C', branch: 'Hangzhou', asOf: '2026-09-30', daysPastDue: 0,
    indicators: { I11: 'none', I12: 10, I13: 15, I14: 'tax_matched', I21: 45, I22: 1.8, I23: 1.3, I24: 6, I31: 6, I32: 5, I33: 0.4, I34: 1.6, I41: 45, I42: 50, I43: 12, I44: 1.2, I51: 'clean', I52: 'none', I53: 'A', I54: 'no_arrears', I55: 'none', I61: 110, I62: 'permitted', I63: 30, I71: 1.2, I72: 'guarantee_company' },
  },
  amount: 1_200_000,
  termMonths: 24,
};

const requestSchema = {
  type: 'object',
  required: ['requestId', 'borrower', 'amount', 'termMonths'],
  additionalProperties: false,
  properties: {
    requestId: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:\\-/]{0,99}$', description: 'Chosen by the caller; the same requestId always answers the same stored decision.' },
    borrower,
    amount: { type: 'number', exclusiveMinimum: 0, description: 'Requested amount (currency units).' },
    termMonths: { type: 'integer', minimum: 1, maximum: 600 },
  },
};

const officerDecision = {
  type: 'object',
  required: ['decision', 'reason'],
  properties: {
    decision: { type: 'string', enum: ['approve', 'decline'] },
    reason: { type: 'string', minLength: 1, description: 'Mandatory.' },
    reasonCode: { type: 'string', enum: OVERRIDE_REASON_CODES.map((c) => c.code), description: 'Required for an override (approving a policy decline, declining a policy approval) and must apply to its direction; "other" needs a note.' },
    note: { type: 'string' },
    limit: { type: 'number', exclusiveMinimum: 0, description: 'Approved limit (≤ the amount requested); default: the policy’s limit, else the amount.' },
    revision: { type: 'integer' },
  },
};

/** OpenAPI paths of the decision service (issue 9 items 2 and 4). */
export const decisionsOpenApi: OpenApiFragment = {
  tags: [{ name: 'decisions', description: 'Online approval decisions by the policy in force, and their maker-checker review.' }],
  paths: {
    '/decisions': {
      post: {
        tags: ['decisions'], security,
        summary: 'Decide a credit application under the policy in force (idempotent by requestId)',
        description: 'Scores the borrower under the credit model in force, then applies the approval policy in force for that model (rules, exposure, loophole checks against the borrower’s earlier applications). The decision is stored immutably with its inputs and versions. The same requestId with the same body returns the stored decision (200, header Idempotent-Replayed: true), also under concurrent duplicates; the same requestId with a different body is 409. Bad input is 400 and nothing is stored. 409 also when no policy is in force.',
        requestBody: { ...jsonBody(requestSchema), content: { 'application/json': { schema: requestSchema, example } } },
        responses: { '201': jsonResponse(decision, 'Decided and stored'), '200': jsonResponse(decision, 'The stored decision of this requestId'), '409': conflict, '413': ERROR_RESPONSES['413'], '415': ERROR_RESPONSES['415'], '503': ERROR_RESPONSES['503'], ...errors },
      },
      get: {
        tags: ['decisions'], security, summary: 'Decisions with their case state, newest first',
        parameters: ['requestId', 'borrowerRef'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })).concat([
          { name: 'status', in: 'query', schema: { type: 'string', enum: ['pending', 'awaiting-second', 'closed'] } as never },
          { name: 'decision', in: 'query', schema: { type: 'string', enum: ['approve', 'refer', 'decline'] } as never },
          { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } as never },
          { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } as never },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } as never },
          { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } as never },
        ]),
        responses: { '200': jsonResponse({ type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: { type: 'object' } } } }), ...errors },
      },
    },
    '/decisions/{id}': {
      get: { tags: ['decisions'], security, parameters: [idParam], summary: 'A decision: inputs, versions, reasons, context, case state and trail', responses: { '200': jsonResponse(fullCase), ...errors } },
    },
    '/decisions/{id}/officer-decision': {
      post: {
        tags: ['decisions'], security, parameters: [idParam],
        summary: 'A credit officer decides a referral or overrides the policy',
        description: 'Credit officers only; never the person who submitted the case (403). Above the policy’s amount an override waits for a second officer (status awaiting-second).',
        requestBody: jsonBody(officerDecision),
        responses: { '200': jsonResponse(fullCase), '409': conflict, ...errors },
      },
    },
    '/decisions/{id}/second-approval': {
      post: {
        tags: ['decisions'], security, parameters: [idParam],
        summary: 'A second officer confirms or rejects a decision waiting for one',
        description: 'Neither the submitter nor the first officer (403). Rejecting puts the case back where it was.',
        requestBody: jsonBody({ type: 'object', required: ['confirm', 'reason'], properties: { confirm: { type: 'boolean' }, reason: { type: 'string', minLength: 1 }, revision: { type: 'integer' } } }),
        responses: { '200': jsonResponse(fullCase), '409': conflict, ...errors },
      },
    },
    '/decisions/{id}/outcome': {
      post: {
        tags: ['decisions'], security, parameters: [idParam],
        summary: 'Record the later outcome of an approved loan (for default rates by decision path)',
        requestBody: jsonBody({ type: 'object', required: ['outcome'], properties: { outcome: { type: 'string', enum: ['defaulted', 'performing'] }, note: { type: 'string' } } }),
        responses: { '200': jsonResponse(fullCase), '409': conflict, ...errors },
      },
    },
  },
};
