import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

// Staff respondents are anonymous (issue: "Anonymous mode stores no identity"): even the neutral page of a wrong
// link must not start a session (no cookie, no session row), while signed-in pages still get one.
describe('anonymous respondent links start no session', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.createUser('admin');
  });
  afterAll(async () => t.close());

  const sessions = async () => Number((await t.db('sessions').count<{ n: number }[]>({ n: '*' }))[0]!.n);

  it.each(['/q/', '/s/'])('a forged %s link answers the neutral page without a cookie or session row', async (prefix) => {
    const before = await sessions();
    const res = await request(t.app).get(`${prefix}${'x'.repeat(43)}`).set('Accept', 'text/html');
    expect(res.status).toBe(404);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.text).not.toContain('action="/lang"');
    expect(await sessions()).toBe(before);
  });

  it.each([
    ['an expert autosave', '/e/', '/autosave', 'application/json', '{"judgments":[]}'],
    ['a staff submission', '/s/', '/submit', 'application/json', '{"version":1,"data":{}}'],
    ['a sign-in without its form token', '/login', '', 'application/x-www-form-urlencoded', 'email=a%40b.test&password=x'],
  ])('%s sent without a session cookie is answered without creating a session', async (_label, prefix, suffix, type, body) => {
    const before = await sessions();
    const path = prefix === '/login' ? prefix : `${prefix}${'x'.repeat(43)}${suffix}`;
    const res = await request(t.app).post(path).set('Content-Type', type).send(body);
    expect([403, 404]).toContain(res.status);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await sessions()).toBe(before);
  });

  it('the sign-in page still gets its session and CSRF token (the check above can fail)', async () => {
    const res = await request(t.app).get('/login');
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']?.[0]).toMatch(/^[^=]+=/);
    expect(res.text).toMatch(/name="_csrf" value="[^"]+"/);
  });
});
