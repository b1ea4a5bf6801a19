import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MODEL_V1, DEMO_MODEL_V2, modelsDemoSeeder } from '../../src/features/models/models-demo.js';
import { DEMO_SME_PORTFOLIO } from '../../src/features/borrowers/demo-sme-portfolio.js';
import { borrowerInputOf } from '../../src/features/borrowers/snapshot-input.js';
import { roundsDemoSeeder } from '../../src/features/rounds/rounds-demo.js';
import { createTestApp, type SignedInAgent, type TestApp } from '../helpers/test-app.js';

/*
 * Scoring of stored borrowers (issue 6 items 5, 6, 9) on the demo (expert round → v1 template, v2 from the round's
 * weight set with variants and overlay; the synthetic SME portfolio, 40 borrowers × 4 quarters; the real-data
 * portfolio is skipped here: DEMO_DATA_DIR points nowhere): batch jobs with progress, stored evaluations equal to
 * the API's, the borrower page's waterfall and grade history, the watch list, access.
 */

let t: TestApp;
let researcher: SignedInAgent;
let manager: SignedInAgent;
let officer: SignedInAgent;
let v1: number;
let v2: number;
const notes: string[] = [];

const evaluationCount = async (modelId: number) => Number((await t.db('evaluations').where({ model_id: modelId }).count({ n: '*' }).first())?.n);

beforeAll(async () => {
  t = await createTestApp({ DEMO_DATA_DIR: '/nonexistent-demo-data' });
  await roundsDemoSeeder.seed(t.services, () => undefined);
  await modelsDemoSeeder.seed(t.services, (m) => notes.push(m));
  const versions = await t.services.models.listModelVersions();
  v1 = versions.find((v) => v.name === DEMO_MODEL_V1)!.id;
  v2 = versions.find((v) => v.name === DEMO_MODEL_V2)!.id;
  researcher = await t.signedIn('researcher');
  manager = await t.signedIn('manager');
  officer = await t.signedIn('credit-officer');
}, 120_000);
afterAll(async () => t.close());

describe('the demo', () => {
  it('holds v1 and v2 approved, the synthetic portfolio scored under both, and says the real data was skipped', async () => {
    expect((await t.services.models.getModelVersion(v1)).status).toBe('approved');
    expect((await t.services.models.getModelVersion(v2))).toMatchObject({ status: 'approved', effectiveFrom: '2026-10-01' });
    expect(await t.services.borrowers.countSnapshots({ portfolio: DEMO_SME_PORTFOLIO })).toBe(160);
    expect(await evaluationCount(v1)).toBe(160);
    expect(await evaluationCount(v2)).toBe(160);
    expect(notes.join('\n')).toMatch(/not found \(set DEMO_DATA_DIR\); the real-data demo portfolio is skipped/);
  });

  it('every stored evaluation equals the scoring API on the same snapshot (score, grade, missing, caps)', async () => {
    const token = await t.apiToken('credit-officer');
    const table = await t.services.models.prosperityTable();
    const snapshots = await t.services.borrowers.listSnapshots({ portfolio: DEMO_SME_PORTFOLIO });
    for (const s of snapshots.filter((_, k) => k % 8 === 0)) {
      const stored = await t.services.scoring.storedEvaluation(v2, s.id);
      const input = borrowerInputOf(s, table.valueAt(s.industry, s.asOf));
      const res = await request(t.app).post(`/api/v1/models/${v2}/score`).set('Authorization', `Bearer ${token}`)
        .send({ industry: input.industry, asOf: input.asOf, indicators: input.indicators, flags: input.flags, daysPastDue: input.daysPastDue, inDefault: input.inDefault, prosperityIndex: input.prosperityIndex });
      expect(res.status).toBe(200);
      expect(res.body.score).toBeCloseTo(stored!.stored.score, 9);
      expect(res.body.grade).toBe(stored!.stored.grade);
      expect(res.body.missing).toEqual(stored!.evaluation.missing);
      expect(res.body.caps.map((c: { id: string }) => c.id)).toEqual(stored!.evaluation.caps.map((c) => c.id));
    }
  });
});

