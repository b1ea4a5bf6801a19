import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaUnderRocCurve } from '../../src/domain/validation/area-under-roc-curve.js';
import { aucConfidenceInterval } from '../../src/domain/validation/auc-confidence-interval.js';
import { confusionMatrixAtGrade } from '../../src/domain/validation/confusion-matrix-at-grade.js';
import { delongTest } from '../../src/domain/validation/delong-test.js';
import { kolmogorovSmirnovStatistic } from '../../src/domain/validation/kolmogorov-smirnov-statistic.js';
import { ILLUSTRATIVE_PD_SCALE } from '../../src/features/validation/pd-master-scale.js';
import { createTestApp, type SignedInAgent, type TestApp } from '../helpers/test-app.js';
import { runForm, sampleForm, seedValidationFixture } from './validation-fixtures.js';

/** Validation runs over HTTP: computing a run, the numbers against the domain functions, the report, exports, refusals and access. */
let t: TestApp;
let researcher: SignedInAgent;
let fixture: Awaited<ReturnType<typeof seedValidationFixture>>;
let sampleId: number;
const ORDER = ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C', 'D'];
const count = async (table: string) => Number(((await t.db(table).count({ n: '*' }).first()) as { n: unknown }).n);
const newRun = async (who: SignedInAgent, over: Record<string, unknown> = {}, sample = sampleId) =>
  who.agent.post('/validation/runs').type('form').send(runForm(who.csrf, sample, fixture.v1, fixture.v2, over));
const runIdOf = (location: string) => Number(/\/validation\/runs\/(\d+)$/.exec(location)![1]);
/** Text of a page without tags, entities decoded. */
const textOf = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ')
  .replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await createTestApp();
  // v2's name starts with "=": a formula a spreadsheet would run unless the export neutralises it.
  fixture = await seedValidationFixture(t, { v2Name: '=HYPERLINK("http://example.test","v2")' });
  researcher = await t.signedIn('researcher');
  const res = await researcher.agent.post('/validation/samples').type('form').send(sampleForm(researcher.csrf, { oversample: 'on', oversampleFactor: '2', sampleSize: '200', seed: '99' }));
  expect(res.status).toBe(303);
  sampleId = Number(/(\d+)$/.exec(res.headers.location!)![1]);
});
afterAll(async () => t.close());

