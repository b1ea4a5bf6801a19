import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedInAgent, type TestApp } from '../helpers/test-app.js';
import { createPersonalLinks, createQuestionnaire, createSharedLink, GOOD_ANSWER, setSettings } from './questionnaires-fixtures.js';

let t: TestApp;
let owner: SignedInAgent;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signedIn('researcher');
});
afterAll(async () => t.close());

const submitShared = (token: string, body: unknown) =>
  request(t.app).post(`/q/${token}/submit`).set('Accept', 'application/json').send(body as object);
const submitPersonal = (token: string, body: unknown) =>
  request(t.app).post(`/s/${token}/submit`).set('Accept', 'application/json').send(body as object);
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('anonymous shared link', () => {
  it('serves the survey without a session cookie and stores the response without identity, IP or exact time', async () => {
    const id = await createQuestionnaire(t, owner);
    await setSettings(owner, id);
    const token = await createSharedLink(owner, id);
    const page = await request(t.app).get(`/q/${token}`).set('Accept-Language', 'zh-CN');
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('id="respond-data"');
    expect(page.text).toContain('不会保存您的姓名、IP 地址和作答时间');

    const res = await submitShared(token, { version: 1, data: GOOD_ANSWER }).set('X-Forwarded-For', '203.0.113.7').set('User-Agent', 'TestPhone/1.0');
    expect(res.status).toBe(201);
    expect(res.headers['set-cookie']).toBeUndefined();

    // The stored columns: nothing that could identify the respondent (the anonymity contract of issue 5, point 3).
    const rows = await t.db('questionnaire_responses').where({ questionnaire_id: id });
    expect(rows).toHaveLength(1);
    const row = rows[0] as Record<string, unknown>;
    expect(Object.keys(row).sort()).toEqual(['data', 'id', 'link_id', 'questionnaire_id', 'source', 'submitted_at', 'submitted_month', 'version']);
    expect(row.link_id).toBeNull();
    expect(row.submitted_at).toBeNull();
    expect(String(row.submitted_month)).toMatch(/^\d{4}-\d{2}$/);
    expect(row.source).toBe('shared');
    const stored = JSON.stringify(row);
    expect(stored).not.toContain('203.0.113.7');
    expect(stored).not.toContain('TestPhone');
    // No submission is written to the audit log either (it would carry the exact time).
    expect(await t.db('audit_events').where('event', 'like', 'questionnaire.submit%')).toHaveLength(0);
    // Every table column of the responses table, on both engines: no user, IP, agent or timestamp column besides these.
    const info = await t.db('questionnaire_responses').columnInfo();
    expect(Object.keys(info).sort()).toEqual(['data', 'id', 'link_id', 'questionnaire_id', 'source', 'submitted_at', 'submitted_month', 'version']);
  });

  it('answers a wrong, disabled or expired shared link with the same neutral 404', async () => {
    const id = await createQuestionnaire(t, owner);
    await setSettings(owner, id);
    const expired = await createSharedLink(owner, id, { expiresOn: day(-2) });
    const wrong = 'x'.repeat(43);
    const bodies: string[] = [];
    for (const token of [wrong, expired, 'short']) {
      const res = await request(t.app).get(`/q/${token}`);
      expect(res.status).toBe(404);
      bodies.push(res.text.replace(/name="_csrf" value="[^"]+"/, '').replace(/\/q\/[^"]+/g, ''));
    }
    expect(bodies[1]).toBe(bodies[0]);
    const fresh = await createSharedLink(owner, id);
    expect((await request(t.app).get(`/q/${fresh}`)).status).toBe(200);
    const disable = await owner.agent.post(`/questionnaires/${id}/shared-link/disable`).type('form').send({ _csrf: owner.csrf });
    expect(disable.status).toBe(303);
    expect((await request(t.app).get(`/q/${fresh}`)).status).toBe(404);
    expect((await submitShared(fresh, { version: 1, data: GOOD_ANSWER })).status).toBe(404);
  });

  it('stops at the shared link’s response limit (410) and counts responses', async () => {
    const id = await createQuestionnaire(t, owner);
    await setSettings(owner, id);
    const token = await createSharedLink(owner, id, { limit: '2' });
    expect((await submitShared(token, { version: 1, data: GOOD_ANSWER })).status).toBe(201);
    expect((await submitShared(token, { version: 1, data: { ...GOOD_ANSWER, r1: 1 } })).status).toBe(201);
    const third = await submitShared(token, { version: 1, data: GOOD_ANSWER });
    expect(third.status).toBe(410);
    expect(third.body.error.message).toMatch(/all the responses/);
    expect((await request(t.app).get(`/q/${token}`)).status).toBe(410);
    expect(await t.db('questionnaire_responses').where({ questionnaire_id: id })).toHaveLength(2);
    const overview = await owner.agent.get(`/questionnaires/${id}`);
    expect(overview.text).toMatch(/id="q-response-count">2</);
  });
});