describe('batch scoring jobs (the progress bar asks for one chunk at a time)', () => {
  it('creates a job over a portfolio and runs it chunk by chunk to the end; the evaluations are replaced, not duplicated', async () => {
    const before = await evaluationCount(v1);
    const start = await researcher.agent.post('/borrowers/score-jobs').set('X-Requested-With', 'fetch').set('X-CSRF-Token', researcher.csrf)
      .send({ version: String(v1), portfolio: DEMO_SME_PORTFOLIO });
    expect(start.status).toBe(201);
    expect(start.body.job).toMatchObject({ modelId: v1, status: 'running', total: 160, done: 0 });
    const id = start.body.job.id;
    const seen: number[] = [];
    let job = start.body.job;
    // Chunks of DEFAULT_CHUNK (500) would finish in one step; the service takes smaller chunks to show the steps.
    while (job.status === 'running') {
      job = await t.services.scoring.runJobStep({ id: researcher.user.id, role: 'researcher' }, id, 50);
      seen.push(job.done);
      const polled = await researcher.agent.get(`/borrowers/score-jobs/${id}`);
      expect(polled.body.job.done).toBe(job.done);
    }
    expect(seen).toEqual([50, 100, 150, 160]);
    expect(job).toMatchObject({ status: 'done', done: 160, failed: 0 });
    expect(await evaluationCount(v1)).toBe(before);
    expect(Number((await t.db('evaluations').where({ model_id: v1, job_id: id }).count({ n: '*' }).first())?.n)).toBe(160);
    const audit = await t.db('audit_events').where({ event: 'borrowers.scored', target_id: String(id) });
    expect(audit).toHaveLength(1);
  });

  it('the chunk size changes nothing stored: warnings that read a borrower\'s earlier snapshots and grades in other chunks are the same as in one chunk', async () => {
    const admin = { id: 0, role: 'admin' as const };
    const stored = async () => (await t.db('evaluations').where({ model_id: v2 }).orderBy('snapshot_id')
      .select('snapshot_id', 'score', 'grade', 'warning_level', 'missing_count', 'capped', 'result', 'early_warnings'))
      .map((r) => ({ ...r, result: JSON.parse(r.result), early_warnings: JSON.parse(r.early_warnings) }));
    await t.services.scoring.scoreAll(admin, v2, { portfolio: DEMO_SME_PORTFOLIO }, 500);
    const oneChunk = await stored();
    // 3 snapshots per chunk: every borrower's 4 quarters are split over two chunks, so the history comes from the
    // database (snapshots and their grades under v2) for some snapshots and from the chunk for others.
    await t.services.scoring.scoreAll(admin, v2, { portfolio: DEMO_SME_PORTFOLIO }, 3);
    const smallChunks = await stored();
    expect(smallChunks).toHaveLength(160);
    expect(smallChunks).toEqual(oneChunk);
    // The demo raises warnings that only history can raise (revenue drop year on year, downgrade).
    const codes = new Set(oneChunk.flatMap((e) => e.early_warnings.signals.map((s: { code: string }) => s.code)));
    expect([...codes].some((c) => ['revenue-drop', 'downgrade', 'collateral-drop', 'credit-line-use', 'industry-index'].includes(c))).toBe(true);

    // A snapshot that cannot be scored now keeps its stored evaluation, and a later snapshot's warnings read that
    // stored grade, whether the two are in the same chunk or not. Broken here: snapshots whose stored grade alone
    // makes a later snapshot of the borrower a downgrade (the best grade of the year before it).
    const snapshots = await t.services.borrowers.listSnapshots({ portfolio: DEMO_SME_PORTFOLIO });
    const scale = (await t.services.models.getModelVersion(v2)).definition.gradeScale;
    const rank = (g: string) => [...scale.bands.map((b) => b.grade), scale.defaultGrade].indexOf(g);
    const gradeOf = new Map(oneChunk.map((e) => [e.snapshot_id as number, e.grade as string]));
    const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
    const broken: number[] = [];
    for (const later of snapshots) {
      const year = snapshots.filter((s) => s.borrowerId === later.borrowerId && s.asOf < later.asOf && day(later.asOf) - day(s.asOf) <= 365);
      const downgradedFrom = year.filter((s) => rank(gradeOf.get(later.id)!) - rank(gradeOf.get(s.id)!) >= 2);
      if (downgradedFrom.length === 1 && !broken.includes(downgradedFrom[0]!.id)) broken.push(downgradedFrom[0]!.id);
    }
    expect(broken.length).toBeGreaterThan(0);
    await t.db('borrower_snapshots').whereIn('id', broken).update({ indicators: '{}' });
    try {
      const whole = await t.services.scoring.scoreAll(admin, v2, { portfolio: DEMO_SME_PORTFOLIO }, 500);
      expect(whole).toMatchObject({ done: 160, failed: broken.length });
      const afterOneChunk = await stored();
      await t.services.scoring.scoreAll(admin, v2, { portfolio: DEMO_SME_PORTFOLIO }, 3);
      expect(await stored()).toEqual(afterOneChunk);
      expect(afterOneChunk.filter((e) => broken.includes(e.snapshot_id))).toEqual(oneChunk.filter((e) => broken.includes(e.snapshot_id)));
      expect(afterOneChunk.flatMap((e) => e.early_warnings.signals.map((s: { code: string }) => s.code))).toContain('downgrade');
    } finally {
      for (const s of snapshots.filter((x) => broken.includes(x.id))) await t.db('borrower_snapshots').where({ id: s.id }).update({ indicators: JSON.stringify(s.indicators) });
    }
  });

  it('the step route scores the next chunk and reports progress as JSON', async () => {
    const start = await researcher.agent.post('/borrowers/score-jobs').set('X-Requested-With', 'fetch').set('X-CSRF-Token', researcher.csrf)
      .send({ version: String(v2), portfolio: DEMO_SME_PORTFOLIO });
    const step = await researcher.agent.post(`/borrowers/score-jobs/${start.body.job.id}/step`).set('X-Requested-With', 'fetch').set('X-CSRF-Token', researcher.csrf).send({});
    expect(step.status).toBe(200);
    expect(step.body.job).toMatchObject({ status: 'done', done: 160, total: 160 });
  });

  it('without JavaScript the form runs the whole job and shows its result', async () => {
    const res = await researcher.agent.post('/borrowers/score-jobs').type('form').send({ _csrf: researcher.csrf, version: String(v2), portfolio: DEMO_SME_PORTFOLIO });
    expect(res.status).toBe(303);
    const page = await researcher.agent.get(res.headers.location as string);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Done: 160 snapshots scored, 0 could not be scored.');
    expect(page.text).toContain('id="score-progress"');
  });

  it('only approved versions store evaluations (a draft is 409), and read-only roles cannot score (403)', async () => {
    const draft = await t.services.models.createDraft({ id: 0, role: 'admin' }, { name: 'draft', rationale: 'x', source: { kind: 'copy', versionId: v2 } });
    const refused = await researcher.agent.post('/borrowers/score-jobs').set('X-Requested-With', 'fetch').set('X-CSRF-Token', researcher.csrf).send({ version: String(draft) });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/approved/);
    expect(await evaluationCount(draft)).toBe(0);
    for (const a of [manager, officer]) {
      expect((await a.agent.get('/borrowers/score')).status).toBe(403);
      expect((await a.agent.post('/borrowers/score-jobs').set('X-Requested-With', 'fetch').set('X-CSRF-Token', a.csrf).send({ version: String(v2) })).status).toBe(403);
    }
    expect(Number((await t.db('scoring_jobs').where({ model_id: draft }).count({ n: '*' }).first())?.n)).toBe(0);
  });
});

