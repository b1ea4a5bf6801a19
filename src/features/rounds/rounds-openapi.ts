import { ERROR_RESPONSES, jsonResponse, type OpenApiFragment } from '../api-docs/openapi-document.js';

const security = [{ bearer: [] }];
const idParam = (description: string) => ({ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description });
const readErrors = { '400': ERROR_RESPONSES['400'], '401': ERROR_RESPONSES['401'], '403': ERROR_RESPONSES['403'], '404': ERROR_RESPONSES['404'], '429': ERROR_RESPONSES['429'] };
const weightsByNode = { type: 'object', additionalProperties: { type: 'number' } };

const weightSetSchema = {
  type: 'object',
  required: ['id', 'settings', 'nodes', 'globalWeights'],
  properties: {
    id: { type: 'integer' },
    round: { type: 'integer' },
    study: { type: 'integer' },
    label: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    createdBy: { type: ['string', 'null'] },
    settings: {
      type: 'object',
      description: 'Aggregation settings as used: mode, method, riTable, completion, crThreshold, Monte Carlo seed and draws.',
      properties: {
        mode: { type: 'string', enum: ['aij', 'aip-geometric', 'aip-arithmetic'] },
        method: { type: 'string', enum: ['eigenvector', 'rgmm'] },
        riTable: { type: 'string', enum: ['saaty', 'saaty2005', 'alonso-lamata', 'donegan-dodd'] },
        completion: { type: 'string' },
        crThreshold: { type: 'number' },
        seed: { type: 'integer' },
        draws: { type: 'integer' },
      },
    },
    experts: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, organisation: { type: ['string', 'null'] }, weight: { type: 'number' }, maxCr: { type: ['number', 'null'] }, flagged: { type: 'boolean' } } },
    },
    nodes: {
      type: 'object',
      description: 'Per node with children (by node id): its name, ordered children ids, the group local weights (same order), CR of the group matrix (null for AIP) and Goepel consensus S*.',
      additionalProperties: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          code: { type: 'string' },
          children: { type: 'array', items: { type: 'integer' } },
          localWeights: { type: 'array', items: { type: 'number' } },
          cr: { type: ['number', 'null'] },
          consensus: { type: ['number', 'null'] },
          consensusBand: { type: ['string', 'null'], enum: ['very low', 'low', 'moderate', 'high', 'very high', null] },
        },
      },
    },
    globalWeights: { ...weightsByNode, description: 'Leaf node id → global weight (product of local weights along the path; Σ = 1).' },
    globalWeightsByCode: { ...weightsByNode, description: 'The same global weights keyed by node code (I11 … I72 in the default hierarchy).' },
    overallCr: { type: ['number', 'null'] },
    hierarchy: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, parent: { type: ['integer', 'null'] }, code: { type: 'string' }, name: { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } }, position: { type: 'integer' } } } },
  },
};