describe('open, closed, deadline and response limit', () => {
  it('refuses responses while a questionnaire is a draft, closed, past its deadline or full', async () => {
    const id = await createQuestionnaire(t, owner);
    const token = await createSharedLink(owner, id);
    // Draft (never opened).
    const draft = await request(t.app).get(`/q/${token}`);
    expect(draft.status).toBe(410);
    expect(draft.text).toContain('not open yet');
    expect((await submitShared(token, { version: 1, data: GOOD_ANSWER })).status).toBe(410);
    // Closed.
    await setSettings(owner, id, { status: 'closed' });
    const closed = await request(t.app).get(`/q/${token}?lang=zh-CN`);
    expect(closed.status).toBe(410);
    expect(closed.text).toContain('本问卷已关闭');
    const refused = await submitShared(token, { version: 1, data: GOOD_ANSWER });
    expect(refused.status).toBe(410);
    expect(refused.body.error.message).toMatch(/not accepting responses/);
    // Open but past the deadline.
    await setSettings(owner, id, { status: 'open', deadline: day(-1) });
    expect((await submitShared(token, { version: 1, data: GOOD_ANSWER })).status).toBe(410);
    // Deadline today still accepts (inclusive).
    await setSettings(owner, id, { status: 'open', deadline: day(0) });
    expect((await submitShared(token, { version: 1, data: GOOD_ANSWER })).status).toBe(201);
    // Overall response limit.
    await setSettings(owner, id, { status: 'open', responseLimit: '2' });
    expect((await submitShared(token, { version: 1, data: GOOD_ANSWER })).status).toBe(201);
    expect((await submitShared(token, { version: 1, data: GOOD_ANSWER })).status).toBe(410);
    expect(await t.db('questionnaire_responses').where({ questionnaire_id: id })).toHaveLength(2);
  });
});

