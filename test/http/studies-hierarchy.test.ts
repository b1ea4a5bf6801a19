import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedInAgent, type TestApp } from '../helpers/test-app.js';
import { SYSTEM } from './rounds-fixtures.js';

let t: TestApp;
let owner: SignedInAgent;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signedIn('researcher');
});
afterAll(async () => t.close());

async function createStudy(agent: SignedInAgent, fields: Record<string, string> = {}) {
  const res = await agent.agent.post('/studies').type('form').send({ _csrf: agent.csrf, title: 'SME study', template: 'default', locale: 'en', ...fields });
  expect(res.status, res.text.slice(0, 300)).toBe(303);
  return Number(/\/studies\/(\d+)/.exec(res.headers.location)![1]);
}

async function nodes(studyId: number) {
  return t.db('hierarchy_nodes').where({ study_id: studyId }).orderBy('id').select('id', 'parent_id', 'code', 'name_en', 'name_zh', 'position');
}

const post = (agent: SignedInAgent, path: string, body: Record<string, unknown> = {}) => agent.agent.post(path).type('form').send({ _csrf: agent.csrf, ...body });

describe('studies and the hierarchy editor', () => {
  it('creates a study from the SME template (34 nodes) or from an empty goal', async () => {
    const id = await createStudy(owner);
    const rows = await nodes(id);
    expect(rows).toHaveLength(34);
    expect(rows.filter((r) => r.parent_id === null).map((r) => r.code)).toEqual(['GOAL']);
    const page = await owner.agent.get(`/studies/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('debt-to-asset');
    expect(page.text).toContain('59 pairwise comparisons per expert');
    const empty = await createStudy(owner, { template: 'empty', title: 'Only a goal' });
    expect((await nodes(empty)).map((r) => [r.code, r.name_en])).toEqual([['GOAL', 'Only a goal']]);
  });

  it('refuses a study without a title, re-rendering the form with the message (400)', async () => {
    const res = await post(owner, '/studies', { title: '  ', template: 'default' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Please fill in this field.');
  });

  it('adds, renames, describes, reorders, moves and deletes nodes', async () => {
    const id = await createStudy(owner);
    const byCode = async (code: string) => (await nodes(id)).find((r) => r.code === code)!;
    const goal = await byCode('GOAL');
    // add a criterion with an automatic code, then a sub-criterion under it
    expect((await post(owner, `/studies/${id}/nodes`, { parentId: goal.id, nameEn: 'ESG', nameZh: '环境、社会与治理' })).status).toBe(303);
    const esg = (await nodes(id)).find((r) => r.name_en === 'ESG')!;
    expect(esg.code).toBe('N1');
    expect(esg.position).toBe(7);
    expect((await post(owner, `/studies/${id}/nodes`, { parentId: esg.id, code: 'E1', nameEn: 'Pollution record' })).status).toBe(303);
    // rename and describe
    expect((await post(owner, `/studies/${id}/nodes/${esg.id}`, { code: 'C8', nameEn: 'ESG risk', nameZh: 'ESG 风险', descriptionEn: 'Environmental and social risk.' })).status).toBe(303);
    expect(await byCode('C8')).toMatchObject({ name_en: 'ESG risk', name_zh: 'ESG 风险' });
    // reorder: C2 up → before C1
    const c2 = await byCode('C2');
    expect((await post(owner, `/studies/${id}/nodes/${c2.id}/up`)).status).toBe(303);
    const criteria = (await nodes(id)).filter((r) => r.parent_id === goal.id).sort((a, b) => a.position - b.position).map((r) => r.code);
    expect(criteria.slice(0, 3)).toEqual(['C2', 'C1', 'C3']);
    // move I72 under C8, then delete C8 with everything below
    const i72 = await byCode('I72');
    expect((await post(owner, `/studies/${id}/nodes/${i72.id}/move`, { parentId: (await byCode('C8')).id })).status).toBe(303);
    expect((await byCode('I72')).parent_id).toBe((await byCode('C8')).id);
    expect((await byCode('I71')).position).toBe(0);
    const deleted = await post(owner, `/studies/${id}/nodes/${(await byCode('C8')).id}/delete`);
    expect(deleted.status).toBe(303);
    expect((await nodes(id)).map((r) => r.code)).not.toContain('I72');
    expect(await nodes(id)).toHaveLength(33);
  });

  it('refuses invalid edits with a message by the node (400) and changes nothing', async () => {
    const id = await createStudy(owner);
    const before = await nodes(id);
    const goal = before.find((r) => r.code === 'GOAL')!;
    const c1 = before.find((r) => r.code === 'C1')!;
    const i11 = before.find((r) => r.code === 'I11')!;
    const cases: [string, Record<string, unknown>, string][] = [
      [`/studies/${id}/nodes`, { parentId: c1.id }, 'Give a name in English or Chinese.'],
      [`/studies/${id}/nodes/${i11.id}`, { code: 'C2', nameEn: 'x' }, 'Another node of this study already has this code.'],
      [`/studies/${id}/nodes/${i11.id}`, { code: 'bad code!', nameEn: 'x' }, 'letters, digits'],
      [`/studies/${id}/nodes/${c1.id}/move`, { parentId: i11.id }, 'cannot be moved under itself'],
      [`/studies/${id}/nodes/${goal.id}/delete`, {}, 'The goal cannot be moved or deleted.'],
      [`/studies/${id}/nodes/${goal.id}/move`, { parentId: c1.id }, 'The goal cannot be moved or deleted.'],
    ];
    for (const [path, body, message] of cases) {
      const res = await post(owner, path, body);
      expect(res.status, path).toBe(400);
      expect(res.text).toContain(message);
    }
    expect(await nodes(id)).toEqual(before);
    expect((await post(owner, `/studies/${id}/nodes/999999`, { nameEn: 'x' })).status).toBe(404);
  });

  it('limits children per node to 15 and depth to 5 levels below the goal', async () => {
    const id = await createStudy(owner, { template: 'empty' });
    const goal = (await nodes(id))[0]!;
    for (let i = 0; i < 15; i++) await t.services.studies.addNode({ id: owner.user.id, role: 'researcher' }, id, goal.id, { names: { en: `c${i}`, zh: '' }, descriptions: { en: '', zh: '' } });
    const res = await post(owner, `/studies/${id}/nodes`, { parentId: goal.id, nameEn: 'one too many' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('at most 15 sub-elements');
    let parent = (await nodes(id))[1]!.id;
    for (let depth = 2; depth <= 5; depth++) parent = await t.services.studies.addNode({ id: owner.user.id, role: 'researcher' }, id, parent, { names: { en: `d${depth}`, zh: '' }, descriptions: { en: '', zh: '' } });
    const deep = await post(owner, `/studies/${id}/nodes`, { parentId: parent, nameEn: 'level 6' });
    expect(deep.status).toBe(400);
    expect(deep.text).toContain('at most 5 levels');
  });

  it('exports the hierarchy as JSON and as an outline, and imports both back (all or nothing)', async () => {
    const id = await createStudy(owner);
    const json = await owner.agent.get(`/studies/${id}/hierarchy.json`);
    expect(json.status).toBe(200);
    expect(json.headers['content-disposition']).toBe(`attachment; filename="study-${id}-hierarchy.json"`);
    expect(JSON.parse(json.text).goal.children).toHaveLength(7);
    const outline = await owner.agent.get(`/studies/${id}/hierarchy.txt`);
    expect(outline.text.split('\n')[1]).toBe('  [C1] owner & management | 负责人与经营管理');

    const target = await createStudy(owner, { template: 'empty', title: 'Import target' });
    const imported = await post(owner, `/studies/${target}/hierarchy/import`, { format: 'outline', text: outline.text });
    expect(imported.status).toBe(303);
    expect((await nodes(target)).map((r) => r.code)).toEqual((await nodes(id)).map((r) => r.code));

    const viaFile = await owner.agent
      .post(`/studies/${target}/hierarchy/import`)
      .field('_csrf', owner.csrf)
      .field('format', 'json')
      .attach('file', Buffer.from('{"goal":{"name":"From a file","children":[{"code":"A","name":"a"},{"code":"B","name":"b"}]}}'), 'h.json');
    expect(viaFile.status).toBe(303);
    expect((await nodes(target)).map((r) => r.code)).toEqual(['GOAL', 'A', 'B']);

    const before = await nodes(target);
    const bad = await post(owner, `/studies/${target}/hierarchy/import`, { format: 'outline', text: 'Goal\n  A\n      too deep a jump' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Line 3 is indented more than one level deeper');
    expect(await nodes(target)).toEqual(before);
  });

  it('escapes names and descriptions everywhere they are shown', async () => {
    const id = await createStudy(owner, { title: '<script>alert(1)</script> study' });
    const goal = (await nodes(id)).find((r) => r.code === 'GOAL')!;
    await post(owner, `/studies/${id}/nodes`, { parentId: goal.id, nameEn: '<img src=x onerror=alert(2)>', descriptionEn: '"><b>bold</b>' });
    const page = await owner.agent.get(`/studies/${id}`);
    expect(page.text).not.toContain('<script>alert(1)</script>');
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).not.toContain('"><b>bold</b>');
    expect(page.text).toContain('&lt;img src=x onerror=alert(2)&gt;');
    const list = await owner.agent.get('/studies');
    expect(list.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; study');
  });
});

describe('who may see and change a study', () => {
  it('another researcher gets 404; a manager reads but may not change (403); an administrator may', async () => {
    const id = await createStudy(owner);
    const goal = (await nodes(id)).find((r) => r.code === 'GOAL')!;
    const stranger = await t.signedIn('researcher');
    expect((await stranger.agent.get(`/studies/${id}`)).status).toBe(404);
    expect((await post(stranger, `/studies/${id}/nodes`, { parentId: goal.id, nameEn: 'x' })).status).toBe(404);
    expect((await stranger.agent.get(`/studies/${id}/hierarchy.json`)).status).toBe(404);
    expect((await stranger.agent.get('/studies')).text).not.toContain(`/studies/${id}"`);
    const manager = await t.signedIn('manager');
    const view = await manager.agent.get(`/studies/${id}`);
    expect(view.status).toBe(200);
    expect(view.text).toContain('read only');
    expect((await post(manager, `/studies`, { title: 'x' })).status).toBe(403);
    const admin = await t.signedIn('admin');
    expect((await post(admin, `/studies/${id}/nodes`, { parentId: goal.id, nameEn: 'by the admin' })).status).toBe(303);
  });

  it('a demo study is open to every researcher for reading, but only administrators change it', async () => {
    const demo = await t.services.studies.create(SYSTEM, { title: 'Demo: shared', description: '', locale: 'en', template: 'default' }, { isDemo: true });
    const researcher = await t.signedIn('researcher');
    const page = await researcher.agent.get(`/studies/${demo.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Demo');
    expect((await researcher.agent.get('/studies')).text).toContain(`/studies/${demo.id}"`);
    const goal = (await nodes(demo.id)).find((r) => r.code === 'GOAL')!;
    expect((await post(researcher, `/studies/${demo.id}/nodes`, { parentId: goal.id, nameEn: 'x' })).status).toBe(403);
  });

  it('anonymous visitors are sent to sign in', async () => {
    const res = await request(t.app).get('/studies');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });
});
