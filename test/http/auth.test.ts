import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom, TEST_PASSWORD, type TestApp } from '../helpers/test-app.js';

describe('first-run set-up, sign-in and sign-out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('sends anonymous visitors to /setup while no account exists, and creates the first admin there', async () => {
    const agent = request.agent(t.app);
    expect((await agent.get('/login')).headers.location).toBe('/setup');
    const page = await agent.get('/setup');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Create administrator');
    const short = await agent.post('/setup').type('form').send({ _csrf: csrfFrom(page.text), email: 'a@bank.test', name: 'A', password: 'short', passwordConfirm: 'short' });
    expect(short.status).toBe(400);
    expect(short.text).toContain('at least 10 characters');
    expect(await t.services.users.needsSetup()).toBe(true);
    const done = await agent
      .post('/setup')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email: 'first@bank.test', name: 'First Admin', password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/');
    const home = await agent.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('First Admin');
  });

  it('closes the set-up page once an account exists', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get('/setup');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/login');
    const login = await agent.get('/login');
    const post = await agent
      .post('/setup')
      .type('form')
      .send({ _csrf: csrfFrom(login.text), email: 'second@bank.test', name: 'Intruder', password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD });
    expect(post.status).toBe(409);
    expect(await t.services.users.list()).toHaveLength(1);
  });

  it('gives the same answer for an unknown account and a wrong password, and records failed sign-ins', async () => {
    const agent = request.agent(t.app);
    const csrf = csrfFrom((await agent.get('/login')).text);
    const unknown = await agent.post('/login').type('form').send({ _csrf: csrf, email: 'nobody@bank.test', password: 'whatever-password' });
    const wrong = await agent.post('/login').type('form').send({ _csrf: csrf, email: 'first@bank.test', password: 'wrong-password-123' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const message = (html: string) => /<div class="alert alert-error" role="alert">([^<]*)<\/div>/.exec(html)?.[1];
    expect(message(unknown.text)).toBeTruthy();
    expect(message(unknown.text)).toBe(message(wrong.text));
    const failed = await t.db('audit_events').where({ event: 'auth.sign-in-failed' });
    expect(failed.length).toBe(2);
  });

  it('regenerates the session id at sign-in and ends the session at sign-out', async () => {
    const agent = request.agent(t.app);
    const loginPage = await agent.get('/login');
    const before = String(loginPage.headers['set-cookie']);
    const res = await agent.post('/login').type('form').send({ _csrf: csrfFrom(loginPage.text), email: 'first@bank.test', password: TEST_PASSWORD });
    expect(res.status).toBe(303);
    const after = String(res.headers['set-cookie']);
    expect(after).toMatch(/HttpOnly/);
    expect(after).toMatch(/SameSite=Lax/);
    expect(after.split(';')[0]).not.toBe(before.split(';')[0]);
    const home = await agent.get('/');
    expect(home.status).toBe(200);
    expect(home.headers['cache-control']).toBe('no-store');
    const out = await agent.post('/logout').type('form').send({ _csrf: csrfFrom(home.text) });
    expect(out.status).toBe(303);
    const again = await agent.get('/');
    expect(again.status).toBe(303);
    expect(again.headers.location).toMatch(/^\/login\?next=/);
  });

  it('ends a disabled user’s session on their very next request', async () => {
    const victim = await t.signedIn('researcher');
    expect((await victim.agent.get('/account')).status).toBe(200);
    const admin = await t.signedIn('admin');
    const res = await admin.agent.post(`/admin/users/${victim.user.id}/disable`).type('form').send({ _csrf: admin.csrf });
    expect(res.status).toBe(303);
    const next = await victim.agent.get('/account');
    expect(next.status).toBe(303);
    expect(next.headers.location).toMatch(/^\/login/);
    expect(await t.db('sessions').where({ user_id: victim.user.id })).toHaveLength(0);
    const events = await t.db('audit_events').where({ event: 'user.disabled' });
    expect(events).toHaveLength(1);
  });

  it('reads the account with the session on every request: a role or status changed in the database applies at once', async () => {
    const user = await t.signedIn('admin');
    expect((await user.agent.get('/admin/users')).status).toBe(200);
    await t.db('users').where({ id: user.user.id }).update({ role: 'manager' });
    expect((await user.agent.get('/admin/users')).status).toBe(403);
    expect((await user.agent.get('/portfolio')).status).toBe(200);
    await t.db('users').where({ id: user.user.id }).update({ status: 'disabled' });
    const next = await user.agent.get('/portfolio');
    expect(next.status).toBe(303);
    expect(next.headers.location).toMatch(/^\/login/);
  });

  it('invites a user who activates the account through the link, once', async () => {
    const admin = await t.signedIn('admin');
    const res = await admin.agent.post('/admin/users').type('form').send({ _csrf: admin.csrf, email: 'new.analyst@bank.test', name: 'New Analyst', role: 'manager' });
    expect(res.status).toBe(200);
    const link = /\/invite\/([A-Za-z0-9_-]{43})/.exec(res.text)?.[1];
    expect(link).toBeTruthy();
    const guest = request.agent(t.app);
    const page = await guest.get(`/invite/${link}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('new.analyst@bank.test');
    const accepted = await guest.post(`/invite/${link}`).type('form').send({ _csrf: csrfFrom(page.text), name: 'Analyst', password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD });
    expect(accepted.status).toBe(303);
    expect((await guest.get('/')).text).toContain('Analyst');
    const reused = await request(t.app).get(`/invite/${link}`);
    expect(reused.status).toBe(404);
    const user = await t.db('users').where({ email: 'new.analyst@bank.test' }).first();
    expect(user.status).toBe('active');
    expect(user.role).toBe('manager');
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
  });
});
