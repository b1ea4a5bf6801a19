import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedInAgent, type TestApp } from '../helpers/test-app.js';
import { createQuestionnaire } from './questionnaires-fixtures.js';

let t: TestApp;
let owner: SignedInAgent;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signedIn('researcher');
});
afterAll(async () => t.close());

const upload = (a: SignedInAgent, id: number, content: string | Buffer, filename: string) =>
  a.agent.post(`/questionnaires/${id}/import`).field('_csrf', a.csrf).attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), { filename });
const count = async (id: number) => (await t.db('questionnaire_responses').where({ questionnaire_id: id })).length;

// Rows of TEST_SCHEMA (questionnaires-fixtures.ts): codes, English and Chinese labels, ";" between several answers.
const GOOD_CSV = [
  'role,r1,r2,multi,years,note,agree,dept,dept-Comment',
  'a,4,2,1;3,12,fine,true,x,',
  'Banker,5,1,2,3,,false,other,Treasury',
  '分析员,3,,,,"comma, inside",yes,y,',
].join('\r\n');

describe('importing responses from a file (all or nothing)', () => {
  it('imports a valid CSV (codes or labels) into the current version, analysed like online answers', async () => {
    const id = await createQuestionnaire(t, owner);
    // Row 3 (Banker) would need "why" (shown for role b, required): add it.
    const csv = GOOD_CSV.replace('role,r1,r2,multi,years,note,agree,dept,dept-Comment', 'role,r1,r2,multi,years,note,agree,dept,dept-Comment,why')
      .replace('a,4,2,1;3,12,fine,true,x,', 'a,4,2,1;3,12,fine,true,x,,')
      .replace('Banker,5,1,2,3,,false,other,Treasury', 'Banker,5,1,2,3,,false,other,Treasury,Because')
      .replace('分析员,3,,,,"comma, inside",yes,y,', '分析员,3,,,,"comma, inside",yes,y,,');
    const res = await upload(owner, id, '\ufeff' + csv, 'paper-forms.csv');
    expect(res.status).toBe(200);
    expect(res.text).toContain('3 responses were imported into version 1.');
    const rows = await t.db('questionnaire_responses').where({ questionnaire_id: id }).orderBy('id');
    expect(rows.map((r) => r.source)).toEqual(['import', 'import', 'import']);
    expect(JSON.parse(rows[0].data)).toEqual({ role: 'a', r1: 4, r2: 2, multi: [1, 3], years: 12, note: 'fine', agree: true, dept: 'x' });
    expect(JSON.parse(rows[1].data)).toMatchObject({ role: 'b', agree: false, dept: 'other', 'dept-Comment': 'Treasury', why: 'Because' });
    expect(JSON.parse(rows[2].data)).toEqual({ role: 'a', r1: 3, note: 'comma, inside', agree: true, dept: 'y' });
    const analysis = await owner.agent.get(`/questionnaires/${id}/analysis`);
    expect(analysis.text).toMatch(/id="q-analysed">3</);
  });

  it('refuses the whole file when any row is invalid, listing every problem by row and question', async () => {
    const id = await createQuestionnaire(t, owner);
    const csv = [
      'role,r1,multi,years',
      'a,4,1,10',
      'a,7,1,10', // line 3: rating off the scale
      'a,3,1;2;3,10', // line 4: too many choices
      'boss,3,1,99', // line 5: unknown role, years out of range
      ',3,,', // line 6: required role missing
    ].join('\n');
    const res = await upload(owner, id, csv, 'bad.csv');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Nothing was imported: 4 rows have problems.');
    const table = res.text.slice(res.text.indexOf('id="q-import-errors"'));
    for (const [line, question] of [[3, 'r1'], [4, 'multi'], [5, 'role'], [5, 'years'], [6, 'role']] as const) {
      expect(table).toMatch(new RegExp(`<td class="num">${line}</td><td><code>${question}</code></td>`));
    }
    expect(await count(id)).toBe(0);
  });

  it('refuses unknown or duplicate columns, empty files and unreadable spreadsheets', async () => {
    const id = await createQuestionnaire(t, owner);
    const unknown = await upload(owner, id, 'role,salary\na,100\n', 'x.csv');
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('The column &#34;salary&#34; is not a question of this questionnaire.');
    const duplicate = await upload(owner, id, 'role,role\na,a\n', 'x.csv');
    expect(duplicate.text).toContain('The column &#34;role&#34; appears twice.');
    const empty = await upload(owner, id, 'role,r1\n', 'x.csv');
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('The file has no data rows.');
    const notXlsx = await upload(owner, id, Buffer.from('not a zip'), 'x.xlsx');
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.text).toContain('The XLSX file could not be read.');
    const none = await owner.agent.post(`/questionnaires/${id}/import`).field('_csrf', owner.csrf);
    expect(none.status).toBe(400);
    expect(await count(id)).toBe(0);
  });

  it('imports an XLSX file (first sheet, header in row 1)', async () => {
    const id = await createQuestionnaire(t, owner);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Answers');
    sheet.addRow(['role', 'r1', 'r2', 'agree', 'note']);
    sheet.addRow(['a', 5, 1, true, 'typed on paper']);
    sheet.addRow(['a', 2, 4, false, null]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(owner, id, buffer, 'forms.xlsx');
    expect(res.status).toBe(200);
    expect(res.text).toContain('2 responses were imported');
    const rows = await t.db('questionnaire_responses').where({ questionnaire_id: id }).orderBy('id');
    expect(JSON.parse(rows[0].data)).toEqual({ role: 'a', r1: 5, r2: 1, agree: true, note: 'typed on paper' });
  });

  it('re-imports its own export with codes (metadata columns are ignored)', async () => {
    const source = await createQuestionnaire(t, owner);
    await upload(owner, source, 'role,r1,multi\na,4,1;2\na,2,3\n', 'a.csv');
    const exported = await owner.agent.get(`/questionnaires/${source}/export/responses.csv`);
    expect(exported.status).toBe(200);
    expect(exported.text.startsWith('\ufeff_response,_version,_source,_month,role,')).toBe(true);
    const target = await createQuestionnaire(t, owner);
    const res = await upload(owner, target, exported.text, 'export.csv');
    expect(res.status).toBe(200);
    expect(res.text).toContain('2 responses were imported');
    const a = (await t.db('questionnaire_responses').where({ questionnaire_id: source }).orderBy('id')).map((r) => JSON.parse(r.data));
    const b = (await t.db('questionnaire_responses').where({ questionnaire_id: target }).orderBy('id')).map((r) => JSON.parse(r.data));
    expect(b).toEqual(a);
  });

  it('lets only the owner or an administrator import (manager 403, other researcher 404)', async () => {
    const id = await createQuestionnaire(t, owner);
    const manager = await t.signedIn('manager');
    expect((await upload(manager, id, 'role\na\n', 'x.csv')).status).toBe(403);
    const other = await t.signedIn('researcher');
    expect((await upload(other, id, 'role,r1\na,3\n', 'x.csv')).status).toBe(404);
    expect(await count(id)).toBe(0);
  });
});

