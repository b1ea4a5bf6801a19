import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom, type SignedInAgent, type TestApp } from '../helpers/test-app.js';
import { application, decisionCount, setUpPolicy } from './decisions-fixtures.js';

let t: TestApp;
let submitter: SignedInAgent;
let officerB: SignedInAgent;
let officerC: SignedInAgent;
let submitterToken: string;
let tokenB: string;
let tokenC: string;
let n = 0;

beforeAll(async () => {
  t = await createTestApp();
  await setUpPolicy(t);
  submitter = await t.signedIn('credit-officer');
  officerB = await t.signedIn('credit-officer');
  officerC = await t.signedIn('credit-officer');
  // API tokens of the same three people.
  const tokenOf = async (userId: number) => (await t.services.apiTokens.create({ id: userId }, 'test', null, null)).token;
  submitterToken = await tokenOf(submitter.user.id);
  tokenB = await tokenOf(officerB.user.id);
  tokenC = await tokenOf(officerC.user.id);
});
afterAll(async () => t?.close());

/** Submits an application as `submitter` and returns its id and policy decision. */
async function submit(o: { amount?: number; extra?: Record<string, unknown> } = {}): Promise<{ id: number; decision: string; limit: number }> {
  const res = await request(t.app).post('/api/v1/decisions').set('Authorization', `Bearer ${submitterToken}`)
    .send(application({ requestId: `rev-${++n}`, ref: `REV-${n}`, amount: o.amount ?? 3_500_000, extra: o.extra }));
  expect(res.status).toBe(201);
  return { id: res.body.id, decision: res.body.decision, limit: res.body.limit };
}
const act = (token: string, id: number, path: 'officer-decision' | 'second-approval', body: object) =>
  request(t.app).post(`/api/v1/decisions/${id}/${path}`).set('Authorization', `Bearer ${token}`).send(body);
const caseOf = async (id: number) => (await request(t.app).get(`/api/v1/decisions/${id}`).set('Authorization', `Bearer ${tokenB}`)).body;

