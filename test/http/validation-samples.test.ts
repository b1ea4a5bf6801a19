import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedInAgent, type TestApp } from '../helpers/test-app.js';
import { FIXTURE_PORTFOLIO, sampleForm, seedValidationFixture } from './validation-fixtures.js';

/** Validation samples over HTTP: drawing, reproducibility, the calculator, refusals and who may do what. */
let t: TestApp;
let researcher: SignedInAgent;
let fixture: Awaited<ReturnType<typeof seedValidationFixture>>;
const count = async (table: string) => Number(((await t.db(table).count({ n: '*' }).first()) as { n: unknown }).n);
const draw = async (who: SignedInAgent, over: Record<string, unknown> = {}) => who.agent.post('/validation/samples').type('form').send(sampleForm(who.csrf, over));
const idOf = (location: string) => Number(/\/validation\/samples\/(\d+)$/.exec(location)![1]);

beforeAll(async () => {
  t = await createTestApp();
  fixture = await seedValidationFixture(t);
  researcher = await t.signedIn('researcher');
});
afterAll(async () => t.close());

describe('drawing a sample', () => {
  it('stores the design with its seed, the members with their strata and design weights', async () => {
    const res = await draw(researcher);
    expect(res.status).toBe(303);
    const sample = await t.services.validation.getSample(idOf(res.headers.location!));
    expect(sample).toMatchObject({ seed: 123, sampleSize: 120, populationSize: fixture.n, design: { method: 'stratified', stratifyBy: ['industry', 'sizeBand'], allocation: 'proportional', minPerStratum: 2 } });
    expect(sample.populationFilter.portfolio).toBe(FIXTURE_PORTFOLIO);
    const members = await t.services.validation.sampleMembers(sample.id);
    expect(members).toHaveLength(120);
    // Proportional allocation: each stratum's weight is N_h / n_h, so the weights add up to the population.
    expect(members.reduce((s, m) => s + m.designWeight, 0)).toBeCloseTo(fixture.n, 9);
    expect(sample.strata.map((s) => s.key).sort()).toEqual(['C × medium', 'C × small', 'F × medium', 'F × small']);
    for (const s of sample.strata) {
      expect(members.filter((m) => m.stratum === s.key)).toHaveLength(s.sampleSize);
      expect(s.weight).toBeCloseTo(s.populationSize / s.sampleSize, 12);
    }
    const page = await researcher.agent.get(`/validation/samples/${sample.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('C × medium');
    expect(page.text).toContain('<code>123</code>');
  });

  it('same seed and design → identical members and weights; another seed → other members; the redraw check says so', async () => {
    const a = idOf((await draw(researcher)).headers.location!);
    const b = idOf((await draw(researcher, { name: 'Again' })).headers.location!);
    const c = idOf((await draw(researcher, { seed: '124' })).headers.location!);
    const members = async (id: number) => (await t.services.validation.sampleMembers(id)).map((m) => [m.snapshotId, m.designWeight, m.stratum]);
    const first = await members(a);
    expect(await members(b)).toEqual(first);
    const other = await members(c);
    expect(other).toHaveLength(120);
    expect(other).not.toEqual(first);
    expect(other.filter((m) => first.some((x) => x[0] === m[0])).length).toBeLessThan(100);
    const check = await researcher.agent.get(`/validation/samples/${a}?check=1`);
    expect(check.status).toBe(200);
    expect(check.text).toContain('Drawn again from the stored design and seed 123: the same 120 members with the same design weights.');
    expect(check.text).toContain('The population is unchanged since the draw');
  });

  it('oversampling defaults: defaults are sampled at about k times the rate of the others, with lower weights; weighted default count = population\'s', async () => {
    const res = await draw(researcher, { oversample: 'on', oversampleFactor: '3', allocation: 'neyman', seed: '7' });
    expect(res.status).toBe(303);
    const sample = await t.services.validation.getSample(idOf(res.headers.location!));
    expect(sample.design).toMatchObject({ allocation: 'neyman', oversampleDefaults: { factor: 3 } });
    const members = await t.services.validation.sampleMembers(sample.id);
    const defaults = members.filter((m) => m.outcomeAtDraw === 1);
    expect(defaults.reduce((s, m) => s + m.designWeight, 0)).toBeCloseTo(fixture.bads, 9);
    expect(defaults.length / members.length).toBeGreaterThan(1.8 * (fixture.bads / fixture.n));
    for (const s of sample.strata) if (s.defaultWeight && s.weight) expect(s.defaultWeight).toBeLessThan(s.weight);
  });

  it('the sample size from the calculator: 95 %, ± 10 points, p = 20 %, N = 400 → n₀ = 61.46, n = 61.46/1.1512 = 53.39 → 54 (Cochran 1977 eqs. 4.1–4.2)', async () => {
    const res = await draw(researcher, { sampleSize: '', confidence: '95', margin: '10', expectedRate: '20', seed: '5' });
    expect(res.status, res.text.match(/alert-error[^<]*<|field-message[^<]*</g)?.join(' ')).toBe(303);
    const sample = await t.services.validation.getSample(idOf(res.headers.location!));
    const z = 1.959963984540054; // R qnorm(0.975)
    const n0 = (z * z * 0.2 * 0.8) / 0.01;
    expect(n0).toBeCloseTo(61.4633, 3);
    expect(n0 / (1 + (n0 - 1) / 400)).toBeCloseTo(53.39, 2);
    expect(sample.sampleSize).toBe(54);
    expect(sample.calculator).toEqual({ confidence: 0.95, margin: 0.1, expectedRate: 0.2, populationSize: 400, sampleSize: 54 });
  });

  it('the calculator without JavaScript: 95 %, ± 5 points, p = 50 %, N = 1,000 → 278 (Krejcie & Morgan 1970 table)', async () => {
    const res = await researcher.agent.get('/validation/samples/new?calculate=1&confidence=95&margin=5&expectedRate=50&populationSize=1000');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Sample size n = 278');
    expect(res.text).toMatch(/name="sampleSize" type="number" value="278"/);
    const bad = await researcher.agent.get('/validation/samples/new?calculate=1&confidence=95&margin=0&expectedRate=50');
    expect(bad.status).toBe(400);
  });
});

describe('bad input → 400 and nothing stored', () => {
  it.each([
    ['no name', { name: '' }, 'Please fill in this field.'],
    ['a sample larger than the population', { sampleSize: '100000' }, 'between 1 and the population size 400'],
    ['a stratified design without variables', { stratifyBy: [] }, 'Please fill in this field.'],
    ['a minimum the sample cannot give every stratum', { minPerStratum: '40', sampleSize: '100' }, 'cannot give each of the 4 strata its minimum (160 needed)'],
    ['an oversampling factor below 1', { oversample: 'on', oversampleFactor: '0.5' }, 'This is too short or too small.'],
    ['a population without outcomes', { portfolio: 'No such portfolio' }, 'No snapshot matches this population with an outcome'],
    ['stratifying by grade without a version', { stratifyBy: ['grade'] }, 'Please fill in this field.'],
    ['a negative seed', { seed: '-1' }, 'This is too short or too small.'],
    ['neither a size nor the calculator', { sampleSize: '' }, 'Please fill in this field.'],
  ])('%s', async (_label, over, message) => {
    const before = [await count('validation_samples'), await count('validation_sample_members')];
    const res = await draw(researcher, over);
    expect(res.status).toBe(400);
    expect(res.text).toContain(message);
    expect(res.text).toContain('name="name"'); // the form again, with its values
    expect([await count('validation_samples'), await count('validation_sample_members')]).toEqual(before);
  });
});

describe('access', () => {
  let sampleId: number;
  beforeAll(async () => { sampleId = idOf((await draw(researcher, { name: 'Owned by the first researcher' })).headers.location!); });

  it('a manager reads the list, the sample and its exports, and may not draw (403, nothing stored)', async () => {
    const manager = await t.signedIn('manager');
    expect((await manager.agent.get('/validation')).status).toBe(200);
    expect((await manager.agent.get(`/validation/samples/${sampleId}`)).status).toBe(200);
    const csv = await manager.agent.get(`/validation/samples/${sampleId}/strata.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\n')[0]).toContain('Stratum,Population,Sample size');
    expect((await manager.agent.get('/validation/samples/new')).status).toBe(403);
    const before = await count('validation_samples');
    expect((await draw(manager)).status).toBe(403);
    expect((await manager.agent.post(`/validation/samples/${sampleId}/delete`).type('form').send({ _csrf: manager.csrf })).status).toBe(403);
    expect(await count('validation_samples')).toBe(before);
  });

  it('a credit officer does not reach the validation area', async () => {
    const officer = await t.signedIn('credit-officer');
    expect((await officer.agent.get('/validation')).status).toBe(403);
    expect((await officer.agent.get(`/validation/samples/${sampleId}`)).status).toBe(403);
  });

  it('another researcher reads the sample but may not delete it; an administrator may', async () => {
    const other = await t.signedIn('researcher');
    expect((await other.agent.get(`/validation/samples/${sampleId}`)).status).toBe(200);
    const refused = await other.agent.post(`/validation/samples/${sampleId}/delete`).type('form').send({ _csrf: other.csrf });
    expect(refused.status).toBe(403);
    expect(await t.db('validation_samples').where({ id: sampleId }).first()).toBeTruthy();
    const admin = await t.signedIn('admin');
    const done = await admin.agent.post(`/validation/samples/${sampleId}/delete`).type('form').send({ _csrf: admin.csrf });
    expect(done.status).toBe(303);
    expect(await t.db('validation_samples').where({ id: sampleId }).first()).toBeUndefined();
    expect(await t.db('validation_sample_members').where({ sample_id: sampleId }).first()).toBeUndefined();
  });
});