describe('personal links', () => {
  it('autosaves, resumes, accepts one response per link and refuses a duplicate (409)', async () => {
    const id = await createQuestionnaire(t, owner);
    await setSettings(owner, id);
    const [alice, bob] = await createPersonalLinks(owner, id, ['Alice', 'bob@example.test']);
    const save = await request(t.app).post(`/s/${alice}/autosave`).set('Accept', 'application/json').send({ version: 1, data: { role: 'a', r1: 3 } });
    expect(save.status).toBe(200);
    expect(save.body.savedAt).toMatch(/^\d{4}-/);
    // Partial answers are fine for autosave, invalid ones are not.
    const badSave = await request(t.app).post(`/s/${alice}/autosave`).set('Accept', 'application/json').send({ version: 1, data: { r1: 9 } });
    expect(badSave.status).toBe(400);
    const resume = await request(t.app).get(`/s/${alice}`);
    expect(resume.status).toBe(200);
    expect(resume.text).toContain('"draft":{"role":"a","r1":3}');
    expect(resume.headers['set-cookie']).toBeUndefined();

    const links = await owner.agent.get(`/questionnaires/${id}/distribution`);
    expect(links.text).toMatch(/Alice<\/td>\s*<td><span class="badge badge-warning">Started/);

    expect((await submitPersonal(alice, { version: 1, data: GOOD_ANSWER })).status).toBe(201);
    const again = await submitPersonal(alice, { version: 1, data: GOOD_ANSWER });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already been submitted/);
    expect((await request(t.app).post(`/s/${alice}/autosave`).set('Accept', 'application/json').send({ version: 1, data: {} })).status).toBe(409);
    const after = await request(t.app).get(`/s/${alice}`);
    expect(after.status).toBe(200);
    expect(after.text).toContain('already been received');
    expect(after.text).not.toContain('respond-data');
    expect(await t.db('questionnaire_responses').where({ questionnaire_id: id })).toHaveLength(1);

    // Concurrent double submission of the other link: exactly one is stored.
    const results = await Promise.all([submitPersonal(bob, { version: 1, data: GOOD_ANSWER }), submitPersonal(bob, { version: 1, data: GOOD_ANSWER })]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await t.db('questionnaire_responses').where({ questionnaire_id: id })).toHaveLength(2);
  });

  it('keeps anonymous personal responses unlinked (no link, no time) while tracking who responded', async () => {
    const id = await createQuestionnaire(t, owner);
    await setSettings(owner, id, { anonymous: true });
    const [token] = await createPersonalLinks(owner, id, ['Carol']);
    expect((await submitPersonal(token as string, { version: 1, data: GOOD_ANSWER })).status).toBe(201);
    const response = await t.db('questionnaire_responses').where({ questionnaire_id: id }).first();
    expect(response.link_id).toBeNull();
    expect(response.submitted_at).toBeNull();
    expect(response.source).toBe('personal');
    const link = await t.db('questionnaire_links').where({ questionnaire_id: id }).first();
    expect(link.status).toBe('submitted');
    expect(link.submitted_on).toBeNull();
    expect(link.draft).toBeNull();
    expect(link.draft_saved_at).toBeNull();
    const page = await owner.agent.get(`/questionnaires/${id}/distribution`);
    expect(page.text).toContain('yes (time not kept)');
  });

  it('links identified responses to their link when the questionnaire is not anonymous, and never the other way round afterwards', async () => {
    const id = await createQuestionnaire(t, owner);
    await setSettings(owner, id, { anonymous: false });
    const [token] = await createPersonalLinks(owner, id, ['Dan']);
    const page = await request(t.app).get(`/s/${token}`);
    expect(page.text).toContain('the research team can see that this response is yours');
    expect((await submitPersonal(token as string, { version: 1, data: GOOD_ANSWER })).status).toBe(201);
    const response = await t.db('questionnaire_responses').where({ questionnaire_id: id }).first();
    expect(response.link_id).not.toBeNull();
    expect(response.submitted_at).toMatch(/T/);
    const exported = await owner.agent.get(`/questionnaires/${id}/export/responses.csv?identified=1`);
    expect(exported.status).toBe(200);
    // Switching anonymity on erases the link and the time; switching it off again is refused.
    await setSettings(owner, id, { anonymous: true });
    const after = await t.db('questionnaire_responses').where({ questionnaire_id: id }).first();
    expect(after.link_id).toBeNull();
    expect(after.submitted_at).toBeNull();
    const refuse = await owner.agent.post(`/questionnaires/${id}/settings`).type('form').send({ _csrf: owner.csrf, status: 'open' });
    expect(refuse.status).toBe(400);
    expect(refuse.text).toContain('cannot be made non-anonymous');
  });

  it('revokes a link (same neutral 404) and reissues a new token that replaces the old one', async () => {
    const id = await createQuestionnaire(t, owner);
    await setSettings(owner, id);
    const [token] = await createPersonalLinks(owner, id, ['Eve']);
    const linkId = (await t.db('questionnaire_links').where({ questionnaire_id: id }).first()).id as number;
    expect((await owner.agent.post(`/questionnaires/${id}/links/${linkId}/revoke`).type('form').send({ _csrf: owner.csrf })).status).toBe(303);
    expect((await request(t.app).get(`/s/${token}`)).status).toBe(404);
    expect((await submitPersonal(token as string, { version: 1, data: GOOD_ANSWER })).status).toBe(404);
    const reissued = await owner.agent.post(`/questionnaires/${id}/links/${linkId}/reissue`).type('form').send({ _csrf: owner.csrf });
    const fresh = /\/s\/([A-Za-z0-9_-]{43})/.exec(reissued.text)?.[1] as string;
    expect(fresh).toBeTruthy();
    expect((await request(t.app).get(`/s/${token}`)).status).toBe(404);
    expect((await request(t.app).get(`/s/${fresh}`)).status).toBe(200);
    // Only hashes are stored.
    const stored = await t.db('questionnaire_links').where({ id: linkId }).first();
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(fresh);
  });

  it('does not let another researcher see or change the links (404) nor a manager change them (403)', async () => {
    const id = await createQuestionnaire(t, owner);
    const other = await t.signedIn('researcher');
    expect((await other.agent.get(`/questionnaires/${id}/distribution`)).status).toBe(404);
    expect((await other.agent.post(`/questionnaires/${id}/links`).type('form').send({ _csrf: other.csrf, labels: 'x' })).status).toBe(404);
    const manager = await t.signedIn('manager');
    expect((await manager.agent.get(`/questionnaires/${id}/analysis`)).status).toBe(200);
    expect((await manager.agent.post(`/questionnaires/${id}/links`).type('form').send({ _csrf: manager.csrf, labels: 'x' })).status).toBe(403);
  });
});
