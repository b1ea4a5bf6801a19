import request from 'supertest';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedInAgent, type TestApp } from '../helpers/test-app.js';
import { SYSTEM, answerAll, autosave, blockJudgments, setUpRound, submit } from './rounds-fixtures.js';

/**
 * The whole round through the pages a researcher and an expert use: round settings, invitations (one-time links,
 * QR codes, CSV of links, pasted lists), opening (frozen hierarchy), answering with autosave and the server's
 * consistency feedback, resuming, review, submit, monitoring, per-expert matrices, weight sets, comparison, exports.
 */
let t: TestApp;
let researcher: SignedInAgent;
let studyId: number;
let roundId: number;

const post = (agent: SignedInAgent, path: string, body: Record<string, unknown> = {}) => agent.agent.post(path).type('form').send({ _csrf: agent.csrf, ...body });
const pageData = (html: string) => JSON.parse(/<script type="application\/json" id="expert-data">([\s\S]*?)<\/script>/.exec(html)![1]!);
/** The one-time links on a page: the tokens the "download CSV" form carries, each also shown as a link. */
const tokensIn = (html: string) => [...html.matchAll(/name="token" value="([A-Za-z0-9_-]{43})"/g)].map((m) => m[1]!).filter((token) => html.includes(`/e/${token}<`));

beforeAll(async () => {
  t = await createTestApp();
  researcher = await t.signedIn('researcher');
  const created = await post(researcher, '/studies', { title: 'Bank SME study', template: 'default', locale: 'en' });
  studyId = Number(/\/studies\/(\d+)/.exec(created.headers.location)![1]);
  const round = await post(researcher, `/studies/${studyId}/rounds`, { label: '2026 Q4', priorityMethod: 'eigenvector', riTable: 'saaty', crThreshold: '0.1', crPolicy: 'warn', allowNoOpinion: 'on' });
  expect(round.status).toBe(303);
  roundId = Number(/\/rounds\/(\d+)/.exec(round.headers.location)![1]);
});
afterAll(async () => t.close());

