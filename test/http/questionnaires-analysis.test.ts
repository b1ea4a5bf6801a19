import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_QUESTIONNAIRE_TITLE, questionnairesDemoSeeder } from '../../src/features/questionnaires/questionnaires-demo.js';
import { createTestApp, type SignedInAgent, type TestApp } from '../helpers/test-app.js';
import { createQuestionnaire, createSharedLink, GOOD_ANSWER, setSettings } from './questionnaires-fixtures.js';

let t: TestApp;
let researcher: SignedInAgent;
let manager: SignedInAgent;
let demoId: number;

beforeAll(async () => {
  t = await createTestApp();
  await questionnairesDemoSeeder.seed(t.services, () => undefined);
  demoId = (await t.db('questionnaires').where({ title: DEMO_QUESTIONNAIRE_TITLE }).first()).id;
  researcher = await t.signedIn('researcher');
  manager = await t.signedIn('manager');
});
afterAll(async () => t.close());

/** Reads the Chart.js configuration of a page's <script type="application/json" id="…"> block. */
function chartConfig(html: string, id: string): { data: { labels: string[]; datasets: Array<{ label: string; data: number[] }> } } {
  const match = new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(html);
  expect(match, id).not.toBeNull();
  return JSON.parse((match as RegExpExecArray)[1] as string);
}

describe('the demo questionnaire', () => {
  it('is seeded as labelled demo data with 120 responses, open to every researcher but changeable by none', async () => {
    const q = await t.db('questionnaires').where({ id: demoId }).first();
    expect(q.title.startsWith('Demo:')).toBe(true);
    expect(Boolean(q.is_demo)).toBe(true);
    expect(await t.db('questionnaire_responses').where({ questionnaire_id: demoId })).toHaveLength(120);
    const list = await researcher.agent.get('/questionnaires');
    expect(list.text).toContain(DEMO_QUESTIONNAIRE_TITLE);
    expect(list.text).toContain('badge-demo');
    expect((await researcher.agent.get(`/questionnaires/${demoId}/edit`)).status).toBe(403);
  });
});