describe('four eyes', () => {
  it('the submitter can never decide their own case: 403 on the page form and the API, nothing changes', async () => {
    const c = await submit();
    expect(c.decision).toBe('refer');
    const before = await decisionCount(t);
    const csrf = csrfFrom((await submitter.agent.get('/decisions/new')).text);
    const page = await submitter.agent.post(`/decisions/${c.id}/decide`).type('form').send({ _csrf: csrf, decision: 'approve', reason: 'Looks fine to me.' });
    expect(page.status).toBe(403);
    const api = await act(submitterToken, c.id, 'officer-decision', { decision: 'approve', reason: 'Looks fine to me.' });
    expect(api.status).toBe(403);
    expect(api.body.error.message).toMatch(/four eyes/);
    expect(await decisionCount(t)).toEqual(before);
    expect((await caseOf(c.id)).case.status).toBe('pending');
  });

  it('another officer decides the referral through the case page, with a mandatory reason', async () => {
    const c = await submit({ amount: 3_200_000 });
    const csrf = csrfFrom((await officerB.agent.get(`/decisions/${c.id}`)).text);
    const empty = await officerB.agent.post(`/decisions/${c.id}/decide`).type('form').send({ _csrf: csrf, decision: 'approve', reason: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Please fill in this field.');
    expect((await caseOf(c.id)).case.status).toBe('pending');
    const ok = await officerB.agent.post(`/decisions/${c.id}/decide`).type('form').send({ _csrf: csrf, decision: 'decline', reason: 'Turnover trend not convincing.' });
    expect(ok.status).toBe(303);
    const after = await caseOf(c.id);
    // A referral resolved is not an override: no reason code and no second approval needed, even above 1,000,000.
    expect(after.case).toMatchObject({ status: 'closed', finalDecision: 'decline', finalLimit: 0, finalSource: 'officer', overrideKind: 'refer-declined', officer: expect.any(String) });
    expect(after.trail.map((a: { kind: string }) => a.kind)).toEqual(['submitted', 'decided']);
    expect(after.trail[1]).toMatchObject({ reason: 'Turnover trend not convincing.', decision: 'decline' });
    // Decided once: a second decision is a conflict.
    expect((await act(tokenC, c.id, 'officer-decision', { decision: 'approve', reason: 'x' })).status).toBe(409);
  });

  it('only credit officers decide (an administrator gets 403)', async () => {
    const c = await submit();
    const admin = await t.signedIn('admin');
    const csrf = csrfFrom((await admin.agent.get(`/decisions/${c.id}`)).text);
    expect((await admin.agent.post(`/decisions/${c.id}/decide`).type('form').send({ _csrf: csrf, decision: 'approve', reason: 'ok' })).status).toBe(403);
  });
});

describe('overrides', () => {
  it('approving a policy decline without a reason code is refused (400), nothing stored', async () => {
    const c = await submit({ amount: 800_000, extra: { flags: { dishonestDebtorList: true } } });
    expect(c.decision).toBe('decline');
    const before = await decisionCount(t);
    const res = await act(tokenB, c.id, 'officer-decision', { decision: 'approve', reason: 'Listing was a mistake of the court.' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.reasonCode).toMatch(/reason code/);
    // A code that only justifies declining an approval does not apply either.
    const wrong = await act(tokenB, c.id, 'officer-decision', { decision: 'approve', reason: 'x', reasonCode: 'suspected-fraud' });
    expect(wrong.status).toBe(400);
    // 'other' needs a note.
    expect((await act(tokenB, c.id, 'officer-decision', { decision: 'approve', reason: 'x', reasonCode: 'other' })).status).toBe(400);
    expect(await decisionCount(t)).toEqual(before);
    expect((await caseOf(c.id)).case).toMatchObject({ status: 'closed', finalDecision: 'decline', finalSource: 'policy' });

    // On the page too: 400 with the message next to the field.
    const csrf = csrfFrom((await officerB.agent.get(`/decisions/${c.id}`)).text);
    const page = await officerB.agent.post(`/decisions/${c.id}/decide`).type('form').send({ _csrf: csrf, decision: 'approve', reason: 'no code' });
    expect(page.status).toBe(400);
    expect(page.text).toContain('An override needs a reason code.');
  });

  it('with a reason code an override at or below 1,000,000 closes at once (low side)', async () => {
    const c = await submit({ amount: 1_000_000, extra: { flags: { dishonestDebtorList: true } } });
    const res = await act(tokenB, c.id, 'officer-decision', { decision: 'approve', reason: 'Court lifted the listing last week.', reasonCode: 'data-error-corrected' });
    expect(res.status).toBe(200);
    expect(res.body.case).toMatchObject({ status: 'closed', finalDecision: 'approve', finalLimit: 1_000_000, overrideKind: 'decline-to-approve', reasonCode: 'data-error-corrected' });
  });

  it('declining a policy approval (high side) needs its own kind of code', async () => {
    const c = await submit({ amount: 400_000 });
    expect(c.decision).toBe('approve');
    expect((await act(tokenB, c.id, 'officer-decision', { decision: 'decline', reason: 'x', reasonCode: 'additional-collateral' })).status).toBe(400);
    const res = await act(tokenB, c.id, 'officer-decision', { decision: 'decline', reason: 'Site visit: the plant is idle.', reasonCode: 'adverse-information' });
    expect(res.body.case).toMatchObject({ status: 'closed', finalDecision: 'decline', finalLimit: 0, overrideKind: 'approve-to-decline' });
    // Approving again what the policy approved is not a change.
    const c2 = await submit({ amount: 300_000 });
    expect((await act(tokenB, c2.id, 'officer-decision', { decision: 'approve', reason: 'x' })).status).toBe(409);
  });
});

describe('second approval above the policy amount (1,000,000 for overrides)', () => {
  it('an override of 1,500,000 waits for a second officer, who must be neither the first nor the submitter', async () => {
    const c = await submit({ amount: 1_500_000, extra: { flags: { dishonestDebtorList: true } } });
    const first = await act(tokenB, c.id, 'officer-decision', { decision: 'approve', reason: 'Guarantee fund covers 80 %.', reasonCode: 'policy-programme' });
    expect(first.status).toBe(200);
    expect(first.body.case).toMatchObject({ status: 'awaiting-second', finalDecision: 'decline', proposal: { decision: 'approve', limit: 1_500_000, kind: 'decline-to-approve', reasonCode: 'policy-programme' } });
    expect((await act(tokenB, c.id, 'second-approval', { confirm: true, reason: 'I agree with myself.' })).status).toBe(403);
    expect((await act(submitterToken, c.id, 'second-approval', { confirm: true, reason: 'Mine.' })).status).toBe(403);
    // While waiting, no other decision.
    expect((await act(tokenC, c.id, 'officer-decision', { decision: 'decline', reason: 'x' })).status).toBe(409);
    const queue = await officerC.agent.get('/decisions/queue');
    expect(queue.text).toContain(`href="/decisions/${c.id}#second-approval"`);
    const csrf = csrfFrom((await officerC.agent.get(`/decisions/${c.id}`)).text);
    const ok = await officerC.agent.post(`/decisions/${c.id}/second-approval`).type('form').send({ _csrf: csrf, confirm: 'confirm', reason: 'Programme documents checked.' });
    expect(ok.status).toBe(303);
    const after = await caseOf(c.id);
    expect(after.case).toMatchObject({ status: 'closed', finalDecision: 'approve', finalLimit: 1_500_000, overrideKind: 'decline-to-approve', proposal: null });
    expect(after.case.officer).not.toBe(after.case.secondOfficer);
    expect(after.trail.map((a: { kind: string }) => a.kind)).toEqual(['submitted', 'proposed', 'confirmed']);
  });

  it('a rejected second approval puts the case back where it was', async () => {
    const c = await submit({ amount: 2_000_000, extra: { flags: { dishonestDebtorList: true } } });
    await act(tokenB, c.id, 'officer-decision', { decision: 'approve', limit: 1_200_000, reason: 'New contracts.', reasonCode: 'verified-mitigating-information' });
    const res = await act(tokenC, c.id, 'second-approval', { confirm: false, reason: 'Contracts are not signed yet.' });
    expect(res.status).toBe(200);
    expect(res.body.case).toMatchObject({ status: 'closed', finalDecision: 'decline', finalSource: 'policy', proposal: null });
    expect(res.body.trail.map((a: { kind: string }) => a.kind)).toEqual(['submitted', 'proposed', 'rejected']);
  });

  it('an approved limit above the amount requested is refused', async () => {
    const c = await submit({ amount: 3_100_000 });
    const res = await act(tokenB, c.id, 'officer-decision', { decision: 'approve', limit: 3_100_001, reason: 'x' });
    expect(res.status).toBe(400);
  });
});

describe('outcomes', () => {
  it('records the outcome of an approved loan only', async () => {
    const approved = await submit({ amount: 200_000 });
    const res = await request(t.app).post(`/api/v1/decisions/${approved.id}/outcome`).set('Authorization', `Bearer ${tokenB}`).send({ outcome: 'defaulted' });
    expect(res.status).toBe(200);
    expect(res.body.case.outcome).toBe('defaulted');
    const pending = await submit();
    expect((await request(t.app).post(`/api/v1/decisions/${pending.id}/outcome`).set('Authorization', `Bearer ${tokenB}`).send({ outcome: 'performing' })).status).toBe(409);
  });
});
