import { ERROR_RESPONSES, jsonResponse, type OpenApiFragment } from '../api-docs/openapi-document.js';
import { MAX_MODELS, MAX_ROWS } from './validation-api-routes.js';

const security = [{ bearer: [] }];
const numbers = { type: 'array', items: { type: 'number' } };
const interval = { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 };

const request = {
  type: 'object',
  required: ['outcomes', 'scores'],
  additionalProperties: false,
  properties: {
    outcomes: { type: 'array', items: { type: 'integer', enum: [0, 1] }, minItems: 2, maxItems: MAX_ROWS, description: '1 = bad/default within the horizon, 0 = good, one per unit. Both classes must be present (AUC is undefined otherwise); the DeLong interval and test need at least 2 of each.' },
    scores: {
      type: 'object', minProperties: 1, maxProperties: MAX_MODELS,
      description: `Model name (1–100 characters) → one finite score per unit, in the order of \`outcomes\`. Up to ${MAX_MODELS} models, all scored on the same units (DeLong's test is paired).`,
      additionalProperties: numbers,
    },
    higherIsRiskier: { type: 'boolean', description: 'Direction of every score: false (default) = a higher score is safer (a 0–100 credit score); true = a higher score is riskier (a PD). Defaults to true when scoresArePd is true.' },
    scoresArePd: { type: 'boolean', description: 'The scores are probabilities of default: adds the Brier score for each model whose scores all lie in [0, 1] (others get a note). Defaults to the value of higherIsRiskier.' },
    cutoff: { type: 'number', description: 'Accept/reject cut-off, the riskiest score still accepted (accept when score ≥ cutoff, or ≤ cutoff when higher is riskier): adds a confusion matrix per model.' },
    costRatio: { type: 'number', exclusiveMinimum: 0, description: 'Cost of accepting a bad relative to rejecting a good, for the confusion matrix\'s expected cost (default 5, the Statlog German credit cost matrix).' },
    weights: { ...numbers, description: 'Design weights (finite, ≥ 0), one per unit, e.g. the inverse inclusion probabilities of a stratified sample with oversampled defaults. They weight each unit in the AUC (each bad–good pair counts w_bad·w_good), in the KS distribution functions, in the Brier score and in the confusion-matrix counts, and enter the DeLong variance in its linearised (influence-function) form; Gini follows the weighted AUC. Equal weights give the unweighted results.' },
    confidence: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, description: 'Confidence level of the AUC intervals and of the DeLong difference interval (default 0.95).' },
    curves: { type: 'boolean', description: 'Also return ROC and CAP curve points per model (at most 200 vertices each).' },
  },
};

const confusion = {
  type: 'object',
  description: 'At the cut-off. Type I error = a bad accepted, type II = a good rejected; expected cost = (costRatio·bads accepted + goods rejected) / all. Weighted counts with weights.',
  properties: {
    cutoff: { type: 'number' }, higherIsRiskier: { type: 'boolean' },
    badRejected: { type: 'number' }, badAccepted: { type: 'number' }, goodRejected: { type: 'number' }, goodAccepted: { type: 'number' },
    typeIErrorRate: { type: 'number' }, typeIIErrorRate: { type: 'number' }, accuracy: { type: 'number' }, rejectionRate: { type: 'number' },
    costRatio: { type: 'number' }, totalCost: { type: 'number' }, expectedCost: { type: 'number' }, weighted: { type: 'boolean' },
  },
};

