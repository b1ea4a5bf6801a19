import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SME_PORTFOLIO } from '../../src/features/borrowers/demo-sme-portfolio.js';
import { DEMO_MODEL_V2, modelsDemoSeeder } from '../../src/features/models/models-demo.js';
import { roundsDemoSeeder } from '../../src/features/rounds/rounds-demo.js';
import { createTestApp, type SignedInAgent, type TestApp } from '../helpers/test-app.js';

/*
 * The manager's portfolio view (issue 6 item 7) on the synthetic demo portfolio: distributions, NPL ratio by count
 * and by balance from the five-category classification (raised to the days-past-due minimum), grade ×
 * classification, concentration and the trend across dates — checked against figures computed here from the
 * stored rows with the rules of credit-default-model.md.
 */

let t: TestApp;
let manager: SignedInAgent;
let v2: number;

beforeAll(async () => {
  t = await createTestApp({ DEMO_DATA_DIR: '/nonexistent-demo-data' });
  await roundsDemoSeeder.seed(t.services, () => undefined);
  await modelsDemoSeeder.seed(t.services, () => undefined);
  v2 = (await t.services.models.listModelVersions()).find((v) => v.name === DEMO_MODEL_V2)!.id;
  manager = await t.signedIn('manager');
}, 120_000);
afterAll(async () => t.close());

const RANK = ['normal', 'special-mention', 'substandard', 'doubtful', 'loss'];
/** credit-default-model.md: any overdue → at least special mention; > 90 d substandard; > 270 doubtful; > 360 loss. */
function effective(classification: string, dpd: number): string {
  const floor = dpd > 360 ? 4 : dpd > 270 ? 3 : dpd > 90 ? 2 : dpd > 0 ? 1 : 0;
  return RANK[Math.max(RANK.indexOf(classification), floor)] as string;
}
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

async function figuresAt(asOf: string) {
  const rows = await t.db('borrower_snapshots as s').join('borrowers as b', 'b.id', 's.borrower_id')
    .where({ 'b.portfolio': DEMO_SME_PORTFOLIO, 's.as_of': asOf }).select('s.id', 's.borrower_id', 's.industry', 's.loan_balance', 's.classification', 's.days_past_due');
  let npl = 0, nplBalance = 0, total = 0;
  const byIndustry = new Map<string, number>();
  for (const r of rows) {
    const c = effective(String(r.classification), Number(r.days_past_due ?? 0));
    const b = Number(r.loan_balance);
    total += b;
    if (RANK.indexOf(c) >= 2) { npl++; nplBalance += b; }
    byIndustry.set(String(r.industry), (byIndustry.get(String(r.industry)) ?? 0) + b);
  }
  const hhi = [...byIndustry.values()].reduce((a, x) => a + (x / total) ** 2, 0) * 10_000;
  const top10 = rows.map((r) => Number(r.loan_balance)).sort((a, b) => b - a).slice(0, 10).reduce((a, x) => a + x, 0) / total;
  return { count: rows.length, npl, nplBalance, total, hhi, top10, rows };
}