describe('the borrower page', () => {
  it('shows the waterfall: criterion contributions W_c × score_c add up to the score before the overlay, then the overlay, then the score', async () => {
    const [s] = await t.services.borrowers.listSnapshots({ portfolio: DEMO_SME_PORTFOLIO, asOfTo: '2026-09-30', latestPerBorrower: true });
    const stored = (await t.services.scoring.storedEvaluation(v2, s!.id))!;
    const page = await officer.agent.get(`/borrowers/${s!.borrowerId}?version=${v2}&snapshot=${s!.id}`);
    expect(page.status).toBe(200);
    const config = JSON.parse(/<script type="application\/json" id="wf-criteria">([\s\S]*?)<\/script>/.exec(page.text)![1] as string);
    const bars = config.data.datasets[0].data as [number, number][];
    const e = stored.evaluation;
    const overlay = e.adjustments.find((a) => a.kind === 'overlay');
    expect(config.data.labels.slice(0, 7).map((l: string) => l.slice(0, 2))).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7']);
    expect(config.data.labels).toHaveLength(overlay ? 9 : 8);
    let cum = 0;
    ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'].forEach((c, k) => {
      const add = e.criteria[c]!.weight * (e.criteria[c]!.score ?? 0);
      expect(bars[k]![0]).toBeCloseTo(Math.min(cum, cum + add), 2);
      expect(bars[k]![1]).toBeCloseTo(Math.max(cum, cum + add), 2);
      cum += add;
    });
    const total = bars[bars.length - 1]!;
    expect(total[0]).toBe(0);
    expect(total[1]).toBeCloseTo(stored.stored.score, 2);
    // Stored breakdowns keep weights and scores to 1e-9, so the sum agrees to about 1e-7.
    if (overlay && overlay.kind === 'overlay') expect(cum).toBeCloseTo(overlay.scoreBefore, 6);
    else expect(cum).toBeCloseTo(stored.stored.score, 6);
    expect(page.text).toContain('class="js-chart" id="waterfall-criteria"');
  });

  it('shows the grade history across versions and dates', async () => {
    const [s] = await t.services.borrowers.listSnapshots({ portfolio: DEMO_SME_PORTFOLIO, latestPerBorrower: true });
    const page = await manager.agent.get(`/borrowers/${s!.borrowerId}`);
    expect(page.status).toBe(200);
    const history = JSON.parse(/<script type="application\/json" id="grade-history">([\s\S]*?)<\/script>/.exec(page.text)![1] as string);
    expect(history.data.labels).toEqual(['2025-12-31', '2026-03-31', '2026-06-30', '2026-09-30']);
    expect(history.data.datasets.map((d: { label: string }) => d.label)).toEqual([`#${v1} ${DEMO_MODEL_V1}`, `#${v2} ${DEMO_MODEL_V2}`]);
    const stored = await t.services.scoring.gradeHistory(s!.borrowerId);
    expect(stored).toHaveLength(8);
    expect(history.data.datasets[1].data[3]).toBeCloseTo(stored.find((h) => h.modelId === v2 && h.asOf === '2026-09-30')!.score, 2);
  });
});

