import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom, type SignedInAgent, type TestApp } from '../helpers/test-app.js';
import { application, daysAgo, decisionCount, GOOD_INDICATORS, setUpPolicy } from './decisions-fixtures.js';

let t: TestApp;
let officerA: SignedInAgent;
let token: string;

beforeAll(async () => {
  t = await createTestApp();
  await setUpPolicy(t);
  officerA = await t.signedIn('credit-officer');
  token = await t.apiToken('credit-officer');
});
afterAll(async () => t?.close());

/** The application form's fields for the same input as application(): text as a person types it. */
function formFor(o: { requestId: string; ref: string; amount: string; termMonths: string; asOf: string; extra?: Record<string, string> }, csrf: string) {
  const fields: Record<string, string> = {
    _csrf: csrf, requestId: o.requestId, ref: o.ref, sizeBand: 'small', industry: 'C', branch: 'Hangzhou', asOf: o.asOf,
    amount: o.amount, termMonths: o.termMonths, daysPastDue: '0', name: '', region: '', existingExposure: '', dishonestDebtorList: '',
    ...Object.fromEntries(Object.entries(GOOD_INDICATORS).map(([k, v]) => [k, String(v)])), ...(o.extra ?? {}),
  };
  return fields;
}

describe('application page', () => {
  it('shows the form with a fresh request id and the policy in force', async () => {
    const res = await officerA.agent.get('/decisions/new');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/name="requestId" value="web-[0-9a-f-]{36}"/);
    expect(res.text).toContain('Test policy');
    expect(res.text).toContain('name="I21"');
  });

  it('decides exactly as the API for the same input (page == API)', async () => {
    const asOf = daysAgo(12);
    const csrf = csrfFrom((await officerA.agent.get('/decisions/new')).text);
    // A referral with a reduced limit and a statement: amount above the ceiling, exposure given, statement items.
    const form = formFor({ requestId: 'page-1', ref: 'PAGE-1', amount: '3,200,000', termMonths: '24', asOf,
      extra: { existingExposure: '6,000,000', totalAssets: '1000', totalLiabilities: '450', otherBankOverdue: '0' } }, csrf);
    const page = await officerA.agent.post('/decisions').type('form').send(form);
    expect(page.status).toBe(303);
    const id = Number(/\/decisions\/(\d+)$/.exec(page.headers.location)![1]);

    const body = application({ requestId: 'api-1', ref: 'API-1', amount: 3_200_000, termMonths: 24, asOf,
      extra: { existingExposure: 6_000_000, statement: { totalAssets: 1000, totalLiabilities: 450 }, otherBankOverdue: false } });
    const api = await request(t.app).post('/api/v1/decisions').set('Authorization', `Bearer ${token}`).send(body);
    expect(api.status).toBe(201);

    const viaPage = (await request(t.app).get(`/api/v1/decisions/${id}`).set('Authorization', `Bearer ${token}`)).body;
    expect(viaPage.decision).toBe('refer');
    for (const k of ['decision', 'limit', 'score', 'grade', 'modelVersion', 'policyVersion'] as const) expect(viaPage[k]).toEqual(api.body[k]);
    expect(viaPage.reasons).toEqual(api.body.reasons);
    expect(viaPage.limit).toBe(2_000_000); // AA × small 8,000,000 − 6,000,000 existing
    // The page built the API's body: the same JSON apart from the request id and borrower reference.
    expect({ ...viaPage.request, requestId: 'api-1', borrower: { ...viaPage.request.borrower, ref: 'API-1' } }).toEqual(body);
    expect(viaPage.submittedVia).toBe('page');

    const shown = await officerA.agent.get(page.headers.location);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('The application was decided.');
    expect(shown.text).toContain('amount-above-auto-approval');
  });

  it('a double submit of the same form gives the same case', async () => {
    const csrf = csrfFrom((await officerA.agent.get('/decisions/new')).text);
    const form = formFor({ requestId: 'page-twice', ref: 'PAGE-2', amount: '100000', termMonths: '6', asOf: daysAgo(5) }, csrf);
    const first = await officerA.agent.post('/decisions').type('form').send(form);
    const second = await officerA.agent.post('/decisions').type('form').send(form);
    expect(first.status).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await t.db('credit_decisions').where({ request_id: 'page-twice' })).toHaveLength(1);
  });

  it('re-renders a refused form with its messages and the values kept (400), storing nothing', async () => {
    const csrf = csrfFrom((await officerA.agent.get('/decisions/new')).text);
    const before = await decisionCount(t);
    const form = formFor({ requestId: 'page-bad', ref: '', amount: 'lots', termMonths: '12', asOf: daysAgo(5), extra: { I22: 'abc', name: 'Kept Name Ltd' } }, csrf);
    const res = await officerA.agent.post('/decisions').type('form').send(form);
    expect(res.status).toBe(400);
    expect(res.text).toContain('Please fill in this field.');
    expect(res.text).toContain('Please enter a number.');
    expect(res.text).toContain('value="Kept Name Ltd"');
    expect(await decisionCount(t)).toEqual(before);
    // A size band the policy does not know is refused by the policy: 400, nothing stored.
    const badBand = await officerA.agent.post('/decisions').type('form').send(formFor({ requestId: 'page-bad-2', ref: 'PB', amount: '1000', termMonths: '12', asOf: daysAgo(5), extra: { sizeBand: 'large' } }, csrf));
    expect(badBand.status).toBe(400);
    expect(await decisionCount(t)).toEqual(before);
  });

  it('managers read cases but cannot submit (403)', async () => {
    const manager = await t.signedIn('manager');
    expect((await manager.agent.get('/decisions')).status).toBe(200);
    expect((await manager.agent.get('/decisions/new')).status).toBe(403);
    const researcher = await t.signedIn('researcher');
    expect((await researcher.agent.get('/decisions')).status).toBe(403);
  });
});