const model = {
  type: 'object',
  required: ['auc', 'aucCi', 'gini', 'ks'],
  properties: {
    auc: { type: 'number', description: 'Area under the ROC curve = P(a bad is rated riskier than a good), ties ½ (Mann–Whitney U / (bads·goods)).' },
    aucCi: { ...interval, description: 'AUC ± z·√Var by DeLong\'s method (DeLong et al. 1988), clipped to [0, 1] — as R pROC ci.auc(method = "delong").' },
    aucStandardError: { type: 'number', description: '√ of the DeLong variance.' },
    gini: { type: 'number', description: 'Gini coefficient = accuracy ratio = 2·AUC − 1.' },
    ks: { type: 'number', description: 'Kolmogorov–Smirnov statistic: max over cut-offs of |F_bad − F_good|, cumulating from the riskiest score.' },
    ksScore: { type: 'number', description: 'The score at which the KS distance is largest.' },
    brier: { type: 'number', description: 'Brier score Σw(p − y)²/Σw; only when the scores are PDs in [0, 1].' },
    confusion: { ...confusion, description: `Only with a cutoff. ${confusion.description}` },
    roc: { type: 'array', description: 'Only with curves: true.', items: { type: 'object', properties: { threshold: { type: ['number', 'null'] }, falsePositiveRate: { type: 'number' }, truePositiveRate: { type: 'number' } } } },
    cap: { type: 'array', description: 'Only with curves: true.', items: { type: 'object', properties: { threshold: { type: ['number', 'null'] }, populationShare: { type: 'number' }, badShare: { type: 'number' } } } },
  },
};

const response = {
  type: 'object',
  required: ['models', 'comparisons', 'sample', 'notes'],
  properties: {
    models: { type: 'object', additionalProperties: model, description: 'By model name, in the order of the request.' },
    comparisons: {
      type: 'array',
      description: 'Every pair of models (a before b in the request order): DeLong\'s test for the paired difference of the two AUCs.',
      items: {
        type: 'object', required: ['a', 'b', 'delong'],
        properties: {
          a: { type: 'string' }, b: { type: 'string' },
          delong: {
            type: 'object', required: ['z', 'p'],
            properties: {
              z: { type: 'number', description: 'z = (AUC_a − AUC_b) / √(Var_a + Var_b − 2·Cov_ab); positive when a discriminates better.' },
              p: { type: 'number', description: 'Two-sided p-value 2·Φ(−|z|).' },
              difference: { type: 'number', description: 'AUC_a − AUC_b.' },
              ci: { ...interval, description: 'Confidence interval of the difference.' },
            },
          },
        },
      },
    },
    sample: { type: 'object', properties: { n: { type: 'integer' }, bads: { type: 'integer' }, goods: { type: 'integer' }, weighted: { type: 'boolean' }, higherIsRiskier: { type: 'boolean' } } },
    notes: { type: 'array', items: { type: 'string' }, description: 'Plain-language notes, e.g. why a Brier score was left out.' },
  },
};

const example = {
  outcomes: [0, 0, 1, 0, 1, 1, 0, 0],
  scores: { old: [0.05, 0.1, 0.3, 0.2, 0.15, 0.4, 0.08, 0.35], new: [0.02, 0.12, 0.45, 0.1, 0.3, 0.5, 0.05, 0.2] },
  higherIsRiskier: true,
};

export const validationOpenApi: OpenApiFragment = {
  tags: [{ name: 'validation', description: 'Validation of credit models on observed outcomes: discrimination, calibration and comparison of versions.' }],
  paths: {
    '/validation/metrics': {
      post: {
        tags: ['validation'],
        summary: 'AUC with DeLong CI, Gini, KS and Brier per model, and DeLong tests between models (nothing is stored)',
        description: `Takes up to ${MAX_ROWS.toLocaleString('en')} scored units (request bodies up to 64 MB on this route) and up to ${MAX_MODELS} models. ` +
          'Refused with 400 and a message naming the problem: lists of different lengths, an outcome other than 0/1, a score that is not a finite number, ' +
          'all-good or all-bad outcomes, fewer than 2 rows (or fewer than 2 bads or goods for the DeLong interval), too many models, unknown keys. ' +
          'Tokens of administrators, researchers and managers.',
        security,
        requestBody: { required: true, content: { 'application/json': { schema: request, example } } },
        responses: {
          '200': jsonResponse(response),
          '400': ERROR_RESPONSES['400'], '401': ERROR_RESPONSES['401'], '403': ERROR_RESPONSES['403'],
          '413': ERROR_RESPONSES['413'], '415': ERROR_RESPONSES['415'], '429': ERROR_RESPONSES['429'],
        },
      },
    },
  },
};
