import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecretToken } from '../../src/web/secret-token.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { SYSTEM, answerAll, autosave, blockJudgments, setUpRound, snapshot, submit, type RoundSetup } from './rounds-fixtures.js';

/**
 * Issue 4 point 5, server-side truth: every way an autosave or submit can be refused, each with "nothing stored"
 * checked against a snapshot of the expert's judgments, per-block results and invitation row taken before.
 */
let t: TestApp;
let open: RoundSetup;
let strict: RoundSetup; // "no opinion" not allowed, revision required above the CR threshold
let other: RoundSetup;

beforeAll(async () => {
  t = await createTestApp();
  open = await setUpRound(t);
  strict = await setUpRound(t, { allowNoOpinion: false, crPolicy: 'require' });
  other = await setUpRound(t, { title: 'Another study' });
});
afterAll(async () => t.close());

async function invite(setup: RoundSetup, name = 'Expert') {
  const { invitation, token } = await t.services.rounds.invite(SYSTEM, setup.roundId, { name, weight: 1 });
  return { id: invitation.id, token };
}

/** An expert who has already saved the first block, so a refused request has something to leave untouched. */
async function startedExpert(setup: RoundSetup = open) {
  const expert = await invite(setup);
  const first = setup.blocks[0]!;
  const res = await autosave(t, expert.token, { judgments: blockJudgments(first), page: first.id });
  expect(res.status).toBe(200);
  return expert;
}

async function expectNothingStored(invitationId: number, run: () => Promise<request.Response>, status: number) {
  const before = await snapshot(t, invitationId);
  const res = await run();
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(await snapshot(t, invitationId)).toEqual(before);
  return res;
}

describe('autosave refuses values that are not on the 1–9 scale', () => {
  it.each([
    ['zero', 0],
    ['a negative number', -3],
    ['ten', 10],
    ['2.5', 2.5],
    ['1/10', 0.1],
    ['a tiny number', 1e-9],
    ['a string "3"', '3'],
    ['the string "NaN"', 'NaN'],
    ['an object', { v: 3 }],
    ['a list', [3]],
    ['true', true],
  ])('%s → 400, nothing stored', async (_name, value) => {
    const expert = await startedExpert();
    const block = open.blocks[1]!;
    const [a, b] = block.children;
    const res = await expectNothingStored(expert.id, () => autosave(t, expert.token, { judgments: [{ parent: block.id, left: a!.id, right: b!.id, value }] }), 400);
    expect(res.body.error.message).toBeTruthy();
  });

  it('a missing value → 400, nothing stored', async () => {
    const expert = await startedExpert();
    const block = open.blocks[1]!;
    await expectNothingStored(expert.id, () => autosave(t, expert.token, { judgments: [{ parent: block.id, left: block.children[0]!.id, right: block.children[1]!.id }] }), 400);
  });

  it('one bad judgment among good ones refuses the whole request (the good ones are not stored either)', async () => {
    const expert = await startedExpert();
    const block = open.blocks[1]!;
    const judgments = blockJudgments(block);
    judgments[judgments.length - 1] = { ...judgments[judgments.length - 1]!, value: 11 };
    const res = await expectNothingStored(expert.id, () => autosave(t, expert.token, { judgments }), 400);
    expect(res.body.error.details).toMatchObject({ judgment: judgments.length - 1, reason: 'notOnScale' });
    expect(res.body.error.message).toMatch(new RegExp(`Judgment ${judgments.length}\\b`));
  });

  it('"no opinion" where the round does not allow it → 400, nothing stored', async () => {
    const expert = await startedExpert(strict);
    const block = strict.blocks[1]!;
    const res = await expectNothingStored(expert.id, () => autosave(t, expert.token, { judgments: [{ parent: block.id, left: block.children[0]!.id, right: block.children[1]!.id, value: null }] }), 400);
    expect(res.body.error.details.reason).toBe('noOpinionNotAllowed');
  });
});

