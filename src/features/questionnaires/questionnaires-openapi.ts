import { ERROR_RESPONSES, jsonResponse, type OpenApiFragment } from '../api-docs/openapi-document.js';

const security = [{ bearer: [] }];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const scopeParams = [
  { name: 'version', in: 'query', required: false, schema: { type: 'integer', minimum: 1 }, description: 'Analyse one version only (default: all versions, with the current version’s questions).' },
  {
    name: 'f.<question>', in: 'query', required: false, schema: { type: 'string' },
    description: 'Filter on a profile question (a single-answer choice question outside any dimension), e.g. `f.role=approver`. Repeat for several questions.',
  },
];
const readErrors = { '400': ERROR_RESPONSES['400'], '401': ERROR_RESPONSES['401'], '403': ERROR_RESPONSES['403'], '404': ERROR_RESPONSES['404'] };
const nullableNumber = { type: ['number', 'null'] };
const frequency = { type: 'object', properties: { value: { type: ['string', 'number'] }, label: { type: 'string' }, count: { type: 'integer' }, percent: { type: 'number' } } };
const note = { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, subject: { type: 'string' } } };

const exampleSchema = {
  title: { default: 'Early warning check', 'zh-cn': '风险预警检查' },
  pages: [{
    name: 'p1',
    elements: [
      { type: 'radiogroup', name: 'role', isRequired: true, choices: ['account-manager', 'risk-officer', 'approver'] },
      { type: 'rating', name: 'ew1', rateMin: 1, rateMax: 5, isRequired: true, dimension: 'early-warning', title: 'Our early-warning system flags deteriorating borrowers in time.' },
      { type: 'rating', name: 'ew3', rateMin: 1, rateMax: 5, isRequired: true, dimension: 'early-warning', reverse: true, title: 'Warning signals are noticed only after default.' },
    ],
  }],
};

