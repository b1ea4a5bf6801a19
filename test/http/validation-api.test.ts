import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/domain/random/seeded-random.js';
import { validationMetrics } from '../../src/domain/validation/validation-metrics.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { ndka, poor, s100b, wfns } from '../unit/domain/validation/asah.js';

/** POST /api/v1/validation/metrics: the contract of issue 7 point 6, checked against R pROC 1.18 on its aSAH data. */
let t: TestApp;
let token: string;
const post = (body: unknown, bearer: string | null = token) => {
  const req = request(t.app).post('/api/v1/validation/metrics');
  if (bearer) req.set('Authorization', `Bearer ${bearer}`);
  return req.send(body as object);
};

beforeAll(async () => {
  t = await createTestApp();
  token = await t.apiToken('researcher');
});
afterAll(async () => t.close());

/** KS by brute force over every threshold (independent of the level table): max |F_bad(t) − F_good(t)|. */
function bruteKs(y: number[], s: number[], higherIsRiskier: boolean): number {
  const risk = s.map((x) => (higherIsRiskier ? x : -x));
  const bads = y.filter((v) => v === 1).length, goods = y.length - bads;
  let best = 0;
  for (const threshold of new Set(risk)) {
    let b = 0, g = 0;
    risk.forEach((r, i) => { if (r >= threshold) { if (y[i] === 1) b++; else g++; } });
    best = Math.max(best, Math.abs(b / bads - g / goods));
  }
  return best;
}

