import { ERROR_RESPONSES, jsonBody, jsonResponse, type OpenApiFragment } from '../api-docs/openapi-document.js';

const security = [{ bearer: [] }];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: 'Model version id' };
const readErrors = { '400': ERROR_RESPONSES['400'], '401': ERROR_RESPONSES['401'], '403': ERROR_RESPONSES['403'], '404': ERROR_RESPONSES['404'], '429': ERROR_RESPONSES['429'] };
const localized = { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } };

const summary = {
  type: 'object',
  required: ['id', 'name', 'status', 'effectiveFrom'],
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    status: { type: 'string', enum: ['draft', 'approved', 'retired'], description: 'Approved versions are immutable; every stored evaluation records its version.' },
    effectiveFrom: { type: ['string', 'null'], format: 'date' },
    isDemo: { type: 'boolean' },
    uncalibrated: { type: 'boolean', description: 'True until the bank fits the model to its own defaults; show it to users.' },
    source: { type: 'object', properties: { kind: { type: 'string', enum: ['template', 'weight-set', 'blend', 'time-decay', 'copy', 'json'] }, label: { type: 'string' } } },
    parentId: { type: ['integer', 'null'] },
    createdAt: { type: 'string' }, createdBy: { type: ['string', 'null'] },
    approvedAt: { type: ['string', 'null'] }, approvedBy: { type: ['string', 'null'] }, approvalRationale: { type: ['string', 'null'] },
    retiredAt: { type: ['string', 'null'] }, retireRationale: { type: ['string', 'null'] },
  },
};

const rule = {
  type: 'object',
  description: "Scoring rule: 'anchors' (raw → 0–100, linear between anchors, clamped outside) or 'codes' (code → score).",
  properties: {
    kind: { type: 'string', enum: ['anchors', 'codes'] },
    unit: { type: 'string', enum: ['%', '×', 'days', 'years', 'index', 'code'] },
    direction: { type: 'string', enum: ['increasing', 'decreasing', 'categorical'] },
    anchors: { type: 'array', items: { type: 'object', properties: { raw: { type: 'number' }, score: { type: 'number' } } } },
    codes: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, score: { type: 'number' }, labels: localized } } },
  },
};

const borrower = {
  type: 'object',
  required: ['indicators'],
  additionalProperties: false,
  properties: {
    industry: { type: ['string', 'null'], description: 'Industry code; selects an industry variant and the prosperity index for the overlay.' },
    asOf: { type: ['string', 'null'], format: 'date' },
    indicators: {
      type: 'object',
      description: 'Indicator id → raw value in the units of the default model (I21 debt-to-asset in %, I22 current ratio ×, I41 days …) or a code for categorical indicators (I53 tax grade "A"). Missing ids or null = missing (flagged, renormalised by the version\'s policy). Unknown ids or wrong values → 400.',
      additionalProperties: { type: ['number', 'string', 'null'] },
    },
    flags: { type: 'object', additionalProperties: false, properties: { dishonestDebtorList: { type: 'boolean' }, insolvency: { type: 'boolean' } } },
    daysPastDue: { type: ['number', 'null'], minimum: 0 },
    inDefault: { type: ['boolean', 'null'] },
    prosperityIndex: { type: ['number', 'null'], description: 'Industry prosperity index (100 = neutral) for the overlay; when absent it is read from the table for industry and asOf.' },
  },
};

const evaluation = {
  type: 'object',
  description: 'Exactly these keys (facility only under the facility-grade-only collateral mode). Nothing is stored.',
  required: ['score', 'grade', 'criteria', 'indicators', 'missing', 'caps', 'adjustments', 'warnings'],
  additionalProperties: false,
  properties: {
    score: { type: 'number', description: '0–100, full precision; S = Σ applied global weight × indicator score, then the bounded overlay' },
    grade: { type: 'string', description: 'AAA … C from the grade scale after requirements, caps and knock-outs, or D in default' },
    criteria: { type: 'object', description: 'By criterion id (C1 …).', additionalProperties: { type: 'object', required: ['weight', 'score'], properties: { weight: { type: 'number', description: 'global weight actually applied (0 when every indicator of the criterion is missing); the weights sum to 1' }, score: { type: ['number', 'null'], description: 'weighted mean of its scored indicators, null when all are missing' } } } },
    indicators: { type: 'object', description: 'By indicator id (I11 …), every indicator of the version.', additionalProperties: { type: 'object', required: ['value', 'score', 'weight'], properties: { value: { type: ['number', 'string', 'null'], description: 'the value given, null when missing' }, score: { type: ['number', 'null'], description: '0–100 by the scoring rule; null when missing' }, weight: { type: 'number', description: 'global weight actually applied: 0 for a missing indicator; the weights of the present indicators sum to 1 (missing ones renormalised within their criterion, empty criteria across the others)' } } } },
    missing: { type: 'array', items: { type: 'string' }, description: 'Ids of the missing indicators, in model order.' },
    caps: { type: 'array', description: 'Knock-outs, caps and requirements whose condition holds, and default; binding = it lowered the grade.', items: { type: 'object', required: ['id', 'kind', 'maxGrade', 'binding', 'reason'], properties: { id: { type: 'string' }, kind: { type: 'string', enum: ['knock-out', 'cap', 'requirement', 'default'] }, maxGrade: { type: 'string' }, binding: { type: 'boolean' }, reason: { type: 'string', description: 'why (English)' }, labels: localized } } },
    adjustments: { type: 'array', items: { type: 'object', description: "{ kind: 'industry-variant', industry, rationale } or { kind: 'overlay', prosperityIndex, points, scoreBefore, rationale }" } },
    warnings: { type: 'array', description: 'Codes: missing-indicators, criterion-missing, review-value, overlay-index-missing; and about the version: model-draft (a draft may still change), model-retired, model-uncalibrated.', items: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, indicators: { type: 'array', items: { type: 'string' } }, criterion: { type: 'string' } } } },
    facility: { type: 'object', description: 'Only with collateralMode facility-grade-only: the collateral criterion scored and graded on its own.', properties: { criterion: { type: 'string' }, score: { type: ['number', 'null'] }, grade: { type: ['string', 'null'] } } },
  },
};