describe('analysis pages (researcher and manager)', () => {
  it('shows response counts, the dimension table with alpha and its CI, item statistics and stacked bar charts', async () => {
    const res = await manager.agent.get(`/questionnaires/${demoId}/analysis`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/id="q-analysed">120</);
    const table = res.text.slice(res.text.indexOf('id="q-dimensions"'), res.text.indexOf('</table>', res.text.indexOf('id="q-dimensions"')));
    for (const label of ['NPL level and disposal', 'Risk warning and control', 'Completeness and targeting of the evaluation system', 'Fit of standard risk models to SMEs', 'Online approval models and processes']) {
      expect(table).toContain(label);
    }
    // Five alphas with a Feldt interval "lo – hi" each.
    expect(table.match(/0\.\d{3} – 0\.\d{3}/g)).toHaveLength(5);
    expect(res.text).toContain('α if deleted');
    expect(res.text).toContain('Item–total r');
    const chart = chartConfig(res.text, 'chart-dim-1');
    expect(chart.data.labels).toHaveLength(5);
    expect(chart.data.datasets.map((d) => d.label)).toEqual(['1 Strongly disagree', '2', '3', '4', '5 Strongly agree']);
    for (let i = 0; i < 5; i++) expect(chart.data.datasets.reduce((s, d) => s + (d.data[i] as number), 0)).toBeCloseTo(1, 10);
    expect(res.text).toContain('src="/static/js/charts.js"');
  });

  it('filters every page by profile answers', async () => {
    const all = await researcher.agent.get(`/questionnaires/${demoId}/analysis`);
    const approvers = await researcher.agent.get(`/questionnaires/${demoId}/analysis?f.role=approver`);
    const n = Number(/id="q-analysed">(\d+)</.exec(approvers.text)?.[1]);
    const expected = (await t.db('questionnaire_responses').where({ questionnaire_id: demoId })).filter((r) => JSON.parse(r.data).role === 'approver').length;
    expect(n).toBe(expected);
    expect(n).toBeLessThan(120);
    expect(approvers.text).toContain('Credit approver</strong>');
    expect(all.text).not.toContain('clear filters');
    // The filter follows the tabs.
    expect(approvers.text).toContain(`/questionnaires/${demoId}/diagnosis?f.role=approver`);
    const diagnosis = await researcher.agent.get(`/questionnaires/${demoId}/diagnosis?f.role=approver`);
    expect(diagnosis.text).toContain(`${expected} staff answered`);
    expect((await researcher.agent.get(`/questionnaires/${demoId}/analysis?f.obstacle=x`)).status).toBe(400);
  });

  it('cross-tabulates two questions with χ², p, Cramér’s V and the small-expected-count warning', async () => {
    const res = await researcher.agent.get(`/questionnaires/${demoId}/crosstab?rows=role&cols=ew3`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('id="q-crosstab"');
    const stats = res.text.slice(res.text.indexOf('id="q-crosstab-stats"'));
    expect(stats).toMatch(/<dt>χ²<\/dt><dd>\d+\.\d{3}<\/dd>/);
    expect(stats).toMatch(/<dt>p<\/dt><dd>(&lt; 0\.001|0\.\d{4})<\/dd>/);
    expect(stats).toMatch(/Cramér’s V<\/dt><dd>0\.\d{3}/);
    // 5 roles × 5 scale points with 120 respondents: many expected counts below 5.
    expect(res.text).toContain('id="q-low-expected"');
  });

  it('compares dimension scores across groups with Kruskal–Wallis and optional ANOVA', async () => {
    const res = await researcher.agent.get(`/questionnaires/${demoId}/compare?dimension=online-approval&by=role&anova=1`);
    expect(res.status).toBe(200);
    const stats = res.text.slice(res.text.indexOf('id="q-compare-stats"'));
    expect(stats).toMatch(/H = \d+\.\d{3}, df = 4, p = /);
    expect(stats).toMatch(/F\(4, 115\) = \d+\.\d{3}/);
    const chart = chartConfig(res.text, 'q-compare-chart');
    expect(chart.data.labels).toHaveLength(5);
    const withoutAnova = await researcher.agent.get(`/questionnaires/${demoId}/compare?dimension=online-approval&by=role`);
    expect(withoutAnova.text).not.toContain('One-way ANOVA</dt>');
  });

  it('lists and searches free-text answers', async () => {
    const all = await researcher.agent.get(`/questionnaires/${demoId}/answers`);
    expect(all.status).toBe(200);
    const search = await researcher.agent.get(`/questionnaires/${demoId}/answers?q=${encodeURIComponent('预警')}`);
    const items = search.text.match(/<li>[^<]*预警[^<]*<\/li>/g) ?? [];
    expect(items.length).toBeGreaterThan(0);
    expect(search.text).toMatch(/\d+ of \d+ answers contain the search text/);
  });

  it('ranks the problem areas by severity with evidence, a generated summary and links to the platform', async () => {
    const res = await manager.agent.get(`/questionnaires/${demoId}/diagnosis`);
    expect(res.status).toBe(200);
    const summary = res.text.slice(res.text.indexOf('id="q-summary"'), res.text.indexOf('</div>', res.text.indexOf('id="q-summary"')));
    expect(summary).toContain('120 staff answered. In 5 of the 5 areas surveyed, at least half of them see a problem.');
    expect(summary).toContain('1. Risk warning and control');
    const ranks = [...res.text.matchAll(/<h2>(\d)\. ([^<]+)<\/h2>/g)].map((m) => m[2]);
    expect(ranks[0]).toBe('Risk warning and control');
    expect(ranks).toHaveLength(5);
    expect(res.text).toContain('href="/studies"');
    expect(res.text).toContain('href="/models"');
    expect(res.text).toContain('href="/validation"');
    expect(res.text).toContain('Most concerned group');
    const chart = chartConfig(res.text, 'q-diagnosis-chart');
    expect(chart.data.datasets.map((d) => d.label)).toEqual(['See a problem', 'Neutral', 'See no problem']);
    // In Chinese, from the same numbers.
    await manager.agent.post('/lang').type('form').send({ _csrf: manager.csrf, locale: 'zh-CN', back: '/' });
    const zh = await manager.agent.get(`/questionnaires/${demoId}/diagnosis`);
    expect(zh.text).toContain('共有 120 名员工作答。在调查的 5 个领域中，有 5 个领域至少一半的答题人认为存在问题。');
    expect(zh.text).toContain('1. 风险预警与控制');
    await manager.agent.post('/lang').type('form').send({ _csrf: manager.csrf, locale: 'en', back: '/' });
  });

  it('renders a print-friendly report', async () => {
    const res = await manager.agent.get(`/questionnaires/${demoId}/report`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('id="q-print"');
    expect(res.text).toContain('/static/js/questionnaire-report.js');
    expect(res.text).toContain('Generated demonstration data, not a real survey.');
    expect(res.text).toContain('Cronbach’s alpha with Feldt’s 95% interval');
  });
});

describe('exports', () => {
  it('exports responses as CSV (codes) and XLSX (codes, labels, codebook), and analysis tables', async () => {
    const csv = await researcher.agent.get(`/questionnaires/${demoId}/export/responses.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain(`questionnaire-${demoId}-responses.csv`);
    const lines = csv.text.replace(/\s+$/, '').split(/\r?\n/);
    expect(lines).toHaveLength(121);
    expect(lines[0]).toMatch(/^\ufeff_response,_version,_source,_month,role,department,branch,years,education,npl1,/);
    const xlsx = await researcher.agent.get(`/questionnaires/${demoId}/export/responses.xlsx`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Responses (codes)', 'Responses (labels)', 'Codebook']);
    const labels = workbook.worksheets[1] as ExcelJS.Worksheet;
    const roleColumn = (labels.getRow(1).values as string[]).indexOf('role');
    expect(['Account manager (customer manager)', 'Risk officer', 'Credit approver', 'Manager (branch or department head)', 'Other']).toContain(labels.getRow(2).getCell(roleColumn).value);
    const analysisCsv = await researcher.agent.get(`/questionnaires/${demoId}/export/analysis.csv?f.role=manager`);
    expect(analysisCsv.text.split(/\r?\n/)[0]).toBe('\ufeffitem,title,kind,dimension,reverse,n,mean,sd,median,agree_percent,disagree_percent,alphaIfDeleted,itemTotal');
    const analysisXlsx = await researcher.agent.get(`/questionnaires/${demoId}/export/analysis.xlsx`);
    expect(analysisXlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('neutralises spreadsheet formulas in exported answers', async () => {
    const owner = await t.signedIn('researcher');
    const id = await createQuestionnaire(t, owner);
    await setSettings(owner, id);
    const token = await createSharedLink(owner, id);
    const evil = '=HYPERLINK("https://evil.example","click")';
    expect((await request(t.app).post(`/q/${token}/submit`).set('Accept', 'application/json').send({ version: 1, data: { ...GOOD_ANSWER, note: evil.slice(0, 50) } })).status).toBe(201);
    const csv = await owner.agent.get(`/questionnaires/${id}/export/responses.csv`);
    expect(csv.text).toContain(`"'=HYPERLINK(`);
    expect(csv.text).not.toMatch(/,"?=HYPERLINK/);
  });
});