describe('the watch list', () => {
  it('lists borrowers whose latest snapshot raises signals, red before orange before yellow, with suggested actions', async () => {
    const latest = await t.services.scoring.evaluations(v2, { portfolio: DEMO_SME_PORTFOLIO, latestPerBorrower: true });
    const levels = latest.map((r) => (r.evaluation.earlyWarnings as { level: string }).level);
    const expected = { red: levels.filter((l) => l === 'red').length, orange: levels.filter((l) => l === 'orange').length, yellow: levels.filter((l) => l === 'yellow').length };
    expect(expected.red + expected.orange + expected.yellow).toBeGreaterThan(0);
    const page = await manager.agent.get(`/borrowers/watch-list?version=${v2}&portfolio=${encodeURIComponent(DEMO_SME_PORTFOLIO)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`${expected.red + expected.orange + expected.yellow} borrowers on the watch list.`);
    const body = page.text.slice(page.text.indexOf('<tbody>'), page.text.indexOf('</tbody>'));
    const shown = [...body.matchAll(/<tr>\s*<td><span class="badge[^"]*">(red|orange|yellow)</g)].map((m) => m[1]);
    expect(shown).toEqual([...Array(expected.red).fill('red'), ...Array(expected.orange).fill('orange'), ...Array(expected.yellow).fill('yellow')]);
    expect(body).not.toMatch(/>green</);
    // Every red row names at least one red signal and a suggested action.
    expect(body).toContain('Contact the borrower');
    const onlyRed = await officer.agent.get(`/borrowers/watch-list?version=${v2}&portfolio=${encodeURIComponent(DEMO_SME_PORTFOLIO)}&level=red`);
    expect(onlyRed.text).toContain(`${expected.red} borrowers on the watch list.`);
  });
});

describe('dynamic adjustments (item 3)', () => {
  it('a new round blended with the previous version: w = θ·new + (1 − θ)·old per block, recorded with its rationale', async () => {
    const weightSetId = await t.services.weightSets.latestDemoWeightSetId();
    const res = await researcher.agent.post('/models').type('form').send({
      _csrf: researcher.csrf, name: 'Blended', rationale: 'Half new round, half template.', source: 'weight-set',
      weightSetId: String(weightSetId), blend: 'on', baseVersionId: String(v1), theta: '0.5',
    });
    expect(res.status).toBe(303);
    const id = Number(/\/models\/(\d+)/.exec(res.headers.location as string)![1]);
    const [blended, old, round] = await Promise.all([id, v1, v2].map((x) => t.services.models.getModelVersion(x)));
    // v2's local weights are the round's weight set unchanged (it was built from it without blending).
    for (const c of blended!.definition.criteria) {
      const w = 0.5 * round!.definition.criteria.find((x) => x.id === c.id)!.weight + 0.5 * old!.definition.criteria.find((x) => x.id === c.id)!.weight;
      expect(c.weight, c.id).toBeCloseTo(w, 12);
    }
    for (const i of blended!.definition.indicators) {
      const w = 0.5 * round!.definition.indicators.find((x) => x.id === i.id)!.weight + 0.5 * old!.definition.indicators.find((x) => x.id === i.id)!.weight;
      expect(i.weight, i.id).toBeCloseTo(w, 12);
    }
    expect(blended!.definition.adjustments.at(-1)).toMatchObject({ kind: 'blend', rationale: 'Half new round, half template.', params: { theta: 0.5, weightSetId, baseVersionId: v1 } });
    expect(blended!.source).toMatchObject({ kind: 'blend', theta: 0.5 });
    expect(blended!.status).toBe('draft');
  });

  it('the adjustments page shows one borrower under the previous version, the new weights, + variant, + overlay', async () => {
    const [s] = (await t.services.borrowers.listSnapshots({ portfolio: DEMO_SME_PORTFOLIO, industry: 'F', asOfTo: '2026-09-30', latestPerBorrower: true }));
    const page = await manager.agent.get(`/models/${v2}/adjustments?snapshot=${s!.id}`);
    expect(page.status).toBe(200);
    const table = page.text.slice(page.text.indexOf('<th>Step</th>'), page.text.indexOf('</table>', page.text.indexOf('<th>Step</th>')));
    const steps = [...table.matchAll(/<tr><td>([^<]+)<[\s\S]*?<td class="num">([\d.]+)<\/td>/g)].map((m) => [m[1]!.replace(/&#39;|’/g, "'").trim(), Number(m[2])] as const);
    expect(steps.map((x) => x[0])).toEqual([`Previous version #${v1}`, "This version's weights, no variant, no overlay", '+ industry variant F', expect.stringMatching(/^\+ macro overlay \(index \d+(\.\d+)?\)$/)]);
    // The first step is the stored evaluation under v1, the last the stored one under v2.
    expect(steps[0]![1]).toBeCloseTo((await t.services.scoring.storedEvaluation(v1, s!.id))!.stored.score, 2);
    expect(steps[3]![1]).toBeCloseTo((await t.services.scoring.storedEvaluation(v2, s!.id))!.stored.score, 2);
    expect(page.text).toContain('data-config="impact-chart"');
  });

  it('the prosperity index table imports from a file: a file with a bad row changes nothing, a dry run changes nothing', async () => {
    const count = async () => Number((await t.db('prosperity_indices').count({ n: '*' }).first())?.n);
    const before = await count();
    const upload = (csv: string, dryRun = false) => {
      const r = researcher.agent.post('/models/prosperity').field('_csrf', researcher.csrf).field('source', 'Test bureau');
      if (dryRun) r.field('dryRun', 'on');
      return r.attach('file', Buffer.from(csv), { filename: 'index.csv' });
    };
    const bad = await upload('industry,period,index\nC,2027-Q1,104\nC,2027-Q5,99\nF,2027-Q1,0\n');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Period “2027-Q5” is not a quarter, month, year or date.');
    expect(bad.text).toContain('Index “0” must be a number above 0 and at most 1000.');
    expect(await count()).toBe(before);
    const dry = await upload('industry,period,index\nC,2027-Q1,104\nF,2027-Q1,97.5\n', true);
    expect(dry.status).toBe(200);
    expect(await count()).toBe(before);
    const ok = await upload('industry;period;index\nC;2027-Q1;104\nF;2027-Q1;97.5\n');
    expect(ok.status).toBe(303);
    expect(await count()).toBe(before + 2);
    expect((await t.services.models.prosperityTable()).valueAt('F', '2027-03-31')).toBe(97.5);
    expect((await manager.agent.post('/models/prosperity').field('_csrf', manager.csrf).attach('file', Buffer.from('industry,period,index\nC,2027-Q2,1\n'), { filename: 'x.csv' })).status).toBe(403);
  });
});