const example = { industry: 'C', asOf: '2026-09-30', indicators: { I11: 'none', I12: 6, I13: 9, I14: 'tax_matched', I21: 62, I22: 1.3, I23: 0.9, I24: 3.5, I31: 4, I32: 3.2, I41: 75, I42: 80, I43: 8, I44: 0.9, I51: 'clean', I52: 'none', I53: 'A', I54: 'no_arrears', I55: 'none', I61: 104, I62: 'permitted', I63: 45, I71: 0.8, I72: 'guarantee_company' }, daysPastDue: 0 };

export const modelsOpenApi: OpenApiFragment = {
  tags: [{ name: 'models', description: 'Credit model versions (weights, scoring rules, grades, caps, adjustments) and scoring of borrowers.' }],
  paths: {
    '/models': {
      get: { tags: ['models'], summary: 'Model versions with status and effective date (newest first)', security, responses: { '200': jsonResponse({ type: 'array', items: summary }), ...readErrors } },
    },
    '/models/{id}': {
      get: {
        tags: ['models'], summary: 'A model version: weights (local and global), scoring rules, grade scale, caps and knock-outs, adjustments, early-warning settings', security, parameters: [idParam],
        responses: {
          '200': jsonResponse({
            allOf: [summary, {
              type: 'object',
              properties: {
                weights: { type: 'object', properties: { criteria: { type: 'object', additionalProperties: { type: 'object', properties: { name: localized, weight: { type: 'number' } } } }, indicators: { type: 'object', additionalProperties: { type: 'object', properties: { criterion: { type: 'string' }, name: localized, localWeight: { type: 'number' }, globalWeight: { type: 'number' } } } } } },
                rules: { type: 'object', additionalProperties: rule },
                grades: { type: 'object', properties: { bands: { type: 'array', items: { type: 'object', properties: { grade: { type: 'string' }, minScore: { type: 'number' } } } }, defaultGrade: { type: 'string' } } },
                caps: { type: 'array', items: { type: 'object' } }, requirements: { type: 'array', items: { type: 'object' } },
                missingPolicy: { type: 'string', enum: ['renormalise-within-criterion', 'score-zero'] },
                collateralMode: { type: 'string', enum: ['borrower-score', 'facility-grade-only'] },
                industryVariants: { type: 'array', items: { type: 'object' } }, overlay: { type: ['object', 'null'] },
                adjustments: { type: 'array', items: { type: 'object', properties: { kind: { type: 'string' }, description: { type: 'string' }, rationale: { type: 'string' }, date: { type: 'string' }, params: { type: 'object' } } } },
                earlyWarnings: { type: 'object' },
              },
            }],
          }),
          ...readErrors,
        },
      },
    },
    '/models/{id}/score': {
      post: {
        tags: ['models'], summary: 'Score one borrower under a version (nothing is stored)', security, parameters: [idParam],
        description: 'Any version may be used: approved and retired versions give the result they gave in use; a draft gives the result of its current state and adds the warning model-draft (it may still change). The headers X-Model-Version and X-Model-Status name the version used. Errors: unknown indicator ids, values of the wrong type, unknown codes, unknown fields or malformed JSON → 400 with a message naming them (details.unknownIndicators, details.invalidValues, details.issues); an unknown version → 404; a borrower without any usable value → 400.',
        requestBody: { ...jsonBody(borrower), content: { 'application/json': { schema: borrower, example } } },
        responses: { '200': { ...jsonResponse(evaluation), headers: { 'X-Model-Version': { schema: { type: 'integer' } }, 'X-Model-Status': { schema: { type: 'string', enum: ['draft', 'approved', 'retired'] } } } }, '413': ERROR_RESPONSES['413'], '415': ERROR_RESPONSES['415'], ...readErrors },
      },
    },
    '/models/{id}/score-batch': {
      post: {
        tags: ['models'], summary: 'Score up to 10,000 borrowers under a version (nothing is stored); each item gets a result or its own error', security, parameters: [idParam],
        requestBody: { ...jsonBody({ type: 'object', required: ['borrowers'], additionalProperties: false, properties: { borrowers: { type: 'array', minItems: 1, maxItems: 10000, items: borrower } } }), content: { 'application/json': { schema: { type: 'object', properties: { borrowers: { type: 'array', items: borrower } } }, example: { borrowers: [example, { indicators: { I21: 80, I53: 'C' } }] } } } },
        responses: {
          '200': jsonResponse({
            type: 'object',
            properties: {
              model: { type: 'object' }, count: { type: 'integer' }, failed: { type: 'integer' },
              results: { type: 'array', items: { type: 'object', properties: { index: { type: 'integer' }, result: evaluation, error: { type: 'object', properties: { message: { type: 'string' }, details: {} } } } } },
            },
          }),
          '413': ERROR_RESPONSES['413'], '415': ERROR_RESPONSES['415'], ...readErrors,
        },
      },
    },
  },
};