describe('autosave refuses pairs that are not in the round’s frozen hierarchy', () => {
  const cases: [string, () => { parent: number; left: number; right: number }][] = [
    ['a block of another round', () => ({ parent: other.blocks[0]!.id, left: other.blocks[0]!.children[0]!.id, right: other.blocks[0]!.children[1]!.id })],
    ['children of another round under this round’s block', () => ({ parent: open.blocks[0]!.id, left: other.blocks[0]!.children[0]!.id, right: other.blocks[0]!.children[1]!.id })],
    ['an indicator compared with a criterion', () => ({ parent: open.blocks[0]!.id, left: open.blocks[0]!.children[0]!.id, right: open.blocks[1]!.children[0]!.id })],
    ['indicators of two different criteria', () => ({ parent: open.blocks[1]!.id, left: open.blocks[1]!.children[0]!.id, right: open.blocks[2]!.children[0]!.id })],
    ['an element with itself', () => ({ parent: open.blocks[1]!.id, left: open.blocks[1]!.children[0]!.id, right: open.blocks[1]!.children[0]!.id })],
    ['a leaf as parent', () => ({ parent: open.blocks[1]!.children[0]!.id, left: open.blocks[1]!.children[1]!.id, right: open.blocks[1]!.children[2]!.id })],
    ['ids that do not exist', () => ({ parent: 999_999, left: 999_998, right: 999_997 })],
    ['a node of the study (not of the round)', () => ({ parent: 1, left: 2, right: 3 })],
  ];
  it.each(cases)('%s → 400, nothing stored', async (_name, pair) => {
    const expert = await startedExpert();
    await expectNothingStored(expert.id, () => autosave(t, expert.token, { judgments: [{ ...pair(), value: 3 }] }), 400);
  });

  it('the same pair twice in one request (even reversed) → 400, nothing stored', async () => {
    const expert = await startedExpert();
    const block = open.blocks[1]!;
    const [a, b] = block.children;
    await expectNothingStored(expert.id, () => autosave(t, expert.token, { judgments: [{ parent: block.id, left: a!.id, right: b!.id, value: 3 }, { parent: block.id, left: b!.id, right: a!.id, value: 1 / 3 }] }), 400);
  });

  it('a "clear" of a foreign pair, or a page that is not a block → 400, nothing stored', async () => {
    const expert = await startedExpert();
    await expectNothingStored(expert.id, () => autosave(t, expert.token, { clear: [{ parent: other.blocks[0]!.id, left: other.blocks[0]!.children[0]!.id, right: other.blocks[0]!.children[1]!.id }] }), 400);
    await expectNothingStored(expert.id, () => autosave(t, expert.token, { page: open.blocks[1]!.children[0]!.id }), 400);
    await expectNothingStored(expert.id, () => autosave(t, expert.token, { page: other.blocks[0]!.id }), 400);
  });

  it('unknown keys, a prototype key or a body that is not JSON → 400 / 415, nothing stored', async () => {
    const expert = await startedExpert();
    const block = open.blocks[1]!;
    const j = { parent: block.id, left: block.children[0]!.id, right: block.children[1]!.id, value: 3 };
    await expectNothingStored(expert.id, () => autosave(t, expert.token, { judgments: [j], cr: 0 }), 400);
    await expectNothingStored(expert.id, () => autosave(t, expert.token, { judgments: [{ ...j, cr: 0.01 }] }), 400);
    await expectNothingStored(expert.id, () => request(t.app).post(`/e/${expert.token}/autosave`).set('Content-Type', 'application/json').send('{"judgments":[],"__proto__":{"x":1}}'), 400);
    await expectNothingStored(expert.id, () => request(t.app).post(`/e/${expert.token}/autosave`).set('Content-Type', 'application/json').send('{"judgments":['), 400);
    await expectNothingStored(expert.id, () => request(t.app).post(`/e/${expert.token}/autosave`).set('Content-Type', 'text/plain').send(JSON.stringify({ judgments: [j] })), 415);
    await expectNothingStored(expert.id, () => autosave(t, expert.token, { judgments: Array.from({ length: 501 }, () => j) }), 400);
  });

  it('a cross-site request (Origin or Sec-Fetch-Site) → 403, nothing stored', async () => {
    const expert = await startedExpert();
    const block = open.blocks[1]!;
    const body = { judgments: [{ parent: block.id, left: block.children[0]!.id, right: block.children[1]!.id, value: 3 }] };
    await expectNothingStored(expert.id, () => autosave(t, expert.token, body).set('Origin', 'https://evil.example'), 403);
    await expectNothingStored(expert.id, () => autosave(t, expert.token, body).set('Sec-Fetch-Site', 'cross-site'), 403);
    await expectNothingStored(expert.id, () => submit(t, expert.token).set('Origin', 'https://evil.example'), 403);
  });
});

