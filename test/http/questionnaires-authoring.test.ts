import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedInAgent, type TestApp } from '../helpers/test-app.js';
import { createQuestionnaire, createSharedLink, GOOD_ANSWER, setSettings, TEST_SCHEMA } from './questionnaires-fixtures.js';

let t: TestApp;
let owner: SignedInAgent;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signedIn('researcher');
});
afterAll(async () => t.close());

const createForm = (a: SignedInAgent, fields: Record<string, string>) => a.agent.post('/questionnaires').type('form').send({ _csrf: a.csrf, ...fields });

describe('creating questionnaires', () => {
  it('creates one from the shipped template (multipart form, as the page sends it) and shows it in both languages', async () => {
    const res = await owner.agent.post('/questionnaires').field('_csrf', owner.csrf).field('title', 'Branch survey 2025').field('source', 'template');
    expect(res.status).toBe(303);
    const id = Number(/\/questionnaires\/(\d+)$/.exec(String(res.headers.location))?.[1]);
    const overview = await owner.agent.get(`/questionnaires/${id}`);
    expect(overview.text).toContain('Branch survey 2025');
    expect(overview.text).toContain('32 questions, 5 dimensions');
    const preview = await owner.agent.get(`/questionnaires/${id}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('小微企业信用风险管理现状');
    expect(preview.text).toContain('SME credit risk management status');
    expect(preview.text).toMatch(/survey-js-ui\.min\.js/);
  });

  it('creates one from an uploaded JSON file and from pasted JSON', async () => {
    const upload = await owner.agent
      .post('/questionnaires')
      .field('_csrf', owner.csrf)
      .field('title', 'Uploaded')
      .field('source', 'file')
      .attach('file', Buffer.from(JSON.stringify(TEST_SCHEMA)), { filename: 'survey.json', contentType: 'application/json' });
    expect(upload.status).toBe(303);
    const pasted = await createForm(owner, { title: 'Pasted', source: 'json', schema: JSON.stringify(TEST_SCHEMA) });
    expect(pasted.status).toBe(303);
  });

  it('refuses invalid JSON with clear messages that name each element, and stores nothing', async () => {
    const before = (await t.db('questionnaires')).length;
    const notJson = await createForm(owner, { title: 'Broken', source: 'json', schema: '{"pages": [' });
    expect(notJson.status).toBe(400);
    expect(notJson.text).toContain('This is not valid JSON');
    const bad = {
      navigateToUrl: 'https://evil.example/',
      pages: [{
        name: 'p1',
        elements: [
          { type: 'matrix', name: 'grid' },
          { type: 'rating', name: 'r1', rateMin: 1, rateMax: 5, dimension: 'd', revers: true },
          { type: 'radiogroup', name: 'r1', choices: ['a', 'a'] },
          { type: 'comment', name: 'has space' },
          { type: 'text', name: 'free', dimension: 'd' },
          { type: 'dropdown', name: 'town', choicesByUrl: { url: 'https://evil.example/towns' } },
          { type: 'html', name: 'hello', html: '<p>Hello {role}</p>' },
        ],
      }],
    };
    const res = await createForm(owner, { title: 'Bad', source: 'json', schema: JSON.stringify(bad) });
    expect(res.status).toBe(400);
    for (const expected of [
      'questionnaire: &#34;navigateToUrl&#34; is not allowed',
      'grid: the element type &#34;matrix&#34; is not supported',
      'r1: the name &#34;r1&#34; is used by more than one element',
      'has space: the name &#34;has space&#34; must be',
      'town: &#34;choicesByUrl&#34; is not allowed',
      'hello: text piping with {…} is not allowed in &#34;html&#34;',
    ]) expect(res.text).toContain(expected);
    // Problems SurveyJS itself finds are reported after the structural ones are fixed, with the element's name.
    const typo = { pages: [{ name: 'p1', elements: [{ type: 'rating', name: 'r1', revers: true }, { type: 'text', name: 'free', dimension: 'd' }] }] };
    const second = await createForm(owner, { title: 'Typo', source: 'json', schema: JSON.stringify(typo) });
    expect(second.status).toBe(400);
    expect(second.text).toContain('r1: SurveyJS reports: Unknown property in class &#39;rating&#39;: &#39;revers&#39;.');
    expect(second.text).toContain('free: only rating questions (or number questions with min and max) can belong to a dimension.');
    expect((await t.db('questionnaires')).length).toBe(before);
  });

  it('sanitises authored HTML on save (script, handlers and javascript: links removed)', async () => {
    const schema = {
      completedHtml: { default: '<h3 onclick="steal()">Thanks</h3><script>alert(1)</script>', 'zh-cn': '<p>谢谢<img src=x onerror=alert(1)></p>' },
      pages: [{ name: 'p1', description: 'Read <a href="javascript:alert(1)">this</a> and <a href="https://bank.example/policy">the policy</a>', elements: [
        { type: 'html', name: 'intro', html: '<p style="color:red">Intro</p><iframe src="https://evil.example"></iframe><b>bold</b>' },
        { type: 'rating', name: 'q1' },
      ] }],
    };
    const id = await createQuestionnaire(t, owner, schema);
    const stored = JSON.parse((await t.db('questionnaire_versions').where({ questionnaire_id: id }).first()).schema);
    expect(stored.completedHtml).toEqual({ default: '<h3>Thanks</h3>', 'zh-cn': '<p>谢谢</p>' });
    expect(stored.pages[0].description).toBe('Read <a>this</a> and <a href="https://bank.example/policy" rel="noopener noreferrer" target="_blank">the policy</a>');
    expect(stored.pages[0].elements[0].html).toBe('<p>Intro</p><b>bold</b>');
  });

  it('lets only writers create: a manager gets 403', async () => {
    const manager = await t.signedIn('manager');
    expect((await createForm(manager, { title: 'x', source: 'template' })).status).toBe(403);
    expect((await manager.agent.get('/questionnaires/new')).status).toBe(403);
    expect((await manager.agent.get('/questionnaires')).status).toBe(200);
  });
});

describe('editing and versions', () => {
  it('edits in place while unused, then creates a new version once responses exist; responses keep theirs', async () => {
    const id = await createQuestionnaire(t, owner);
    const schema = structuredClone(TEST_SCHEMA) as typeof TEST_SCHEMA;
    schema.pages[0]!.elements.push({ type: 'comment', name: 'extra' } as never);
    const edit = (s: unknown) => owner.agent.post(`/questionnaires/${id}/edit`).type('form').send({ _csrf: owner.csrf, title: 'Edited', description: 'd', schema: JSON.stringify(s) });
    expect((await edit(schema)).status).toBe(303);
    expect(await t.db('questionnaire_versions').where({ questionnaire_id: id })).toHaveLength(1);

    await setSettings(owner, id);
    const token = await createSharedLink(owner, id);
    expect((await request(t.app).post(`/q/${token}/submit`).set('Accept', 'application/json').send({ version: 1, data: GOOD_ANSWER })).status).toBe(201);

    const editPage = await owner.agent.get(`/questionnaires/${id}/edit`);
    expect(editPage.text).toContain('Version 1 already has responses');
    schema.pages[0]!.elements.push({ type: 'rating', name: 'r3', dimension: 'd' } as never);
    const saved = await edit(schema);
    expect(saved.status).toBe(303);
    const versions = await t.db('questionnaire_versions').where({ questionnaire_id: id }).orderBy('version');
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(JSON.parse(versions[0].schema).pages[0].elements.some((e: { name: string }) => e.name === 'r3')).toBe(false);
    const q = await t.db('questionnaires').where({ id }).first();
    expect(q.current_version).toBe(2);
    // The respondent page now serves version 2; the old response keeps version 1; both versions can be answered.
    const page = await request(t.app).get(`/q/${token}`);
    expect(page.text).toContain('"version":2');
    expect((await request(t.app).post(`/q/${token}/submit`).set('Accept', 'application/json').send({ version: 2, data: { ...GOOD_ANSWER, r3: 5 } })).status).toBe(201);
    expect((await request(t.app).post(`/q/${token}/submit`).set('Accept', 'application/json').send({ version: 1, data: { ...GOOD_ANSWER, r3: 5 } })).status).toBe(400);
    const rows = await t.db('questionnaire_responses').where({ questionnaire_id: id }).orderBy('id');
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    const overview = await owner.agent.get(`/questionnaires/${id}`);
    expect(overview.text).toContain('Saved as version 2');
    // Analysis by version.
    const v1 = await owner.agent.get(`/questionnaires/${id}/analysis?version=1`);
    expect(v1.text).toMatch(/id="q-analysed">1</);
    const all = await owner.agent.get(`/questionnaires/${id}/analysis`);
    expect(all.text).toMatch(/id="q-analysed">2</);
    const json = await owner.agent.get(`/questionnaires/${id}/schema.json?version=1`);
    expect(json.headers['content-disposition']).toContain(`questionnaire-${id}-v1.json`);
  });

  it('keeps questionnaires private to their owner (404 for another researcher) and read-only for managers', async () => {
    const id = await createQuestionnaire(t, owner);
    const other = await t.signedIn('researcher');
    for (const path of ['', '/analysis', '/diagnosis', '/preview', '/export/responses.csv']) {
      expect((await other.agent.get(`/questionnaires/${id}${path}`)).status).toBe(404);
    }
    const manager = await t.signedIn('manager');
    expect((await manager.agent.get(`/questionnaires/${id}`)).status).toBe(200);
    expect((await manager.agent.post(`/questionnaires/${id}/edit`).type('form').send({ _csrf: manager.csrf, title: 'x', schema: '{}' })).status).toBe(403);
    const admin = await t.signedIn('admin');
    expect((await admin.agent.get(`/questionnaires/${id}/edit`)).status).toBe(200);
  });

  it('checks preview answers on the server without storing them', async () => {
    const id = await createQuestionnaire(t, owner);
    const check = (data: unknown) => owner.agent.post(`/questionnaires/${id}/preview/check`).set('X-CSRF-Token', owner.csrf).set('Accept', 'application/json').send({ version: 1, data });
    const ok = await check(GOOD_ANSWER);
    expect(ok.body).toEqual({ ok: true, issues: [] });
    const bad = await check({ ...GOOD_ANSWER, r1: 9 });
    expect(bad.body.ok).toBe(false);
    expect(bad.body.issues[0].question).toBe('r1');
    const noCsrf = await owner.agent.post(`/questionnaires/${id}/preview/check`).set('Accept', 'application/json').send({ version: 1, data: GOOD_ANSWER });
    expect(noCsrf.status).toBe(403);
    expect(await t.db('questionnaire_responses').where({ questionnaire_id: id })).toHaveLength(0);
  });

  it('deletes a questionnaire with its versions, links and responses', async () => {
    const id = await createQuestionnaire(t, owner);
    await setSettings(owner, id);
    const token = await createSharedLink(owner, id);
    await request(t.app).post(`/q/${token}/submit`).set('Accept', 'application/json').send({ version: 1, data: GOOD_ANSWER });
    const res = await owner.agent.post(`/questionnaires/${id}/delete`).type('form').send({ _csrf: owner.csrf });
    expect(res.status).toBe(303);
    expect(await t.db('questionnaires').where({ id })).toHaveLength(0);
    expect(await t.db('questionnaire_responses').where({ questionnaire_id: id })).toHaveLength(0);
    expect((await request(t.app).get(`/q/${token}`)).status).toBe(404);
  });
});