describe('a run', () => {
  let runId: number;
  beforeAll(async () => {
    const res = await newRun(researcher);
    expect(res.status).toBe(303);
    runId = runIdOf(res.headers.location!);
  });

  it('re-scores the members under both versions and stores metrics equal to the domain functions on the same data (design weights)', async () => {
    const run = await t.services.validation.getRun(runId);
    const members = await t.services.validation.sampleMembers(sampleId);
    const ids = members.map((m) => m.snapshotId!);
    const [a, b] = await Promise.all([t.services.scoring.scoreSnapshots(fixture.v1, ids), t.services.scoring.scoreSnapshots(fixture.v2, ids)]);
    const snaps = await t.services.borrowers.listSnapshots({ ids });
    const outcome = new Map(snaps.map((s) => [s.id, s.outcome!]));
    const sa = new Map(a.results.map((r) => [r.snapshotId, r.evaluation])), sb = new Map(b.results.map((r) => [r.snapshotId, r.evaluation]));
    const y = members.map((m) => outcome.get(m.snapshotId!)!);
    const w = members.map((m) => m.designWeight);
    const s1 = members.map((m) => sa.get(m.snapshotId!)!.score), s2 = members.map((m) => sb.get(m.snapshotId!)!.score);
    const g1 = members.map((m) => sa.get(m.snapshotId!)!.grade);
    expect(run.unitsUsed).toBe(200);
    expect(run.bads).toBe(y.filter((x) => x === 1).length);
    const r = run.results;
    expect(r.sample.weighted).toBe(true);
    expect(r.sample.weightedBadRate).toBeCloseTo(fixture.bads / fixture.n, 12);
    const [v1, v2] = r.versions;
    expect(v1!.auc).toBeCloseTo(areaUnderRocCurve(y, s1, { weights: w }), 12);
    expect(v2!.auc).toBeCloseTo(areaUnderRocCurve(y, s2, { weights: w }), 12);
    expect(v1!.auc).toBeGreaterThan(0.6);
    const ci = aucConfidenceInterval(y, s1, { weights: w });
    expect(v1!.aucCi![0]).toBeCloseTo(ci.ci[0], 12);
    expect(v1!.ks).toBeCloseTo(kolmogorovSmirnovStatistic(y, s1, { weights: w }).ks, 12);
    const d = delongTest(y, s1, s2, { weights: w });
    expect(r.comparisons[0]!.delong!.z).toBeCloseTo(d.z, 10);
    expect(r.comparisons[0]!.delong!.p).toBeCloseTo(d.p, 10);
    expect(v1!.confusion).toEqual(confusionMatrixAtGrade(y, g1, { gradeOrder: ORDER, cutoffGrade: 'CCC', costRatio: 5, weights: w }));
    expect(run.pdScale).toEqual(ILLUSTRATIVE_PD_SCALE);
    expect(run.versions.map((v) => v.id)).toEqual([fixture.v1, fixture.v2]);
    // The members were scored, not stored: no evaluation rows under the two drafts.
    expect(await t.db('evaluations').whereIn('model_id', [fixture.v1, fixture.v2]).first()).toBeUndefined();
  });

  it('reproducibility: a second sample with the same seed and design gives identical metrics', async () => {
    const res = await researcher.agent.post('/validation/samples').type('form').send(sampleForm(researcher.csrf, { name: 'Twin', oversample: 'on', oversampleFactor: '2', sampleSize: '200', seed: '99' }));
    const twin = Number(/(\d+)$/.exec(res.headers.location!)![1]);
    const again = runIdOf((await newRun(researcher, { name: 'Twin run' }, twin)).headers.location!);
    const [x, y] = [await t.services.validation.getRun(runId), await t.services.validation.getRun(again)];
    const strip = (r: typeof x.results) => ({ ...r, timing: null });
    expect(strip(y.results)).toEqual(strip(x.results));
  });

  it('renders the report in English: verdict, versions side by side, plots, tables, design and formulas', async () => {
    const res = await researcher.agent.get(`/validation/runs/${runId}`);
    expect(res.status).toBe(200);
    const text = textOf(res.text);
    const r = (await t.services.validation.getRun(runId)).results;
    expect(text).toContain('Verdict');
    expect(text).toContain(`Test model v1 (template) discriminates`);
    expect(text).toContain(`AUC ${r.versions[0]!.auc!.toFixed(3)} (${r.versions[0]!.aucCi![0].toFixed(3)}–${r.versions[0]!.aucCi![1].toFixed(3)})`);
    expect(text).toMatch(/DeLong’s test (finds|does not find) the difference significant at 5 %/);
    expect(text).toContain('Accepting CCC or better');
    expect(text).toContain('Versions side by side');
    for (const id of ['val-roc', 'val-cap', 'val-calibration']) expect(res.text).toContain(`data-config="${id}"`);
    for (const heading of ['Paired comparisons', 'Confusion matrices at cut-off grade CCC', 'Calibration by grade', 'Migration matrix', 'Population stability (PSI)', 'Rank correlations', 'The sample’s design', 'How the figures are computed']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('Kish');
    expect(text).toContain('n₀ = z²·p(1 − p) / e²');
    expect(res.text).toContain('/static/js/charts.js');
    expect(res.text).not.toMatch(/<script>(?!\s*<\/script>)/); // no inline script
    // The untrusted version name is escaped, never markup.
    expect(res.text).toContain('=HYPERLINK(&#34;http://example.test&#34;,&#34;v2&#34;)');
  });

  it('renders the report in Chinese', async () => {
    const zh = await t.signedIn('manager');
    await zh.agent.post('/lang').type('form').send({ _csrf: zh.csrf, locale: 'zh-CN', back: '/' });
    const res = await zh.agent.get(`/validation/runs/${runId}`);
    expect(res.status).toBe(200);
    const text = textOf(res.text);
    expect(res.text).toContain('<html lang="zh-CN">');
    for (const s of ['结论', '区分能力', '版本对照', 'ROC 曲线', '按等级校准', '迁移矩阵', '群体稳定性指数（PSI）', '各项指标的计算方法']) expect(text).toContain(s);
    expect(text).toMatch(/DeLong 检验在 5 % 水平上认为差异(不)?显著/);
  });

  it('exports every table: CSV with the table\'s rows, XLSX with every sheet; formula cells neutralised', async () => {
    const run = await t.services.validation.getRun(runId);
    const csv = await researcher.agent.get(`/validation/runs/${runId}/export/summary.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toContain(`validation-run-${runId}-summary.csv`);
    const lines = csv.text.replace(/^\ufeff/, '').trim().split('\n');
    expect(lines[0]).toMatch(/^Version,id,AUC,CI low,CI high/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`Test model v1 (template),${fixture.v1},${run.results.versions[0]!.auc}`);
    // The "=HYPERLINK(…)" name starts with a quote, so a spreadsheet shows it as text.
    expect(lines[2]!.startsWith(`"'=HYPERLINK(`)).toBe(true);
    for (const table of ['verdict', 'comparisons', 'confusion', 'calibration', 'hosmer-lemeshow', 'migration', 'psi', 'psi-indicators', 'rank-correlations', 'curves', 'strata', 'units']) {
      const r = await researcher.agent.get(`/validation/runs/${runId}/export/${table}.csv`);
      expect(r.status, table).toBe(200);
      expect(r.text.trim().split('\n').length, table).toBeGreaterThan(1);
    }
    const units = await researcher.agent.get(`/validation/runs/${runId}/export/units.csv`);
    expect(units.text.trim().split('\n')).toHaveLength(201);
    expect((await researcher.agent.get(`/validation/runs/${runId}/export/nothing.csv`)).status).toBe(404);

    const xlsx = await researcher.agent.get(`/validation/runs/${runId}/export.xlsx`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['verdict', 'summary', 'comparisons', 'confusion', 'calibration', 'hosmer-lemeshow', 'migration', 'psi', 'psi-indicators', 'rank-correlations', 'curves', 'strata', 'units']);
    const summary = book.getWorksheet('summary')!;
    expect(summary.getRow(2).getCell(3).value).toBeCloseTo(run.results.versions[0]!.auc!, 12);
    expect(String(summary.getRow(3).getCell(1).value).startsWith("'=")).toBe(true);
    expect(book.getWorksheet('units')!.rowCount).toBe(201);
  });
});

describe('bad input → 400 and nothing stored', () => {
  it.each([
    ['one version only', (v1: number) => ({ versionIds: [String(v1)] }), 'Choose at least two versions.'],
    ['a cut-off grade off the scale', () => ({ cutoffGrade: 'ZZZ' }), 'Grade ZZZ is not on the grade scale'],
    ['a PD above 100 %', () => ({ pd_AA: '150' }), 'This value is not valid.'],
    ['a zero cost ratio', () => ({ costRatio: '0' }), 'This is too short or too small.'],
    ['a reference that is not compared', () => ({ referenceVersionId: '999999' }), 'The reference must be one of the chosen versions.'],
    ['an unknown version', () => ({ versionIds: ['999998', '999999'], referenceVersionId: '999998' }), 'A chosen model version does not exist.'],
    ['an outcome no member has (no later snapshot for the classification definition)', () => ({ outcomeKind: 'classification' }), 'No member has an outcome and a score under every version.'],
  ])('%s', async (_label, over, message) => {
    const before = await count('validation_runs');
    const res = await newRun(researcher, over(fixture.v1));
    expect(res.status).toBe(400);
    expect(textOf(res.text)).toContain(message);
    expect(await count('validation_runs')).toBe(before);
  });

  it('a run on an unknown sample is 404', async () => {
    expect((await newRun(researcher, {}, 999999)).status).toBe(404);
  });
});

describe('access', () => {
  let runId: number;
  beforeAll(async () => { runId = runIdOf((await newRun(researcher, { name: 'First researcher\'s run' })).headers.location!); });

  it('a manager reads the report and its exports but may not compute or delete (403, nothing changed)', async () => {
    const manager = await t.signedIn('manager');
    expect((await manager.agent.get(`/validation/runs/${runId}`)).status).toBe(200);
    expect((await manager.agent.get(`/validation/runs/${runId}/export/calibration.csv`)).status).toBe(200);
    expect((await manager.agent.get(`/validation/samples/${sampleId}/runs/new`)).status).toBe(403);
    const before = await count('validation_runs');
    expect((await newRun(manager)).status).toBe(403);
    expect((await manager.agent.post(`/validation/runs/${runId}/delete`).type('form').send({ _csrf: manager.csrf })).status).toBe(403);
    expect(await count('validation_runs')).toBe(before);
    // The report shows no delete button to a reader.
    expect((await manager.agent.get(`/validation/runs/${runId}`)).text).not.toContain(`/validation/runs/${runId}/delete`);
  });

  it('a credit officer gets 403 on the report', async () => {
    const officer = await t.signedIn('credit-officer');
    expect((await officer.agent.get(`/validation/runs/${runId}`)).status).toBe(403);
  });

  it('another researcher reads the run but may not delete it; a sample with runs cannot be deleted; the author deletes it', async () => {
    const other = await t.signedIn('researcher');
    expect((await other.agent.get(`/validation/runs/${runId}`)).status).toBe(200);
    expect((await other.agent.post(`/validation/runs/${runId}/delete`).type('form').send({ _csrf: other.csrf })).status).toBe(403);
    expect(await t.db('validation_runs').where({ id: runId }).first()).toBeTruthy();
    const sampleDelete = await researcher.agent.post(`/validation/samples/${sampleId}/delete`).type('form').send({ _csrf: researcher.csrf });
    expect(sampleDelete.status).toBe(303);
    expect(await t.db('validation_samples').where({ id: sampleId }).first()).toBeTruthy();
    expect((await researcher.agent.post(`/validation/runs/${runId}/delete`).type('form').send({ _csrf: researcher.csrf })).status).toBe(303);
    expect(await t.db('validation_runs').where({ id: runId }).first()).toBeUndefined();
  });
});