export const questionnairesOpenApi: OpenApiFragment = {
  tags: [{ name: 'questionnaires', description: 'Staff questionnaires (SurveyJS JSON): create, import responses, analysis, cross-tabs and group comparisons.' }],
  paths: {
    '/questionnaires': {
      get: {
        tags: ['questionnaires'], summary: 'Questionnaires the token’s user may read', security,
        responses: {
          '200': jsonResponse({
            type: 'object',
            properties: {
              questionnaires: {
                type: 'array',
                items: { type: 'object', properties: { id: { type: 'integer' }, title: { type: 'string' }, status: { type: 'string', enum: ['draft', 'open', 'closed'] }, version: { type: 'integer' }, anonymous: { type: 'boolean' }, isDemo: { type: 'boolean' }, responses: { type: 'integer' } } },
              },
            },
          }),
          '401': ERROR_RESPONSES['401'], '403': ERROR_RESPONSES['403'],
        },
      },
      post: {
        tags: ['questionnaires'], summary: 'Create a questionnaire (draft) from SurveyJS JSON', security,
        description: 'The JSON is checked (supported types text, comment, radiogroup, dropdown, checkbox, tagbox, rating, boolean, html, panel; unique names; no choicesByUrl/navigateToUrl; no text piping in HTML) and its HTML is sanitised. Questions may carry `dimension` and `reverse` for the analysis. A refused schema answers 400 with `error.details.issues`, one sentence per problem naming the element.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', required: ['title', 'schema'], additionalProperties: false, properties: { title: { type: 'string', maxLength: 200 }, description: { type: 'string', maxLength: 2000 }, schema: { type: 'object', description: 'SurveyJS JSON' } } },
              example: { title: 'Early warning check', schema: exampleSchema },
            },
          },
        },
        responses: { '201': jsonResponse({ type: 'object', required: ['id'], properties: { id: { type: 'integer' } } }, 'Created'), ...readErrors, '413': ERROR_RESPONSES['413'], '415': ERROR_RESPONSES['415'] },
      },
    },
    '/questionnaires/{id}': {
      get: {
        tags: ['questionnaires'], summary: 'A questionnaire with its current SurveyJS JSON', security, parameters: [idParam],
        responses: {
          '200': jsonResponse({
            type: 'object',
            properties: {
              id: { type: 'integer' }, title: { type: 'string' }, description: { type: 'string' }, status: { type: 'string' }, version: { type: 'integer' },
              anonymous: { type: 'boolean' }, isDemo: { type: 'boolean' }, deadline: { type: ['string', 'null'] }, responseLimit: { type: ['integer', 'null'] },
              dimensions: { type: 'array', items: { type: 'string' } }, schema: { type: 'object' },
            },
          }),
          ...readErrors,
        },
      },
    },
    '/questionnaires/{id}/responses': {
      post: {
        tags: ['questionnaires'], summary: 'Import responses into the current version, all or nothing', security, parameters: [idParam],
        description: 'JSON `{ "rows": [ { "<question name>": value, … } ] }` with values typed as online answers (numbers for ratings, declared choice values, lists for multi-select), or a CSV body (`Content-Type: text/csv`) whose header names the questions (codes or English/Chinese labels; `;` between several answers; columns starting with `_` ignored). Every row is validated like an online answer; if any row fails, nothing is stored and `error.details.rows` lists `{ row, question, message }` for every problem. At most 5,000 rows per request (each row is validated by SurveyJS in Node, about 5 ms a row).',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', required: ['rows'], additionalProperties: false, properties: { rows: { type: 'array', minItems: 1, maxItems: 5000, items: { type: 'object' } } } },
              example: { rows: [{ role: 'approver', ew1: 2, ew3: 4 }, { role: 'risk-officer', ew1: 1, ew3: 5 }] },
            },
            'text/csv': { schema: { type: 'string' }, example: 'role,ew1,ew3\napprover,2,4\nrisk-officer,1,5\n' },
          },
        },
        responses: {
          '201': jsonResponse({ type: 'object', required: ['imported'], properties: { imported: { type: 'integer' }, version: { type: 'integer' } } }, 'Imported'),
          ...readErrors, '413': ERROR_RESPONSES['413'], '415': ERROR_RESPONSES['415'],
        },
      },
    },
    '/questionnaires/{id}/analysis': {
      get: {
        tags: ['questionnaires'], summary: 'Item statistics, dimension scores and reliability', security, parameters: [idParam, ...scopeParams],
        description: 'Per item n, mean, SD (n − 1), median, frequencies and, for ratings, % agree/disagree (above/below the midpoint). Per dimension the score (mean of answered items after reverse-coding min + max − x), Cronbach’s alpha with Feldt’s 95% interval, alpha if item deleted and corrected item–total correlations (R psych::alpha), on respondents who answered every item of the dimension.',
        responses: {
          '200': jsonResponse({
            type: 'object',
            required: ['responses', 'items', 'dimensions'],
            properties: {
              responses: { type: 'integer' },
              version: { type: ['integer', 'string'] },
              filters: { type: 'array', items: { type: 'object', properties: { question: { type: 'string' }, value: { type: 'string' } } } },
              items: {
                type: 'object',
                additionalProperties: {
                  type: 'object',
                  properties: { kind: { type: 'string' }, n: { type: 'integer' }, mean: nullableNumber, sd: nullableNumber, median: nullableNumber, frequencies: { type: 'array', items: frequency }, agreePercent: nullableNumber, disagreePercent: nullableNumber, notes: { type: 'array', items: note } },
                },
              },
              dimensions: {
                type: 'object',
                additionalProperties: {
                  type: 'object',
                  properties: {
                    items: { type: 'array', items: { type: 'string' } }, n: { type: 'integer' }, alphaN: { type: 'integer' }, alpha: nullableNumber,
                    alphaCi: { type: ['array', 'null'], items: { type: 'number' }, minItems: 2, maxItems: 2 },
                    alphaIfDeleted: { type: 'object', additionalProperties: nullableNumber }, itemTotal: { type: 'object', additionalProperties: nullableNumber },
                    mean: nullableNumber, sd: nullableNumber, median: nullableNumber, notes: { type: 'array', items: note },
                  },
                },
              },
              notes: { type: 'array', items: note },
            },
          }),
          ...readErrors,
        },
      },
    },
    '/questionnaires/{id}/crosstab': {
      get: {
        tags: ['questionnaires'], summary: 'Cross-tab of two single-answer questions with χ², p, Cramér’s V', security,
        parameters: [idParam, { name: 'rows', in: 'query', required: true, schema: { type: 'string' } }, { name: 'cols', in: 'query', required: true, schema: { type: 'string' } }, ...scopeParams],
        description: 'Pearson χ² without continuity correction (R chisq.test(correct = FALSE)). `lowExpected` is Cochran’s warning: an expected count below 1 or more than 20% of cells below 5.',
        responses: {
          '200': jsonResponse({
            type: 'object',
            required: ['table', 'chiSquare', 'df', 'p', 'cramersV', 'lowExpected'],
            properties: {
              table: { type: 'object', properties: { rows: { type: 'array', items: { type: 'string' } }, cols: { type: 'array', items: { type: 'string' } }, rowValues: { type: 'array' }, colValues: { type: 'array' }, counts: { type: 'array', items: { type: 'array', items: { type: 'integer' } } } } },
              n: { type: 'integer' }, chiSquare: nullableNumber, df: { type: ['integer', 'null'] }, p: nullableNumber, cramersV: nullableNumber, lowExpected: { type: 'boolean' },
              expected: { type: ['array', 'null'], items: { type: 'array', items: { type: 'number' } } }, notes: { type: 'array', items: note },
            },
          }),
          ...readErrors,
        },
      },
    },
    '/questionnaires/{id}/compare': {
      get: {
        tags: ['questionnaires'], summary: 'A dimension score compared across a profile question (Kruskal–Wallis, one-way ANOVA)', security,
        parameters: [idParam, { name: 'dimension', in: 'query', required: true, schema: { type: 'string' }, description: 'A dimension name (or a rating/number question)' }, { name: 'by', in: 'query', required: true, schema: { type: 'string' }, description: 'A profile question' }, ...scopeParams],
        responses: {
          '200': jsonResponse({
            type: 'object',
            required: ['kruskalWallis', 'anova', 'groups'],
            properties: {
              n: { type: 'integer' },
              kruskalWallis: { type: 'object', properties: { statistic: nullableNumber, df: { type: ['integer', 'null'] }, p: nullableNumber } },
              anova: { type: 'object', properties: { f: nullableNumber, df1: { type: ['integer', 'null'] }, df2: { type: ['integer', 'null'] }, p: nullableNumber } },
              groups: { type: 'object', additionalProperties: { type: 'object', properties: { value: { type: ['string', 'number'] }, n: { type: 'integer' }, mean: nullableNumber, sd: nullableNumber, median: nullableNumber } } },
              notes: { type: 'array', items: note },
            },
          }),
          ...readErrors,
        },
      },
    },
  },
};