describe('portfolio view', () => {
  it('shows NPL by count and by balance, concentration and the borrower count at the newest date', async () => {
    const page = await manager.agent.get(`/portfolio?version=${v2}&portfolio=${encodeURIComponent(DEMO_SME_PORTFOLIO)}`);
    expect(page.status).toBe(200);
    const f = await figuresAt('2026-09-30');
    expect(f.count).toBe(40);
    const text = page.text.replace(/\s+/g, ' ');
    expect(text).toContain(`NPL ratio (count)</div><div class="stat-value">${pct(f.npl / f.count)}</div>`);
    expect(text).toContain(`${f.npl} of 40 loans are substandard, doubtful or loss`);
    expect(text).toContain(`NPL ratio (balance)</div><div class="stat-value">${pct(f.nplBalance / f.total)}</div>`);
    expect(text).toMatch(new RegExp(`HHI by industry \\(points\\)</[a-z]+> ?<[a-z]+[^>]*>${Math.round(f.hhi)}<`));
    expect(text).toMatch(new RegExp(`Top 10 borrowers’ share of balance</[a-z]+> ?<[a-z]+[^>]*>${(f.top10 * 100).toFixed(1)}%<`));
  });

  it('the grade × classification table and the grade distribution agree with the stored evaluations', async () => {
    const f = await figuresAt('2026-09-30');
    const grades = await t.db('evaluations').whereIn('snapshot_id', f.rows.map((r) => r.id)).where({ model_id: v2 }).select('grade', 'snapshot_id');
    const counts = new Map<string, number>();
    for (const g of grades) counts.set(String(g.grade), (counts.get(String(g.grade)) ?? 0) + 1);
    // Expected grade × (effective) classification cells.
    const gradeOf = new Map(grades.map((g) => [Number(g.snapshot_id), String(g.grade)]));
    const cells = new Map<string, number>();
    for (const r of f.rows) {
      const key = `${gradeOf.get(Number(r.id))}|${effective(String(r.classification), Number(r.days_past_due ?? 0))}`;
      cells.set(key, (cells.get(key) ?? 0) + 1);
    }
    const page = await manager.agent.get(`/portfolio?version=${v2}&portfolio=${encodeURIComponent(DEMO_SME_PORTFOLIO)}&asOf=2026-09-30`);
    const chart = JSON.parse(/<script type="application\/json" id="pf-grade">([\s\S]*?)<\/script>/.exec(page.text)![1] as string);
    const shown = new Map<string, number>(chart.data.labels.map((l: string, k: number) => [l, chart.data.datasets[0].data[k]]));
    for (const [g, n] of counts) expect(shown.get(g), g).toBe(n);
    expect([...shown.values()].reduce((a, b) => a + b, 0)).toBe(40);
    const matrix = page.text.slice(page.text.indexOf('<table class="compact matrix">'));
    const body = matrix.slice(matrix.indexOf('<tbody>'), matrix.indexOf('</tbody>'));
    const shownCells = new Map<string, number>();
    for (const row of body.split('<tr>').slice(1)) {
      const grade = /<th>([^<]+)<\/th>/.exec(row)![1] as string;
      const tds = [...row.matchAll(/<td[^>]*>(\d*)/g)].map((m) => m[1]);
      tds.forEach((n, j) => { if (n) shownCells.set(`${grade}|${RANK[j]}`, Number(n)); });
    }
    expect(shownCells).toEqual(cells);
  });

  it('shows the trend across the four as-of dates, and an earlier date on request', async () => {
    const page = await manager.agent.get(`/portfolio?version=${v2}&portfolio=${encodeURIComponent(DEMO_SME_PORTFOLIO)}`);
    const trend = JSON.parse(/<script type="application\/json" id="pf-trend">([\s\S]*?)<\/script>/.exec(page.text)![1] as string);
    expect(trend.data.labels).toEqual(['2025-12-31', '2026-03-31', '2026-06-30', '2026-09-30']);
    for (const [k, date] of trend.data.labels.entries()) {
      const f = await figuresAt(date as string);
      expect(trend.data.datasets[0].data[k]).toBeCloseTo(f.npl / f.count, 12);
      expect(trend.data.datasets[1].data[k]).toBeCloseTo(f.nplBalance / f.total, 12);
    }
    const earlier = await manager.agent.get(`/portfolio?version=${v2}&portfolio=${encodeURIComponent(DEMO_SME_PORTFOLIO)}&asOf=2025-12-31`);
    const f0 = await figuresAt('2025-12-31');
    expect(earlier.text.replace(/\s+/g, ' ')).toContain(`NPL ratio (count)</div><div class="stat-value">${pct(f0.npl / f0.count)}</div>`);
  });

  it('is open to managers, researchers and administrators; not to credit officers', async () => {
    for (const role of ['researcher', 'admin'] as const) {
      const a = await t.signedIn(role);
      expect((await a.agent.get('/portfolio')).status, role).toBe(200);
    }
    expect((await (await t.signedIn('credit-officer')).agent.get('/portfolio')).status).toBe(403);
  });
});
