import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, signInThroughForm, startTestServer, watchPageProblems, type TestServer } from '../helpers/browser.js';
import { FIXTURE_PORTFOLIO, seedValidationFixture } from '../http/validation-fixtures.js';

describe.skipIf(!browserAvailable)('validation pages in a real browser', () => {
  let server: TestServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let runId: number;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const fixture = await seedValidationFixture(server.t);
    const system = { id: 0, role: 'admin' as const };
    const sampleId = await server.t.services.validation.drawSample(system, {
      name: 'Browser sample', description: '', populationFilter: { portfolio: FIXTURE_PORTFOLIO, asOfFrom: null, asOfTo: null, industry: null, latestPerBorrower: false },
      outcomeDefinition: { kind: 'stored' },
      design: { method: 'stratified', sampleSize: 150, stratifyBy: ['industry'], allocation: 'proportional', minPerStratum: 2, smallStrata: 'collapse', oversampleFactor: null, gradeVersionId: null },
      seed: 3, calculator: null,
    });
    runId = await server.t.services.validation.createRun(system, {
      sampleId, name: 'Browser run', versionIds: [fixture.v1, fixture.v2], outcomeDefinition: null, cutoffGrade: 'CCC', costRatio: 5, pdScale: {}, referencePeriod: null,
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.cleanup();
    await server?.close();
  });

  it('draws the ROC, CAP and calibration charts under the CSP without script errors, and prints without navigation or buttons', async () => {
    const manager = await server.t.createUser('manager');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchPageProblems(page);
    await signInThroughForm(page, server.url, manager.email);
    await page.goto(`${server.url}/validation/runs/${runId}`);
    await page.waitForFunction(() => document.querySelectorAll('canvas.js-chart[data-drawn="1"]').length === 3);
    const charts = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLCanvasElement & { chart?: { data: { datasets: { data: unknown[] }[] } } }>('canvas.js-chart')).map((c) => {
      const ctx = c.getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
      return { id: c.id, datasets: c.chart!.data.datasets.length, points: c.chart!.data.datasets[0]!.data.length, painted };
    }));
    expect(charts.map((c) => c.id)).toEqual(['chart-roc', 'chart-cap', 'chart-calibration']);
    expect(charts[0]).toMatchObject({ datasets: 3 }); // two versions + the chance diagonal
    expect(charts[1]).toMatchObject({ datasets: 4 }); // two versions + random + perfect model
    for (const c of charts) {
      expect(c.points, c.id).toBeGreaterThan(2);
      expect(c.painted, c.id).toBeGreaterThan(2000);
    }
    // The print button is shown by the script; print media hides navigation, buttons and links to exports.
    expect(await page.locator('.js-print').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.locator('.js-print').isVisible()).toBe(false);
    expect(await page.locator('#verdict h2').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the sample-size calculator answers while typing (95 %, ± 5, 50 %, N = 1,000 → 278) and fills the size', async () => {
    const researcher = await server.t.createUser('researcher');
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    await signInThroughForm(page, server.url, researcher.email);
    await page.goto(`${server.url}/validation/samples/new`);
    await page.fill('#f-confidence', '95');
    await page.fill('#f-margin', '5');
    await page.fill('#f-expectedRate', '50');
    await page.fill('#f-populationSize', '1000');
    await expect(page.locator('#calc-result').textContent()).resolves.toContain('n = 278');
    await page.fill('#f-populationSize', '');
    await expect(page.locator('#calc-result').textContent()).resolves.toContain('n = 385');
    await page.fill('#f-populationSize', '1000');
    await page.click('#calc-use');
    expect(await page.inputValue('#f-sampleSize')).toBe('278');
    // Choosing the simple random design hides the stratification options.
    await page.check('input[name="method"][value="simple-random"]');
    expect(await page.locator('[data-show-when="method=stratified"]').isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });
});