export const roundsOpenApi: OpenApiFragment = {
  tags: [{ name: 'rounds', description: 'Studies, expert rounds, judgments and weight sets (immutable aggregations of a round).' }],
  paths: {
    '/studies': {
      get: {
        tags: ['rounds'],
        summary: 'Studies the token may read (own, demo; all for administrators and managers)',
        security,
        responses: {
          '200': jsonResponse({ type: 'array', items: { type: 'object', required: ['id', 'title'], properties: { id: { type: 'integer' }, title: { type: 'string' }, isDemo: { type: 'boolean' }, createdAt: { type: 'string' } } } }),
          ...readErrors,
        },
      },
    },
    '/studies/{id}/rounds': {
      get: {
        tags: ['rounds'],
        summary: "A study's expert rounds",
        security,
        parameters: [idParam('Study id')],
        responses: {
          '200': jsonResponse({
            type: 'array',
            items: { type: 'object', required: ['id', 'label', 'status'], properties: { id: { type: 'integer' }, label: { type: 'string' }, status: { type: 'string', enum: ['draft', 'open', 'closed'] }, openedAt: { type: ['string', 'null'] }, closedAt: { type: ['string', 'null'] } } },
          }),
          ...readErrors,
        },
      },
    },
    '/rounds/{id}/judgments': {
      get: {
        tags: ['rounds'],
        summary: 'Experts and their judgments (long format)',
        description: '`value` is how many times as important `left` is as `right` (e.g. 3 or 1/3 = 0.333…); null = "no opinion". `left` comes before `right` in the parent\'s order. `nodes` maps node ids to codes and names.',
        security,
        parameters: [idParam('Round id')],
        responses: {
          '200': {
            description: 'OK',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['experts', 'judgments'],
                  properties: {
                    experts: { type: 'array', items: { type: 'object', required: ['id', 'name', 'weight', 'status'], properties: { id: { type: 'integer' }, name: { type: 'string' }, organisation: { type: ['string', 'null'] }, weight: { type: 'number' }, status: { type: 'string', enum: ['invited', 'started', 'submitted', 'revoked', 'expired'] } } } },
                    judgments: { type: 'array', items: { type: 'object', required: ['expert', 'parent', 'left', 'right', 'value'], properties: { expert: { type: 'integer' }, parent: { type: 'integer' }, left: { type: 'integer' }, right: { type: 'integer' }, value: { type: ['number', 'null'] } } } },
                    nodes: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, parent: { type: ['integer', 'null'] }, code: { type: 'string' }, name: { type: 'string' } } } },
                  },
                },
                example: { experts: [{ id: 7, name: 'Expert 1 — risk officer', weight: 1, status: 'submitted' }], judgments: [{ expert: 7, parent: 1, left: 2, right: 3, value: 0.3333333333333333 }], nodes: [{ id: 1, parent: null, code: 'GOAL', name: 'SME credit quality' }] },
              },
            },
          },
          ...readErrors,
        },
      },
    },
    '/rounds/{id}/weight-sets': {
      get: {
        tags: ['rounds'],
        summary: 'Weight sets of a round',
        security,
        parameters: [idParam('Round id')],
        responses: {
          '200': jsonResponse({ type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, label: { type: 'string' }, settings: { type: 'object' }, experts: { type: 'integer', description: 'number of experts included' }, createdAt: { type: 'string' } } } }),
          ...readErrors,
        },
      },
      post: {
        tags: ['rounds'],
        summary: 'Aggregate the round into a new, immutable weight set',
        description: 'Defaults: all submitted experts with the weights given at invitation, AIJ, eigenvector, saaty; missing judgments completed optimally; Monte Carlo bands with seed 1. Only submitted experts can be included.',
        security,
        parameters: [idParam('Round id')],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  experts: { type: 'array', items: { type: 'integer' }, description: 'Invitation ids of submitted experts to include' },
                  expertWeights: { type: 'object', additionalProperties: { type: 'number', exclusiveMinimum: 0 }, description: 'Expert id → weight (overrides the invitation weight)' },
                  mode: { type: 'string', enum: ['aij', 'aip-geometric', 'aip-arithmetic'], default: 'aij' },
                  method: { type: 'string', enum: ['eigenvector', 'rgmm'], default: 'eigenvector' },
                  riTable: { type: 'string', enum: ['saaty', 'saaty2005', 'alonso-lamata', 'donegan-dodd'], default: 'saaty' },
                  label: { type: 'string', maxLength: 200 },
                  seed: { type: 'integer', minimum: 0 },
                },
              },
              example: { experts: [7, 8, 9], mode: 'aij', method: 'eigenvector', riTable: 'saaty' },
            },
          },
        },
        responses: { '201': jsonResponse(weightSetSchema, 'Created'), ...readErrors, '415': ERROR_RESPONSES['415'] },
      },
    },
    '/weight-sets/{id}': {
      get: {
        tags: ['rounds'],
        summary: 'A weight set: group local weights, CR and consensus per node, global weights per leaf',
        security,
        parameters: [idParam('Weight set id')],
        responses: { '200': jsonResponse(weightSetSchema), ...readErrors },
      },
    },
  },
};
