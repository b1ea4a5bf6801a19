import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SME_PORTFOLIO } from '../../src/features/borrowers/demo-sme-portfolio.js';
import { DEMO_MODEL_V2, modelsDemoSeeder } from '../../src/features/models/models-demo.js';
import { roundsDemoSeeder } from '../../src/features/rounds/rounds-demo.js';
import { browserAvailable, launchBrowser, signInThroughForm, startTestServer, watchPageProblems, type TestServer } from '../helpers/browser.js';

/**
 * The credit-model pages in Chromium under the strict CSP: the rule editor redraws its curve and checks the rule
 * as anchors are typed; the borrower page draws the waterfall; batch scoring fills its progress bar; the portfolio
 * and watch list pages draw. No CSP violation or script error may happen on the way.
 */
describe.skipIf(!browserAvailable)('credit models in the browser', () => {
  let server: TestServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let researcher: { id: number; email: string };
  let draft = 0;
  let v2 = 0;

  /** Bars or points Chart.js drew on a canvas (null when no chart is attached). */
  const drawn = (page: Page, selector: string) => page.$eval(selector, (c) => {
    const chart = (window as unknown as { Chart?: { getChart(el: Element): { data: { datasets: { data: unknown[] }[] } } | undefined } }).Chart?.getChart(c);
    return chart ? chart.data.datasets[0]!.data.length : null;
  });

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const s = server.t.services;
    await roundsDemoSeeder.seed(s, () => undefined);
    await modelsDemoSeeder.seed(s, () => undefined);
    v2 = (await s.models.listModelVersions()).find((v) => v.name === DEMO_MODEL_V2)!.id;
    researcher = await server.t.createUser('researcher');
    draft = await s.models.createDraft({ id: researcher.id, role: 'researcher' }, { name: 'Browser draft', rationale: 'test', source: { kind: 'copy', versionId: v2 } });
  }, 120_000);
  afterAll(async () => {
    await browser?.cleanup();
    await server?.close();
  });

  it('the rule editor redraws the curve, checks the rule live and scores a test value', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    await signInThroughForm(page, server.url, researcher.email);
    await page.goto(`${server.url}/models/${draft}/rules/I21`);
    await expect.poll(() => drawn(page, '#rule-chart')).toBe(6); // 4 anchors + the flat ends
    expect(await page.getAttribute('#rule-chart', 'data-points')).toBe('[[40,100],[55,80],[70,50],[85,0]]');
    expect(await page.textContent('#rule-status')).toBe('The rule is valid.');
    // Test value between anchors: 62.5 % → 65 (linear between 55→80 and 70→50).
    await page.fill('#rule-test', '62.5');
    await expect.poll(() => page.textContent('#rule-test-out')).toBe('65');
    // Break monotonicity: the status says so and the curve follows the typed value.
    await page.fill('#score-2', '90');
    await expect.poll(() => page.textContent('#rule-status')).toContain('Scores must only rise or only fall along the anchors.');
    expect(await page.getAttribute('#rule-chart', 'data-points')).toBe('[[40,100],[55,80],[70,90],[85,0]]');
    // Fix it, use an empty anchor row (the form offers two, and adds more), save: the stored rule is what was typed.
    await page.fill('#score-2', '50');
    await page.fill('#score-1', '85');
    const rowCount = () => page.locator('[data-rule-rows="anchors"] tr').count();
    const before = await rowCount();
    await page.click('text=Add a row');
    expect(await rowCount()).toBe(before + 1);
    await page.fill('#raw-4', '100');
    await page.fill('#score-4', '0');
    await page.fill('#raw-3', '90');
    await expect.poll(() => page.textContent('#rule-status')).toBe('The rule is valid.');
    expect(await page.getAttribute('#rule-chart', 'data-points')).toBe('[[40,100],[55,85],[70,50],[90,0],[100,0]]');
    await page.fill('input[name=rationale]', 'Gentler leverage curve.');
    await Promise.all([page.waitForURL(`${server.url}/models/${draft}#indicators`), page.click('#rule-form button[type=submit]')]);
    const stored = (await server.t.services.models.getModelVersion(draft)).definition.indicators.find((i) => i.id === 'I21')!.rule;
    expect(stored).toEqual({ kind: 'anchors', anchors: [{ raw: 40, score: 100 }, { raw: 55, score: 85 }, { raw: 70, score: 50 }, { raw: 90, score: 0 }, { raw: 100, score: 0 }] });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the borrower page draws the waterfall and the grade history; portfolio and watch list draw too', async () => {
    const manager = await server.t.createUser('manager');
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    await signInThroughForm(page, server.url, manager.email);
    const [s] = await server.t.services.borrowers.listSnapshots({ portfolio: DEMO_SME_PORTFOLIO, latestPerBorrower: true });
    await page.goto(`${server.url}/borrowers/${s!.borrowerId}?version=${v2}`);
    // C1…C7, the overlay (when an index applies) and the total.
    await expect.poll(() => drawn(page, '#waterfall-criteria')).toBeGreaterThanOrEqual(8);
    expect(await page.isVisible('#waterfall-criteria')).toBe(true);
    await expect.poll(() => drawn(page, 'canvas[data-config="grade-history"]')).toBe(4);
    await page.goto(`${server.url}/portfolio?version=${v2}&portfolio=${encodeURIComponent(DEMO_SME_PORTFOLIO)}`);
    await expect.poll(() => drawn(page, 'canvas[data-config="pf-grade"]')).toBeGreaterThan(0);
    await expect.poll(() => drawn(page, 'canvas[data-config="pf-trend"]')).toBe(4);
    await page.goto(`${server.url}/borrowers/watch-list?version=${v2}`);
    expect(await page.locator('table.borrowers-watch tbody tr').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('batch scoring fills the progress bar to 100 % and reports the result', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    await signInThroughForm(page, server.url, researcher.email);
    await page.goto(`${server.url}/borrowers/score?version=${v2}`);
    await page.selectOption('#s-portfolio', DEMO_SME_PORTFOLIO);
    await page.click('#score-form button[type=submit]');
    await expect.poll(() => page.textContent('#score-status'), { timeout: 20_000 }).toContain('Done: 160 snapshots scored, 0 could not be scored.');
    expect(await page.$eval('#score-bar', (el) => (el as HTMLElement).style.width)).toBe('100%');
    expect(await page.$eval('#score-progress-el', (el) => (el as HTMLProgressElement).value)).toBe(100);
    expect(problems).toEqual([]);
    await page.close();
  });
});