describe('queue and case pages', () => {
  it('lists a referral in the queue; the submitter sees it as theirs, another officer gets the decision form', async () => {
    const csrf = csrfFrom((await officerA.agent.get('/decisions/new')).text);
    const res = await officerA.agent.post('/decisions').type('form').send(formFor({ requestId: 'queue-1', ref: 'Q-1', amount: '3500000', termMonths: '12', asOf: daysAgo(3) }, csrf));
    const id = Number(/\/decisions\/(\d+)$/.exec(res.headers.location)![1]);
    const queueA = await officerA.agent.get('/decisions/queue');
    expect(queueA.status).toBe(200);
    expect(queueA.text).toContain(`data-case="${id}"`);
    expect(queueA.text).toContain('yours');
    const caseA = await officerA.agent.get(`/decisions/${id}`);
    expect(caseA.text).toContain('another officer must decide it');
    expect(caseA.text).not.toContain('action="/decisions/' + id + '/decide"');
    const officerB = await t.signedIn('credit-officer');
    const caseB = await officerB.agent.get(`/decisions/${id}`);
    expect(caseB.text).toContain('action="/decisions/' + id + '/decide"');
    expect((await officerB.agent.get('/decisions/queue')).text).toContain(`href="/decisions/${id}#officer-decision"`);
    expect((await officerB.agent.get('/decisions/not-a-number')).status).toBe(404);
  });

  it('lists, filters and pages cases, in Chinese too', async () => {
    const list = await officerA.agent.get('/decisions?status=pending');
    expect(list.status).toBe(200);
    expect(list.text).toContain('queue-1');
    expect(list.text).not.toContain('page-twice');
    const zh = await officerA.agent.get('/decisions').set('Accept-Language', 'zh-CN');
    expect(zh.status).toBe(200);
  });
});

describe('a form submitted again with other values', () => {
  it('answers 409 with a fresh request id, so submitting again makes a new application', async () => {
    const csrf = csrfFrom((await officerA.agent.get('/decisions/new')).text);
    const form = formFor({ requestId: 'page-again', ref: 'AGAIN-1', amount: '150000', termMonths: '12', asOf: daysAgo(4) }, csrf);
    expect((await officerA.agent.post('/decisions').type('form').send(form)).status).toBe(303);
    const changed = await officerA.agent.post('/decisions').type('form').send({ ...form, amount: '160000' });
    expect(changed.status).toBe(409);
    expect(changed.text).toContain('This form was already submitted');
    const fresh = /name="requestId" value="(web-[0-9a-f-]{36})"/.exec(changed.text)?.[1];
    expect(fresh).toBeDefined();
    const again = await officerA.agent.post('/decisions').type('form').send({ ...form, amount: '160000', requestId: fresh });
    expect(again.status).toBe(303);
    expect(await t.db('credit_decisions').where({ borrower_ref: 'AGAIN-1' })).toHaveLength(2);
  });
});