describe('importing through the API', () => {
  it('imports JSON rows all or nothing, and a CSV body', async () => {
    const token = await t.apiToken('researcher');
    const created = await request(t.app).post('/api/v1/questionnaires').set('Authorization', `Bearer ${token}`).send({
      title: 'API import',
      schema: { elements: [{ type: 'radiogroup', name: 'role', choices: ['a', 'b'], isRequired: true }, { type: 'rating', name: 'r1', dimension: 'd' }, { type: 'rating', name: 'r2', dimension: 'd', reverse: true }] },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    const post = (body: unknown, type = 'application/json') =>
      request(t.app).post(`/api/v1/questionnaires/${id}/responses`).set('Authorization', `Bearer ${token}`).set('Content-Type', type).send(body as string);
    const bad = await post({ rows: [{ role: 'a', r1: 3 }, { role: 'c', r1: 3 }, { role: 'a', r1: 3, extra: 1 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.rows).toEqual([
      { row: 2, question: 'role', message: 'This answer is not one of the question’s choices.' },
      { row: 3, question: 'extra', message: 'This questionnaire has no such question.' },
    ]);
    expect(await count(id)).toBe(0);
    const ok = await post({ rows: [{ role: 'a', r1: 3, r2: 1 }, { role: 'b', r1: 5 }] });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ imported: 2, version: 1 });
    const csv = await post('role,r1,r2\nb,1,5\na,2,4\n', 'text/csv');
    expect(csv.status).toBe(201);
    expect(csv.body.imported).toBe(2);
    const badCsv = await post('role,r1\nb,9\n', 'text/csv');
    expect(badCsv.status).toBe(400);
    expect(badCsv.body.error.details.rows[0]).toMatchObject({ row: 2, question: 'r1' });
    expect(await count(id)).toBe(4);
    expect((await t.db('questionnaire_responses').where({ questionnaire_id: id }).first()).source).toBe('api');
  });
});
