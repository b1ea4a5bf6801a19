import { ERROR_RESPONSES, jsonResponse, type OpenApiFragment } from '../api-docs/openapi-document.js';

const matrix = {
  type: 'array',
  maxItems: 30,
  items: { type: 'array', maxItems: 30, items: { type: ['number', 'null'], exclusiveMinimum: 0 } },
  description: 'Square pairwise matrix: a_ij = how many times as important i is as j; a_ji = 1/a_ij; null = missing judgment.',
};
const method = { type: 'string', enum: ['eigenvector', 'rgmm'], default: 'eigenvector' };
const riTable = { type: 'string', enum: ['saaty', 'saaty2005', 'alonso-lamata', 'donegan-dodd'], default: 'saaty' };
const completion = { type: 'string', enum: ['optimal', 'harker'], default: 'optimal' };
const publicErrors = { '400': ERROR_RESPONSES['400'], '413': ERROR_RESPONSES['413'], '415': ERROR_RESPONSES['415'], '429': ERROR_RESPONSES['429'] };
const example3 = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]];

export const ahpOpenApi: OpenApiFragment = {
  tags: [{ name: 'ahp', description: 'Public AHP calculator: priorities, consistency, group aggregation, hierarchies, uncertainty. No token; rate-limited per IP.' }],
  paths: {
    '/ahp/priorities': {
      post: {
        tags: ['ahp'],
        summary: 'Priorities, λmax, CI, CR, GCI and the most inconsistent judgments of one matrix',
        description: 'Missing judgments (null) are completed first: optimal completion minimising λmax (Bozóki, Fülöp & Rónyai 2010) or Harker (1987). CR = CI / RI(n) with the named RI table; n ≤ 2 → 0; n beyond a table → Alonso–Lamata formula.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', required: ['matrix'], additionalProperties: false, properties: { matrix, method, riTable, completion, top: { type: 'integer', minimum: 0, default: 3 } } },
              example: { matrix: [[1, 3, null], [1 / 3, 1, 2], [null, 1 / 2, 1]], method: 'eigenvector', riTable: 'saaty', top: 3 },
            },
          },
        },
        responses: {
          '200': jsonResponse({
            type: 'object',
            properties: {
              weights: { type: 'array', items: { type: 'number' } },
              lambdaMax: { type: 'number' }, ci: { type: 'number' }, cr: { type: 'number' }, ri: { type: 'number' },
              riTable: { type: 'string' }, gci: { type: 'number' }, method: { type: 'string' },
              completedMatrix: { type: 'array', items: { type: 'array', items: { type: 'number' } } },
              sensitivity: {
                type: 'array',
                description: 'Per element: the signed weight change (others rescaled proportionally) at which the top two elements swap places; null when moving it cannot swap them.',
                items: { type: 'object', properties: { criterion: { type: 'integer' }, weight: { type: 'number' }, delta: { type: ['number', 'null'] }, weightAtReversal: { type: ['number', 'null'] }, top: { type: 'integer' }, overtakenBy: { type: ['integer', 'null'] } } },
              },
              inconsistencies: {
                type: 'array',
                items: { type: 'object', properties: { i: { type: 'integer' }, j: { type: 'integer' }, value: { type: ['number', 'null'] }, suggested: { type: 'number' }, error: { type: 'number' }, crIfChanged: { type: 'number' } } },
              },
            },
          }),
          ...publicErrors,
        },
      },
    },
    '/ahp/aggregate': {
      post: {
        tags: ['ahp'],
        summary: 'Group aggregation (AIJ weighted geometric mean of judgments, or AIP) with consensus S* and dispersion',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object', required: ['matrices'], additionalProperties: false,
                properties: {
                  matrices: { type: 'array', maxItems: 500, items: matrix },
                  expertWeights: { type: 'array', items: { type: 'number', exclusiveMinimum: 0 } },
                  mode: { type: 'string', enum: ['aij', 'aip-geometric', 'aip-arithmetic'], default: 'aij' },
                  method, riTable, completion,
                  scaleMax: { type: 'number', default: 9, description: 'M of the judgment scale for the consensus indicator' },
                },
              },
              example: { matrices: [example3, [[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]]], expertWeights: [2, 1], mode: 'aij' },
            },
          },
        },
        responses: {
          '200': jsonResponse({
            type: 'object',
            properties: {
              matrix: { type: 'array', items: { type: 'array', items: { type: ['number', 'null'] } } },
              weights: { type: 'array', items: { type: 'number' } },
              cr: { type: ['number', 'null'] },
              consensus: { type: 'object', properties: { sStar: { type: ['number', 'null'] }, band: { type: ['string', 'null'] } } },
              dispersion: { type: 'array', items: { type: 'array', items: { type: ['number', 'null'] } } },
              individual: { type: 'array', items: { type: 'object', properties: { weights: { type: ['array', 'null'] }, cr: { type: ['number', 'null'] } } } },
            },
          }),
          ...publicErrors,
        },
      },
    },
    '/ahp/hierarchy': {
      post: {
        tags: ['ahp'],
        summary: 'Local weights per node, global leaf weights, per-node and overall CR of a hierarchy',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object', required: ['goal', 'nodes'], additionalProperties: false,
                properties: {
                  goal: { type: 'string' },
                  nodes: { type: 'array', items: { type: 'object', required: ['id', 'children', 'matrix'], properties: { id: { type: 'string' }, children: { type: 'array', items: { type: 'string' } }, matrix } } },
                  method, riTable, completion,
                },
              },
              example: { goal: 'G', nodes: [{ id: 'G', children: ['C1', 'C2'], matrix: [[1, 3], [1 / 3, 1]] }, { id: 'C1', children: ['a', 'b', 'c'], matrix: example3 }, { id: 'C2', children: ['a', 'b', 'c'], matrix: [[1, 1, 1], [1, 1, 1], [1, 1, 1]] }] },
            },
          },
        },
        responses: {
          '200': jsonResponse({
            type: 'object',
            properties: {
              localWeights: { type: 'object', additionalProperties: { type: 'array', items: { type: 'number' } } },
              globalWeights: { type: 'object', additionalProperties: { type: 'number' } },
              cr: { type: 'object', additionalProperties: { type: 'number' } },
              overallCr: { type: 'number' },
            },
          }),
          ...publicErrors,
        },
      },
    },
    '/ahp/uncertainty': {
      post: {
        tags: ['ahp'],
        summary: 'Monte Carlo weight bands and rank-reversal probabilities of one matrix (seeded)',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object', required: ['matrix'], additionalProperties: false,
                properties: {
                  matrix, draws: { type: 'integer', minimum: 1, maximum: 100000, default: 1000 }, seed: { type: 'integer', default: 1 },
                  crLimit: { type: 'number', default: 0.25 }, variation: { type: 'number', default: 0.5 }, method, riTable, completion,
                },
              },
              example: { matrix: example3, draws: 2000, seed: 7 },
            },
          },
        },
        responses: {
          '200': jsonResponse({
            type: 'object',
            properties: {
              seed: { type: 'integer' }, draws: { type: 'integer' }, accepted: { type: 'integer' },
              elements: {
                type: 'array',
                items: { type: 'object', properties: { index: { type: 'integer' }, weight: { type: 'number' }, mean: { type: 'number' }, sd: { type: 'number' }, p2_5: { type: 'number' }, p97_5: { type: 'number' }, rankReversalProbability: { type: 'number' } } },
              },
            },
          }),
          ...publicErrors,
        },
      },
    },
  },
};