describe('a round from invitation to weight set', () => {
  let token = '';
  let second = '';
  let blocks: { id: number; code: string; children: { id: number; code: string; name: string }[] }[] = [];

  it('invites experts one by one and from a pasted list; each link is shown once with a QR code', async () => {
    const one = await post(researcher, `/rounds/${roundId}/invitations`, { name: 'Wang Li', email: 'wang@bank.example', organisation: 'Risk dept.', weight: '2' });
    expect(one.status).toBe(200);
    expect(one.text).toContain('shown only once');
    expect(one.text).toMatch(/<img class="rounds-qr" src="data:image\/png;base64,[A-Za-z0-9+/=]+"/);
    [token] = tokensIn(one.text);
    expect(token).toHaveLength(43);
    const list = await post(researcher, `/rounds/${roundId}/invitations/bulk`, { list: 'name,e-mail,organisation,weight\nZhao Min, zhao@bank.example, Credit approval, 1.5\nChen Jie\t\tBranch\t1\n=HYPERLINK("http://x"),,,' });
    expect(list.status).toBe(200);
    const tokens = tokensIn(list.text);
    expect(tokens).toHaveLength(3);
    second = tokens[0]!;
    const csv = await post(researcher, `/rounds/${roundId}/links.csv`, { token: [...tokens, 'A'.repeat(43), 'garbage'] });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="round-${roundId}-links.csv"`);
    const rows = csv.text.replace(/^\ufeff/, '').trim().split('\n');
    expect(rows).toHaveLength(4); // header + the three real links; forged tokens are dropped
    expect(csv.text).toContain(`/e/${second}`);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://x"")"`); // formula neutralised
    // the page never shows the links again
    const again = await researcher.agent.get(`/rounds/${roundId}`);
    expect(tokensIn(again.text)).toEqual([]);
  });

  it('refuses a round without a label, re-rendering the study page with the message (400)', async () => {
    const res = await post(researcher, `/studies/${studyId}/rounds`, { label: ' ', crThreshold: '0.1' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Please fill in this field.');
    expect(res.text).toMatch(/<details class="studies-tool" open>\s*<summary>New expert round/);
  });

  it('refuses a pasted list with a bad line as a whole (400, nobody added)', async () => {
    const before = await t.db('expert_invitations').where({ round_id: roundId }).count<{ n: number }[]>({ n: '*' });
    const res = await post(researcher, `/rounds/${roundId}/invitations/bulk`, { list: 'Good Name, good@bank.example\nBad Mail, not-an-email' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Line 2: the email is not valid. Nothing was added.');
    expect(await t.db('expert_invitations').where({ round_id: roundId }).count<{ n: number }[]>({ n: '*' })).toEqual(before);
  });

  it('before opening, a link shows that the round has not opened; opening freezes the hierarchy', async () => {
    expect((await request(t.app).get(`/e/${token}`)).text).toContain('has not opened yet');
    expect((await post(researcher, `/rounds/${roundId}/open`)).status).toBe(303);
    const [frozen] = await t.db('round_nodes').where({ round_id: roundId }).count<{ n: string | number }[]>({ n: '*' });
    expect(Number(frozen!.n)).toBe(34);
    // Later edits of the study do not reach the round.
    const c1 = await t.db('hierarchy_nodes').where({ study_id: studyId, code: 'C1' }).first();
    await post(researcher, `/studies/${studyId}/nodes/${c1.id}`, { code: 'C1', nameEn: 'Renamed after opening' });
    const i72 = await t.db('hierarchy_nodes').where({ study_id: studyId, code: 'I72' }).first();
    await post(researcher, `/studies/${studyId}/nodes/${i72.id}/delete`);
    const page = await request(t.app).get(`/e/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const data = pageData(page.text);
    blocks = data.blocks;
    expect(blocks.map((b) => b.code)).toEqual(['GOAL', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7']);
    expect(blocks[0]!.children[0]!.name).toBe('owner & management');
    expect(blocks[7]!.children.map((c) => c.code)).toEqual(['I71', 'I72']);
    expect(data.progress).toEqual({ answered: 0, total: 59 });
    expect(data.round).toMatchObject({ crThreshold: 0.1, allowNoOpinion: true });
  });

  it('serves the questionnaire in Chinese with the SurveyJS Chinese strings', async () => {
    const page = await request(t.app).get(`/e/${token}`).set('Accept-Language', 'zh-CN');
    const data = pageData(page.text);
    expect(data.surveyLocale).toBe('zh-cn');
    expect(data.blocks[0].children[0].name).toBe('负责人与经营管理');
    expect(page.text).toContain('/i18n/simplified-chinese.min.js');
    expect(page.text).toMatch(/\/vendor\/survey-core\/2\.5\.38\/survey-core\.fontless\.min\.css/);
  });

  it('autosaves a block and answers with the server’s CR, top-3 inconsistent judgments and suggestions', async () => {
    const goal = blocks[0]!;
    const judgments = goal.children.flatMap((a, i) => goal.children.slice(i + 1).map((b) => ({ parent: goal.id, left: a.id, right: b.id, value: 1 })));
    // The published demo criteria matrix (credit-default-model.md), sent with some pairs reversed (right, left).
    const demo = blockJudgments(goal as never);
    const sent = demo.map((j, k) => (k % 3 === 0 ? { parent: j.parent, left: j.right, right: j.left, value: 1 / (j.value as number) } : j));
    expect(judgments).toHaveLength(21);
    const res = await autosave(t, token, { judgments: sent, page: goal.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ saved: 21, cleared: 0, status: 'started', progress: { answered: 21, total: 59 } });
    const node = res.body.nodes[0];
    expect(node).toMatchObject({ id: goal.id, pairs: 21, answered: 21, connected: true, flagged: false });
    expect(node.cr).toBeCloseTo(0.0076, 4); // credit-default-model.md
    expect(node.inconsistencies).toHaveLength(3);
    expect(node.inconsistencies[0]).toEqual(expect.objectContaining({ left: expect.any(Number), right: expect.any(Number), suggested: expect.any(Number), crIfChanged: expect.any(Number) }));
    // Stored in the canonical orientation: left before right in the parent's order.
    const stored = await t.db('judgments').where({ parent_node_id: goal.id }).orderBy('id');
    const order = goal.children.map((c) => c.id);
    for (const row of stored) expect(order.indexOf(row.left_node_id)).toBeLessThan(order.indexOf(row.right_node_id));
  });

  it('is idempotent: saving the same answers again changes no value and gives the same feedback', async () => {
    const goal = blocks[0]!;
    const body = { judgments: blockJudgments(goal as never), page: goal.id };
    const values = async () => (await t.db('judgments').orderBy('id').select('id', 'parent_node_id', 'left_node_id', 'right_node_id', 'value'));
    const before = await values();
    const first = await autosave(t, token, body);
    const again = await autosave(t, token, body);
    expect(await values()).toEqual(before);
    expect(again.body).toEqual(first.body);
  });

  it('flags a block above the threshold and names the judgment to revisit with a consistent value', async () => {
    const goal = blocks[0]!;
    const [c2, c3] = [goal.children[1]!, goal.children[2]!];
    const res = await autosave(t, token, { judgments: [{ parent: goal.id, left: c2.id, right: c3.id, value: 1 / 9 }, { parent: goal.id, left: goal.children[0]!.id, right: c2.id, value: 9 }] });
    const node = res.body.nodes[0];
    expect(node.flagged).toBe(true);
    expect(node.cr).toBeGreaterThan(0.1);
    const top = node.inconsistencies.map((x: { left: number; right: number }) => `${x.left}-${x.right}`);
    expect(top).toEqual(expect.arrayContaining([`${c2.id}-${c3.id}`]));
    // Applying the suggestions brings the block back (the page's "Apply" button sends exactly this).
    const fixes = node.inconsistencies.map((x: { left: number; right: number; suggested: number }) => ({ parent: goal.id, left: x.left, right: x.right, value: x.suggested }));
    const fixed = await autosave(t, token, { judgments: fixes });
    expect(fixed.body.nodes[0].cr).toBeLessThan(node.cr);
  });

  it('resumes on the same page with the same answers (another device: just the link)', async () => {
    const c1 = blocks[1]!;
    await autosave(t, token, { judgments: blockJudgments(c1 as never).slice(0, 2), page: c1.id });
    const data = pageData((await request(t.app).get(`/e/${token}`)).text);
    expect(data.currentNodeId).toBe(c1.id);
    expect(data.progress.answered).toBe(23);
    expect(Object.keys(data.answers)).toHaveLength(23);
    expect(data.feedback[String(c1.id)]).toMatchObject({ answered: 2, pairs: 6, connected: false, cr: null });
  });

  it('clears an answer and accepts "no opinion"', async () => {
    const c1 = blocks[1]!;
    const [a, b] = c1.children;
    const cleared = await autosave(t, token, { clear: [{ parent: c1.id, left: b!.id, right: a!.id }] });
    expect(cleared.body).toMatchObject({ cleared: 1, progress: { answered: 22 } });
    const none = await autosave(t, token, { judgments: [{ parent: c1.id, left: a!.id, right: b!.id, value: null }] });
    expect(none.body.nodes[0]).toMatchObject({ answered: 2, noOpinion: 1 });
  });

  it('reviews the expert’s own weights and lists what blocks a submit until every pair is answered', async () => {
    const review = await request(t.app).get(`/e/${token}/review`).set('X-Requested-With', 'fetch');
    expect(review.status).toBe(200);
    expect(review.body.canSubmit).toBe(false);
    expect(review.body.problems.map((p: { problem: string }) => p.problem)).toContain('incomplete');
    await answerAll(t, token, blocks as never);
    const ready = await request(t.app).get(`/e/${token}/review`).set('X-Requested-With', 'fetch');
    expect(ready.body).toMatchObject({ canSubmit: true, problems: [] });
    const total = Object.values(ready.body.globalWeights as Record<string, number>).reduce((s, w) => s + w, 0);
    expect(total).toBeCloseTo(1, 10);
    expect(Object.keys(ready.body.globalWeights)).toHaveLength(26);
  });

  it('submits once; the link then shows a read-only thank-you page', async () => {
    const res = await submit(t, token);
    expect(res.status).toBe(200);
    const page = await request(t.app).get(`/e/${token}`);
    expect(page.text).toContain('Thank you!');
    expect(page.text).toContain('Your weights');
    expect(page.text).not.toContain('id="expert-data"');
    expect((await submit(t, token)).status).toBe(409);
  });

  it('monitors response rate, statuses, per-block CRs and who has not finished', async () => {
    // the second expert answers with one judgment per criterion pushed one step (still consistent)
    await answerAll(t, second, blocks as never, (v, i, j) => ((i + j) % 4 === 0 ? (v >= 1 ? Math.min(9, v + 1) : v) : v));
    await submit(t, second);
    const page = await researcher.agent.get(`/rounds/${roundId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Response rate');
    expect(page.text).toContain('2 of 4 submitted');
    expect(page.text).toContain('Consistency by block');
    expect(page.text).toContain('Chen Jie');
    expect(page.text).toMatch(/Not finished yet[\s\S]*Chen Jie/);
    const wang = await t.db('expert_invitations').where({ round_id: roundId, name: 'Wang Li' }).first();
    const detail = await researcher.agent.get(`/rounds/${roundId}/experts/${wang.id}`);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain('I71');
    expect(detail.text).toContain('1/2'); // C7: I72 over I71 shown as the reciprocal
  });

  it('creates a weight set from the page and shows group weights, consensus, dispersion and bands', async () => {
    const form = await researcher.agent.get(`/rounds/${roundId}/weight-sets/new`);
    expect(form.status).toBe(200);
    const ids = [...form.text.matchAll(/name="expert" value="(\d+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    const created = await post(researcher, `/rounds/${roundId}/weight-sets`, { expert: ids, [`weight_${ids[0]}`]: '2', mode: 'aij', method: 'eigenvector', riTable: 'saaty', label: 'Main' });
    expect(created.status).toBe(303);
    const wsId = Number(/\/weight-sets\/(\d+)/.exec(created.headers.location)![1]);
    const page = await researcher.agent.get(`/weight-sets/${wsId}`);
    expect(page.status).toBe(200);
    for (const text of ['Global weights', 'consensus', 'Disagreement per pair', 'Sensitivity', '95% band', 'rounds-heat-cell']) expect(page.text).toContain(text);
    expect(page.text).toMatch(/<canvas class="js-chart" data-config="ws-global"/);
    const stored = await t.db('weight_sets').where({ id: wsId }).first();
    expect(JSON.parse(stored.experts).map((e: { weight: number }) => e.weight)).toEqual([2, 1.5]);
    expect(JSON.parse(stored.inputs).judgments).toHaveLength(118);
    // a second one (AIP) to compare with
    const aip = await post(researcher, `/rounds/${roundId}/weight-sets`, { expert: ids, mode: 'aip-geometric', method: 'rgmm', riTable: 'alonso-lamata' });
    const aipId = Number(/\/weight-sets\/(\d+)/.exec(aip.headers.location)![1]);
    const compare = await researcher.agent.get(`/weight-sets/compare?a=${wsId}&b=${aipId}`);
    expect(compare.status).toBe(200);
    expect(compare.text).toContain('Two weight sets side by side');
    expect(compare.text).toContain('pp');
  });

  it('refuses a weight set without experts or with a bad expert weight, keeping the form (400, nothing stored)', async () => {
    const before = await t.db('weight_sets').count<{ n: string | number }[]>({ n: '*' });
    const none = await post(researcher, `/rounds/${roundId}/weight-sets`, { mode: 'aij', method: 'eigenvector', riTable: 'saaty' });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Choose at least one submitted expert.');
    const ids = [...(await researcher.agent.get(`/rounds/${roundId}/weight-sets/new`)).text.matchAll(/name="expert" value="(\d+)"/g)].map((m) => m[1]);
    const badWeight = await post(researcher, `/rounds/${roundId}/weight-sets`, { expert: ids, [`weight_${ids[0]}`]: '-1', mode: 'aip-geometric' });
    expect(badWeight.status).toBe(400);
    expect(badWeight.text).toContain('Expert weights must be numbers above 0');
    expect(badWeight.text).toMatch(/<option value="aip-geometric" selected>/);
    expect(await t.db('weight_sets').count<{ n: string | number }[]>({ n: '*' })).toEqual(before);
  });

  it('offers one click to exclude experts above the CR threshold', async () => {
    const setup = await setUpRound(t, { ownerId: researcher.user.id });
    const good = await t.services.rounds.invite(SYSTEM, setup.roundId, { name: 'Consistent', weight: 1 });
    const bad = await t.services.rounds.invite(SYSTEM, setup.roundId, { name: 'Inconsistent', weight: 1 });
    await answerAll(t, good.token, setup.blocks);
    await answerAll(t, bad.token, setup.blocks, (v, i, j, block) => (block.code === 'GOAL' && i === 1 && j === 2 ? 1 / 9 : block.code === 'GOAL' && i === 0 && j === 1 ? 9 : v));
    await submit(t, good.token);
    await submit(t, bad.token);
    const all = await researcher.agent.get(`/rounds/${setup.roundId}/weight-sets/new`);
    expect(all.text).toMatch(new RegExp(`value="${bad.invitation.id}" checked`));
    const filtered = await researcher.agent.get(`/rounds/${setup.roundId}/weight-sets/new?exclude=flagged`);
    expect(filtered.text).toMatch(new RegExp(`value="${good.invitation.id}" checked`));
    expect(filtered.text).not.toMatch(new RegExp(`value="${bad.invitation.id}" checked`));
  });

  it('exports judgments, matrices and weight sets as CSV, XLSX and JSON with server-made file names', async () => {
    const csv = await researcher.agent.get(`/rounds/${roundId}/export/judgments?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="round-${roundId}-judgments.csv"`);
    const lines = csv.text.replace(/^\ufeff/, '').trim().split('\n');
    expect(lines[0]).toBe('expert_id,expert,organisation,expert_weight,expert_status,parent_id,parent_code,parent,left_id,left_code,left,right_id,right_code,right,value,value_text,no_opinion,updated_at');
    expect(lines).toHaveLength(1 + 118);
    expect(csv.text).toMatch(/,1\/2,false,/);
    const xlsx = await researcher.agent.get(`/rounds/${roundId}/export/judgments?format=xlsx`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.rowCount).toBe(119);
    const json = await researcher.agent.get(`/rounds/${roundId}/export/judgments?format=json`);
    expect(json.body.judgments).toHaveLength(118);
    const matrices = await researcher.agent.get(`/rounds/${roundId}/export/matrices?format=csv`);
    expect(matrices.text).toContain('Wang Li · GOAL');
    const matricesJson = await researcher.agent.get(`/rounds/${roundId}/export/matrices?format=json`);
    expect(matricesJson.body).toHaveLength(2);
    const ws = await t.db('weight_sets').where({ round_id: roundId }).first('id');
    const wsCsv = await researcher.agent.get(`/weight-sets/${ws.id}/export?format=csv`);
    expect(wsCsv.text).toMatch(/^\ufeffnode_id,code,name,parent_code,level,leaf,local_weight,global_weight/);
    const wsJson = await researcher.agent.get(`/weight-sets/${ws.id}/export?format=json`);
    expect(Object.keys(wsJson.body.globalWeightsByCode)).toHaveLength(26);
    expect((await researcher.agent.get(`/weight-sets/${ws.id}/export?format=pdf`)).status).toBe(400);
  });

  it('keeps rounds private: another researcher gets 404, a manager may read but not change them', async () => {
    const stranger = await t.signedIn('researcher');
    expect((await stranger.agent.get(`/rounds/${roundId}`)).status).toBe(404);
    expect((await stranger.agent.get(`/rounds/${roundId}/export/judgments?format=csv`)).status).toBe(404);
    expect((await post(stranger, `/rounds/${roundId}/invitations`, { name: 'x' })).status).toBe(404);
    const ws = await t.db('weight_sets').where({ round_id: roundId }).first('id');
    expect((await stranger.agent.get(`/weight-sets/${ws.id}`)).status).toBe(404);
    const manager = await t.signedIn('manager');
    expect((await manager.agent.get(`/rounds/${roundId}`)).status).toBe(200);
    expect((await manager.agent.get(`/weight-sets/${ws.id}`)).status).toBe(200);
    expect((await post(manager, `/rounds/${roundId}/close`)).status).toBe(403);
  });

  it('closes the round: links stop accepting answers', async () => {
    expect((await post(researcher, `/rounds/${roundId}/close`)).status).toBe(303);
    const chen = await t.db('expert_invitations').where({ round_id: roundId, name: 'Chen Jie' }).first();
    const { token: fresh } = await t.services.rounds.reissue(SYSTEM, roundId, chen.id).catch(() => ({ token: '' }));
    expect(fresh).toBe(''); // no new links for a closed round
    expect((await post(researcher, `/rounds/${roundId}/settings`, { label: '2026 Q4', priorityMethod: 'rgmm', riTable: 'saaty', crThreshold: '0.1', crPolicy: 'warn' })).status).toBe(409);
  });
});