describe('links that are wrong, revoked or expired get the same neutral answer', () => {
  /** The neutral 404 page, without the per-session CSRF token and the layout's language-switch return path. */
  const page = async (token: string) => {
    const res = await request(t.app).get(`/e/${token}`);
    return { status: res.status, text: res.text.replace(/name="_csrf" value="[^"]*"/g, '').replace(/name="back" value="[^"]*"/g, '') };
  };

  it('wrong (well-formed or not), revoked and expired links: the same 404 page and JSON, nothing stored', async () => {
    const revoked = await startedExpert();
    await t.services.rounds.revoke(SYSTEM, open.roundId, revoked.id);
    const { invitation, token: expiredToken } = await t.services.rounds.invite(SYSTEM, open.roundId, { name: 'Late', weight: 1, expiresAt: '2020-01-01' });
    const unknown = 'A'.repeat(43);
    const reference = await page(unknown);
    expect(reference.status).toBe(404);
    expect(reference.text).toContain('This link is not valid');
    for (const token of ['short', revoked.token, expiredToken, `${unknown.slice(0, 42)}%2F`]) {
      expect(await page(token)).toEqual(reference);
    }
    const block = open.blocks[1]!;
    const body = { judgments: [{ parent: block.id, left: block.children[0]!.id, right: block.children[1]!.id, value: 3 }] };
    const jsonReference = await autosave(t, unknown, body);
    expect(jsonReference.status).toBe(404);
    for (const [token, id] of [[revoked.token, revoked.id], [expiredToken, invitation.id]] as const) {
      const res = await expectNothingStored(id, () => autosave(t, token, body), 404);
      expect(res.body).toEqual(jsonReference.body);
      await expectNothingStored(id, () => submit(t, token), 404);
      expect((await request(t.app).get(`/e/${token}/review`).set('X-Requested-With', 'fetch')).status).toBe(404);
    }
  });

  it('after a new link is issued the old one is refused (404, nothing stored) and the new one resumes the same answers', async () => {
    const expert = await startedExpert();
    const { token: fresh } = await t.services.rounds.reissue(SYSTEM, open.roundId, expert.id);
    const block = open.blocks[1]!;
    const body = { judgments: [{ parent: block.id, left: block.children[0]!.id, right: block.children[1]!.id, value: 3 }] };
    await expectNothingStored(expert.id, () => autosave(t, expert.token, body), 404);
    const page = await request(t.app).get(`/e/${fresh}`);
    expect(page.status).toBe(200);
    const data = JSON.parse(/<script type="application\/json" id="expert-data">([\s\S]*?)<\/script>/.exec(page.text)![1]!);
    expect(Object.keys(data.answers)).toHaveLength(blockJudgments(open.blocks[0]!).length);
    expect((await autosave(t, fresh, body)).status).toBe(200);
  });

  it('stores only the SHA-256 of a link token', async () => {
    const { invitation, token } = await t.services.rounds.invite(SYSTEM, open.roundId, { name: 'Hash check', weight: 1 });
    const row = await t.db('expert_invitations').where({ id: invitation.id }).first();
    expect(row.token_hash).toBe(hashSecretToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
  });
});

describe('rounds that are not open refuse answers', () => {
  it('a closed round → 409 for autosave and submit, nothing stored; the page says it is closed', async () => {
    const setup = await setUpRound(t);
    const { invitation, token } = await t.services.rounds.invite(SYSTEM, setup.roundId, { name: 'E', weight: 1 });
    await answerAll(t, token, setup.blocks);
    await t.services.rounds.close(SYSTEM, setup.roundId);
    const res = await expectNothingStored(invitation.id, () => autosave(t, token, { judgments: blockJudgments(setup.blocks[0]!, () => 9) }), 409);
    expect(res.body.error.message).toMatch(/closed/i);
    await expectNothingStored(invitation.id, () => submit(t, token), 409);
    const page = await request(t.app).get(`/e/${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('closed');
    expect(page.text).not.toContain('id="expert-data"');
  });

  it('a draft round → 409, nothing stored; a round past its deadline → 409, nothing stored', async () => {
    const draft = await setUpRound(t, { open: false });
    const d = await t.services.rounds.invite(SYSTEM, draft.roundId, { name: 'E', weight: 1 });
    await expectNothingStored(d.invitation.id, () => autosave(t, d.token, { judgments: [] }), 409);
    expect((await request(t.app).get(`/e/${d.token}`)).text).toContain('has not opened yet');
    const late = await setUpRound(t, { deadline: '2020-01-01T23:59:59.999Z' });
    const l = await t.services.rounds.invite(SYSTEM, late.roundId, { name: 'E', weight: 1 });
    await expectNothingStored(l.invitation.id, () => autosave(t, l.token, { judgments: blockJudgments(late.blocks[0]!) }), 409);
  });
});

describe('submitting', () => {
  it('refuses an incomplete questionnaire (400, still not submitted, nothing stored)', async () => {
    const expert = await startedExpert();
    const res = await expectNothingStored(expert.id, () => submit(t, expert.token), 400);
    expect(res.body.error.details.problems.length).toBe(open.blocks.length - 1);
    expect(res.body.error.details.problems[0]).toMatchObject({ problem: 'incomplete' });
  });

  it('refuses, when the round requires it, a block above the CR threshold (400, nothing stored)', async () => {
    const expert = await invite(strict);
    // C2 vs C3 reversed to 1/9 on the criteria block: CR well above 0.10.
    await answerAll(t, expert.token, strict.blocks, (v, i, j, block) => (block.code === 'GOAL' && i === 1 && j === 2 ? 1 / 9 : block.code === 'GOAL' && i === 0 && j === 1 ? 9 : v));
    const res = await expectNothingStored(expert.id, () => submit(t, expert.token), 400);
    expect(res.body.error.details.problems).toEqual([{ node: strict.blocks[0]!.id, problem: 'crTooHigh' }]);
  });

  it('a second submit → 409 and changes nothing; answers after submitting → 409, nothing stored', async () => {
    const expert = await invite(open);
    await answerAll(t, expert.token, open.blocks);
    const first = await submit(t, expert.token);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('submitted');
    await expectNothingStored(expert.id, () => submit(t, expert.token), 409);
    await expectNothingStored(expert.id, () => autosave(t, expert.token, { judgments: blockJudgments(open.blocks[0]!, () => 1) }), 409);
  });

  it('two submits at the same moment: exactly one succeeds, the other is 409', async () => {
    const expert = await invite(open);
    await answerAll(t, expert.token, open.blocks);
    const statuses = (await Promise.all([submit(t, expert.token), submit(t, expert.token), submit(t, expert.token)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    const rows = await t.db('expert_invitations').where({ id: expert.id }).first('status', 'submitted_at');
    expect(rows.status).toBe('submitted');
  });
});