describe('POST /api/v1/validation/metrics on the aSAH data (oracle: R pROC 1.18)', () => {
  it('returns the contract fields and pROC\'s AUC, DeLong CI and DeLong tests', async () => {
    const res = await post({ outcomes: poor, scores: { wfns, s100b, ndka }, higherIsRiskier: true });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['comparisons', 'models', 'notes', 'sample']);
    expect(Object.keys(res.body.models)).toEqual(['wfns', 's100b', 'ndka']);
    // Without a cut-off, curves or PDs: exactly these fields per model.
    expect(Object.keys(res.body.models.s100b).sort()).toEqual(['auc', 'aucCi', 'aucStandardError', 'gini', 'ks', 'ksScore']);

    const s = res.body.models.s100b;
    // pROC: auc(roc(aSAH$outcome, aSAH$s100b)) = 0.731368563685637; documented CI 0.6301–0.8326 (DeLong).
    expect(s.auc).toBeCloseTo(0.731368563685637, 14);
    expect(s.aucCi.map((x: number) => x.toFixed(4))).toEqual(['0.6301', '0.8326']);
    // pROC test-var.R: var(r.s100b) = 0.00266868245717244.
    expect(s.aucStandardError ** 2).toBeCloseTo(0.00266868245717244, 16);
    expect(s.gini).toBeCloseTo(2 * 0.731368563685637 - 1, 14);
    expect(s.ks).toBeCloseTo(bruteKs(poor, s100b, true), 14);

    // pROC test-ci.auc.R: ci.auc(r.ndka) = 0.501244999271703 – 0.722670989888189.
    expect(res.body.models.ndka.auc).toBeCloseTo(0.611957994579946, 14);
    expect(res.body.models.ndka.aucCi[0]).toBeCloseTo(0.501244999271703, 12);
    expect(res.body.models.ndka.aucCi[1]).toBeCloseTo(0.722670989888189, 12);
    expect(res.body.models.wfns.auc).toBeCloseTo(0.823678861788618, 14);
    expect(res.body.models.wfns.ks).toBeCloseTo(bruteKs(poor, wfns, true), 14);

    // Every pair in request order; pROC test-roc.test.R.
    expect(res.body.comparisons.map((c: { a: string; b: string }) => `${c.a}-${c.b}`)).toEqual(['wfns-s100b', 'wfns-ndka', 's100b-ndka']);
    const [ws, wn, sn] = res.body.comparisons;
    expect(Object.keys(ws).sort()).toEqual(['a', 'b', 'delong']);
    expect(ws.delong.z).toBeCloseTo(2.20898359144091, 12);
    expect(ws.delong.p).toBeCloseTo(0.0271757822291882, 14);
    expect(ws.delong.ci[0]).toBeCloseTo(0.0104061769564846, 12);
    expect(ws.delong.ci[1]).toBeCloseTo(0.174214419249478, 12);
    expect(wn.delong.z).toBeCloseTo(2.79777591868904, 12);
    expect(wn.delong.p).toBeCloseTo(0.00514557970691098, 14);
    // roc.test(r.ndka, r.s100b) Z = −1.39077002573558: here s100b comes first, so the sign flips, same p.
    expect(sn.delong.z).toBeCloseTo(1.39077002573558, 12);
    expect(sn.delong.p).toBeCloseTo(0.164295175223054, 14);

    expect(res.body.sample).toEqual({ n: 113, bads: 41, goods: 72, weighted: false, higherIsRiskier: true });
    // s100b and ndka are not probabilities: no Brier score, a note says why; wfns (1–5) neither.
    expect(s.brier).toBeUndefined();
    expect(res.body.notes).toEqual(expect.arrayContaining([expect.stringMatching(/No Brier score for "s100b"/)]));
  });

  it('the direction matters: the same scores read as "higher is safer" give 1 − AUC', async () => {
    const res = await post({ outcomes: poor, scores: { s100b } });
    expect(res.status).toBe(200);
    expect(res.body.models.s100b.auc).toBeCloseTo(1 - 0.731368563685637, 14);
    expect(res.body.sample.higherIsRiskier).toBe(false);
  });

  it('PDs: Brier score by hand, and a confusion matrix at the cut-off with type I/II errors and expected cost', async () => {
    const outcomes = [0, 0, 1, 0, 1, 1, 0, 0];
    const pd = [0.05, 0.1, 0.3, 0.2, 0.15, 0.4, 0.08, 0.35];
    const res = await post({ outcomes, scores: { pd }, scoresArePd: true, cutoff: 0.2, costRatio: 5 });
    expect(res.status).toBe(200);
    const m = res.body.models.pd;
    // Σ (p − y)² / 8 = (0.0025 + 0.01 + 0.49 + 0.04 + 0.7225 + 0.36 + 0.0064 + 0.1225) / 8
    expect(m.brier).toBeCloseTo(1.7539 / 8, 14);
    // Bads {0.3, 0.15, 0.4} vs goods {0.05, 0.1, 0.2, 0.08, 0.35}: pairs with the bad riskier 4 + 3 + 5 = 12 of 15.
    expect(m.auc).toBeCloseTo(12 / 15, 14);
    // Accept when PD ≤ 0.2: bad 0.15 accepted (type I), good 0.35 rejected (type II).
    expect(m.confusion).toMatchObject({ cutoff: 0.2, badRejected: 2, badAccepted: 1, goodRejected: 1, goodAccepted: 4, costRatio: 5, totalCost: 6, weighted: false });
    expect(m.confusion.typeIErrorRate).toBeCloseTo(1 / 3, 14);
    expect(m.confusion.typeIIErrorRate).toBeCloseTo(1 / 5, 14);
    expect(m.confusion.expectedCost).toBeCloseTo(6 / 8, 14);
    expect(res.body.sample.higherIsRiskier).toBe(true); // implied by scoresArePd
  });

  it('design weights: integer weights give the same AUC, KS and Brier as repeating the rows', async () => {
    const outcomes = [0, 0, 1, 0, 1, 1, 0, 0];
    const pd = [0.05, 0.1, 0.3, 0.2, 0.15, 0.4, 0.08, 0.35];
    const weights = [1, 3, 1, 2, 1, 4, 1, 2];
    const expanded = { outcomes: [] as number[], pd: [] as number[] };
    weights.forEach((w, i) => { for (let k = 0; k < w; k++) { expanded.outcomes.push(outcomes[i]!); expanded.pd.push(pd[i]!); } });
    const weighted = await post({ outcomes, scores: { pd }, weights, higherIsRiskier: true });
    const repeated = await post({ outcomes: expanded.outcomes, scores: { pd: expanded.pd }, higherIsRiskier: true });
    expect(weighted.status).toBe(200);
    expect(weighted.body.sample.weighted).toBe(true);
    for (const key of ['auc', 'gini', 'ks', 'brier']) expect(weighted.body.models.pd[key]).toBeCloseTo(repeated.body.models.pd[key], 14);
    // Equal weights change nothing, the DeLong interval included.
    const equal = await post({ outcomes: poor, scores: { s100b }, weights: poor.map(() => 2.5), higherIsRiskier: true });
    expect(equal.body.models.s100b.aucCi[0]).toBeCloseTo(0.6301, 4);
  });

  it('curves: ROC and CAP points when asked', async () => {
    const res = await post({ outcomes: poor, scores: { s100b }, higherIsRiskier: true, curves: true, confidence: 0.9 });
    expect(res.status).toBe(200);
    const { roc, cap, aucCi } = res.body.models.s100b;
    expect(roc[0]).toEqual({ threshold: null, falsePositiveRate: 0, truePositiveRate: 0 });
    expect(roc.at(-1)).toMatchObject({ falsePositiveRate: 1, truePositiveRate: 1 });
    expect(cap.at(-1)).toMatchObject({ populationShare: 1, badShare: 1 });
    // 90 % interval: AUC ± 1.6448536·SE, narrower than the 95 % one.
    const se = Math.sqrt(0.00266868245717244);
    expect(aucCi[0]).toBeCloseTo(0.731368563685637 - 1.6448536269514722 * se, 12);
  });
});

