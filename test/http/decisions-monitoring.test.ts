import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedInAgent, type TestApp } from '../helpers/test-app.js';
import { application, setUpPolicy } from './decisions-fixtures.js';

let t: TestApp;
let manager: SignedInAgent;
let submitterToken: string;
let tokenB: string;
let officerBName: string;
const ids: Record<string, number> = {};

/**
 * Six cases with hand-counted figures: two policy approvals (one later performing, one defaulted), two referrals
 * officer B resolves (approve, decline), one policy decline officer B overrides to approve (later defaulted), one
 * referral left pending. Officer B: 3 officer decisions, 1 override → 1/3.
 */
beforeAll(async () => {
  t = await createTestApp();
  await setUpPolicy(t);
  manager = await t.signedIn('manager');
  submitterToken = await t.apiToken('credit-officer');
  const b = await t.createUser('credit-officer');
  officerBName = ((await t.db('users').where({ id: b.id }).first()) as { name: string }).name;
  tokenB = (await t.services.apiTokens.create({ id: b.id }, 'test', null, null)).token;
  const submit = async (key: string, o: { amount: number; branch: string; name?: string; extra?: Record<string, unknown> }) => {
    const res = await request(t.app).post('/api/v1/decisions').set('Authorization', `Bearer ${submitterToken}`)
      .send(application({ requestId: `mon-${key}`, ref: `MON-${key}`, amount: o.amount, branch: o.branch, extra: { ...(o.name ? { name: o.name } : {}), ...(o.extra ?? {}) } }));
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    ids[key] = res.body.id;
  };
  const officer = (key: string, body: object) => request(t.app).post(`/api/v1/decisions/${ids[key]}/officer-decision`).set('Authorization', `Bearer ${tokenB}`).send(body);
  const outcome = (key: string, o: string) => request(t.app).post(`/api/v1/decisions/${ids[key]}/outcome`).set('Authorization', `Bearer ${tokenB}`).send({ outcome: o });
  await submit('1', { amount: 200_000, branch: 'Hangzhou', name: '=HYPERLINK("http://evil.example","click")' });
  await submit('2', { amount: 250_000, branch: 'Hangzhou' });
  await submit('3', { amount: 3_200_000, branch: 'Ningbo' });
  await submit('4', { amount: 3_300_000, branch: 'Ningbo' });
  await submit('5', { amount: 500_000, branch: 'Ningbo', extra: { flags: { dishonestDebtorList: true } } });
  await submit('6', { amount: 3_400_000, branch: 'Ningbo' });
  expect((await officer('3', { decision: 'approve', reason: 'ok' })).status).toBe(200);
  expect((await officer('4', { decision: 'decline', reason: '+no' })).status).toBe(200);
  expect((await officer('5', { decision: 'approve', reason: 'listing lifted', reasonCode: 'data-error-corrected' })).status).toBe(200);
  expect((await outcome('1', 'performing')).status).toBe(200);
  expect((await outcome('2', 'defaulted')).status).toBe(200);
  expect((await outcome('5', 'defaulted')).status).toBe(200);
});
afterAll(async () => t?.close());

describe('monitoring page', () => {
  it('shows override rates with an alert above the threshold, approval by grade and default rates by path', async () => {
    const res = await manager.agent.get('/decisions/monitoring?threshold=20&minCount=3');
    expect(res.status).toBe(200);
    const text = res.text.replace(/\s+/g, ' ');
    // Officer B and branch Ningbo: 1 override in 3 officer decisions = 33.3 % > 20 % → alerts; Hangzhou has none.
    expect(text).toContain(`Override rate of officer ${officerBName}: 1 of 3 decisions (33.3 %), above the threshold of 20 %.`);
    expect(text).toContain('Override rate of branch Ningbo: 1 of 3 decisions (33.3 %)');
    expect(text).not.toContain('Override rate of branch Hangzhou');
    // Grade AA: approved 1, 2, 3; declined 4; pending 6 → 3/4 = 75 %, Wilson 95 % [30.1 %, 95.4 %] (R: prop.test(3, 4, correct = FALSE)).
    expect(text).toMatch(/<td><strong>AA<\/strong><\/td><td class="num">3<\/td><td class="num">1<\/td><td class="num">1<\/td><td class="num">75\.0%<\/td><td class="num small">30\.1% – 95\.4%<\/td>/);
    // Default rates: policy approvals 1 of 2; approved referral: outcome unknown; low-side override 1 of 1.
    expect(text).toMatch(/Approved by the policy<\/td><td class="num">2<\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">50\.0%/);
    expect(text).toMatch(/Referral approved by an officer<\/td><td class="num">0<\/td><td class="num">0<\/td><td class="num">1<\/td><td class="num">—/);
    expect(text).toMatch(/Policy decline overridden<\/td><td class="num">1<\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">100\.0%/);
    expect(text).toContain('class="js-chart" data-config="dm-mix"');
  });

  it('raises no alert with the default minimum of 10 officer decisions', async () => {
    const res = await manager.agent.get('/decisions/monitoring');
    expect(res.text).toContain('No officer, branch or grade has an override rate above 10.0%');
  });
});

describe('exports', () => {
  it('CSV of decisions: one row per case, formula cells neutralised', async () => {
    const res = await manager.agent.get('/decisions/export.csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toContain('decisions.csv');
    const lines = res.text.replace(/^\ufeff/, '').trim().split('\n');
    expect(lines[0]).toMatch(/^id,requestId,decidedAt,borrowerRef,borrowerName,/);
    expect(lines.filter((l) => /^\d+,mon-/.test(l))).toHaveLength(6);
    expect(res.text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(res.text).not.toMatch(/,=HYPERLINK/);
  });

  it('CSV of the trail: who did what, reasons neutralised', async () => {
    const res = await manager.agent.get('/decisions/export.csv?sheet=trail');
    const text = res.text;
    expect(text).toContain(`mon-5`);
    expect(text).toMatch(new RegExp(`decided,${officerBName},approve,500000,decline-to-approve,data-error-corrected,listing lifted`));
    expect(text).toContain(",'+no,");
  });

  it('XLSX with decisions, reasons and trail sheets, filtered like the list', async () => {
    const res = await manager.agent.get('/decisions/export.xlsx?branch=Ningbo').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Decisions', 'Reasons', 'Trail']);
    const sheet = wb.getWorksheet('Decisions')!;
    expect(sheet.rowCount).toBe(1 + 4); // cases 3–6 are in Ningbo
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const policyCol = header.indexOf('policyDecision') + 1;
    const values = [2, 3, 4, 5].map((r) => sheet.getRow(r).getCell(policyCol).value);
    expect(values).toEqual(['refer', 'refer', 'decline', 'refer']);
    const trail = wb.getWorksheet('Trail')!;
    expect(trail.rowCount).toBe(1 + 4 + 3 + 1); // 4 submissions, 3 officer decisions, the outcome of case 5
  });

  it('is for case readers only', async () => {
    const researcher = await t.signedIn('researcher');
    expect((await researcher.agent.get('/decisions/export.csv')).status).toBe(403);
  });
});