describe('refused inputs: 400 with a message, never NaN', () => {
  const good = { outcomes: [0, 1, 0, 1, 0], scores: { a: [50, 20, 70, 30, 40] } };
  const cases: Array<[string, unknown, RegExp]> = [
    ['lengths differ', { outcomes: [0, 1, 0, 1], scores: { a: [1, 2, 3] } }, /scores of "a" has 3 values but there are 4 outcomes/],
    ['weights of another length', { ...good, weights: [1, 1] }, /weights has 2 values but there are 5 outcomes/],
    ['an outcome that is not 0/1', { ...good, outcomes: [0, 1, 2, 1, 0] }, /Outcome 3 is 2; outcomes must be 0 \(good\) or 1/],
    ['an outcome given as text', { ...good, outcomes: [0, '1', 0, 1, 0] }, /Outcome 2 is 1; outcomes must be 0/],
    ['a score that is null', { ...good, scores: { a: [50, null, 70, 30, 40] } }, /scores of "a": value 2 is null; every value must be a finite number/],
    ['a score that is text', { ...good, scores: { a: [50, 20, 'x', 30, 40] } }, /value 3 is x; every value must be a finite number/],
    ['all good', { outcomes: [0, 0, 0], scores: { a: [1, 2, 3] } }, /All 3 outcomes are good \(0\): AUC, Gini and KS need at least one bad and one good/],
    ['all bad', { outcomes: [1, 1, 1], scores: { a: [1, 2, 3] } }, /All 3 outcomes are bad \(1\)/],
    ['one row', { outcomes: [1], scores: { a: [1] } }, /At least 2 rows are needed/],
    ['no rows', { outcomes: [], scores: { a: [] } }, /At least 2 rows are needed/],
    ['one bad only (no DeLong variance)', { outcomes: [1, 0, 0], scores: { a: [1, 2, 3] } }, /at least 2 bads and 2 goods/],
    ['no models', { outcomes: [0, 1], scores: {} }, /at least one model/],
    ['too many models', { outcomes: [0, 1, 0, 1], scores: Object.fromEntries(Array.from({ length: 11 }, (_, k) => [`m${k}`, [1, 2, 3, 4]])) }, /At most 10 models per request; got 11/],
    ['an unknown key', { ...good, cutof: 3 }, /Unrecognized key\(s\) in object: 'cutof'/],
    ['outcomes missing', { scores: good.scores }, /at "outcomes"/],
    ['outcomes not a list', { ...good, outcomes: '0,1' }, /at "outcomes": Expected an array of 0\/1 outcomes/],
    ['a model that is not a list', { ...good, scores: { a: 3 } }, /at "scores.a": Expected an array of numbers/],
    ['a cut-off that is text', { ...good, cutoff: 'B' }, /at "cutoff": Expected number, received string/],
    ['a negative weight', { ...good, weights: [1, 1, -1, 1, 1] }, /Weight 3 is -1; design weights must be finite and ≥ 0/],
    ['all bad weights zero', { ...good, weights: [1, 0, 1, 0, 1] }, /design weights of the bads sum to 0/],
    ['confidence 1', { ...good, confidence: 1 }, /at "confidence"/],
    ['PDs that are "higher is safer"', { ...good, scoresArePd: true, higherIsRiskier: false }, /"scoresArePd": true needs "higherIsRiskier" true/],
    ['a reserved model name', JSON.parse('{"outcomes":[0,1,0,1],"scores":{"__proto__":[1,2,3,4]}}'), /"__proto__" cannot be used as a model name/],
    ['an empty model name', { outcomes: [0, 1, 0, 1], scores: { ' ': [1, 2, 3, 4] } }, /model name must have 1 to 100 characters/],
    ['a perfect model against a constant one', { outcomes: [1, 1, 0, 0], scores: { p: [1, 2, 8, 9], c: [5, 5, 5, 5] } }, /Comparing "p" with "c": DeLong's test is undefined here/],
  ];
  it.each(cases)('%s', async (_label, body, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(JSON.stringify(res.body)).not.toMatch(/NaN|null,"details"/);
  });

  it('a score of 1e400 (Infinity once parsed) is refused as not finite', async () => {
    const res = await request(t.app).post('/api/v1/validation/metrics').set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json').send('{"outcomes":[0,1,0,1],"scores":{"a":[1,1e400,3,4]}}');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/value 2 is Infinity; every value must be a finite number/);
  });

  it('malformed JSON is 400 and a form body is 415', async () => {
    const bad = await request(t.app).post('/api/v1/validation/metrics').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send('{"outcomes":[0,1');
    expect(bad.status).toBe(400);
    const form = await request(t.app).post('/api/v1/validation/metrics').set('Authorization', `Bearer ${token}`).type('form').send('outcomes=0');
    expect(form.status).toBe(415);
  });
});

describe('access', () => {
  const body = { outcomes: poor, scores: { s100b }, higherIsRiskier: true };
  it('401 without a token or with a wrong one', async () => {
    const none = await post(body, null);
    expect(none.status).toBe(401);
    expect(none.body.error.message).toBeTruthy();
    expect((await post(body, 'cahp_not-a-token')).status).toBe(401);
  });

  it('tokens of administrators, researchers and managers; credit officers 403', async () => {
    for (const role of ['admin', 'manager'] as const) expect((await post(body, await t.apiToken(role))).status).toBe(200);
    expect((await post(body, await t.apiToken('credit-officer'))).status).toBe(403);
  });

  it('a signed-in session (cookie, no token) is not enough', async () => {
    const { agent } = await t.signedIn('researcher');
    expect((await agent.post('/api/v1/validation/metrics').send(body)).status).toBe(401);
  });
});

describe('large inputs', () => {
  it('1,000,000 rows × 2 models (≈ 14 MB of JSON) are accepted on this route and equal the domain function', async () => {
    const n = 1_000_000;
    const rng = seededRandom(42);
    const outcomes: number[] = new Array(n), v1: number[] = new Array(n), v2: number[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const z = rng.nextNormal();
      outcomes[i] = z + rng.nextNormal() > 2.2 ? 1 : 0;
      v1[i] = Math.round((70 - 9 * (z + 0.9 * rng.nextNormal())) * 100) / 100;
      v2[i] = Math.round((70 - 9 * (z + 0.6 * rng.nextNormal())) * 100) / 100;
    }
    const payload = JSON.stringify({ outcomes, scores: { v1, v2 }, cutoff: 60 });
    expect(payload.length).toBeGreaterThan(10_000_000);
    const res = await request(t.app).post('/api/v1/validation/metrics').set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json').send(payload);
    expect(res.status).toBe(200);
    const direct = validationMetrics({ outcomes, scores: { v1, v2 }, cutoff: 60 });
    expect(res.body.models.v1.auc).toBe(direct.models.v1.auc);
    expect(res.body.models.v2.aucCi).toEqual(direct.models.v2.aucCi);
    expect(res.body.comparisons[0].delong.z).toBe(direct.comparisons[0]!.delong.z);
    expect(res.body.sample.n).toBe(n);
    // The less noisy version discriminates better, significantly.
    expect(res.body.models.v2.auc).toBeGreaterThan(res.body.models.v1.auc);
    expect(res.body.comparisons[0].delong.p).toBeLessThan(0.001);
  }, 60_000);

  it('other API routes keep the default 64 kB limit', async () => {
    const big = { borrowers: Array.from({ length: 3000 }, () => ({ indicators: { I21: 50, I22: 1.5 } })) };
    const res = await request(t.app).post('/api/v1/models/1/score').set('Authorization', `Bearer ${token}`).send(big);
    expect(res.status).toBe(413);
  });
});

describe('OpenAPI', () => {
  it('documents the route, its request fields, the contract fields and its errors', async () => {
    const doc = (await request(t.app).get('/api/v1/openapi.json')).body;
    const op = doc.paths['/validation/metrics'].post;
    expect(op.security).toEqual([{ bearer: [] }]);
    const schema = op.requestBody.content['application/json'].schema;
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['outcomes', 'scores', 'higherIsRiskier', 'cutoff', 'weights']));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.weights.description).toMatch(/AUC.*KS.*Brier.*confusion/s);
    const ok = op.responses['200'].content['application/json'].schema;
    expect(ok.properties.models.additionalProperties.required).toEqual(['auc', 'aucCi', 'gini', 'ks']);
    expect(ok.properties.models.additionalProperties.properties.brier).toBeDefined();
    expect(ok.properties.comparisons.items.properties.delong.required).toEqual(['z', 'p']);
    for (const status of ['400', '401', '403', '413']) expect(op.responses[status]).toBeDefined();
    expect(doc.tags.map((tag: { name: string }) => tag.name)).toContain('validation');
  });
});
