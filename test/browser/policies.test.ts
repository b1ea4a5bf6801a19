import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSmePortfolio } from '../../src/features/borrowers/demo-sme-portfolio.js';
import { browserAvailable, launchBrowser, signInThroughForm, startTestServer, watchPageProblems, type TestServer } from '../helpers/browser.js';

const system = { id: 0, role: 'admin' as const };

describe.skipIf(!browserAvailable)('approval policies in a real browser', () => {
  let server: TestServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let modelId: number;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const { models, policies, borrowers, scoring } = server.t.services;
    modelId = await models.createDraft(system, { name: 'Browser model', rationale: 'test', source: { kind: 'template' } });
    await models.approve(system, modelId, { effectiveFrom: '2026-01-01', rationale: 'test' });
    await borrowers.insertSnapshots(system, demoSmePortfolio(20), { portfolio: 'Browser portfolio', isDemo: true, isSynthetic: true });
    await scoring.scoreAll(system, modelId, { portfolio: 'Browser portfolio' }, 2000);
    const current = await policies.createDraft(system, { name: 'Current policy', modelVersionId: modelId, source: { kind: 'default' } });
    await policies.approve(system, current, { effectiveFrom: '2026-01-01', rationale: 'test', dryRun: null });
  }, 120_000);
  afterAll(async () => {
    await browser?.cleanup();
    await server?.close();
  });

  it('a researcher drafts a policy, sees a field error, saves; a second researcher dry-runs it (charts drawn) and approves it', async () => {
    const author = await server.t.createUser('researcher');
    const approver = await server.t.createUser('researcher');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchPageProblems(page);
    await signInThroughForm(page, server.url, author.email);
    await page.goto(`${server.url}/policies/new`);
    await page.fill('input[name=name]', 'Browser draft');
    await Promise.all([page.waitForURL(/\/policies\/\d+\/edit$/), page.click('form[action="/policies"] button[type=submit]')]);
    const id = Number(/\/policies\/(\d+)\/edit$/.exec(page.url())![1]);

    await page.fill('input[name="minCompleteness"]', '3');
    await Promise.all([page.waitForLoadState('load'), page.click('form.policy-form button[type=submit]')]);
    await expect(page.locator('#f-minCompleteness-error').textContent()).resolves.toBe('minCompleteness must be in [0, 1], got 3.');
    expect(await page.inputValue('input[name="minCompleteness"]')).toBe('3');
    // The refused form answers 400, which the browser logs as a failed resource; nothing else may be logged.
    expect(problems.splice(0)).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    await page.fill('input[name="minCompleteness"]', '0.9');
    await page.selectOption('select[name="gradeThresholds.approveFrom"]', 'A');
    await Promise.all([page.waitForURL(new RegExp(`/policies/${id}$`)), page.click('form.policy-form button[type=submit]')]);
    await expect(page.locator('#grades').textContent()).resolves.toContain('Grades at or better than A approve');
    await page.close();

    const second = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems2 = watchPageProblems(second);
    await signInThroughForm(second, server.url, approver.email);
    await second.goto(`${server.url}/policies/${id}/dry-run?portfolio=${encodeURIComponent('Browser portfolio')}`);
    await second.waitForFunction(() => Array.from(document.querySelectorAll<HTMLCanvasElement>('canvas.js-chart')).every((c) => c.dataset.drawn === '1'));
    expect(await second.locator('canvas.js-chart').count()).toBe(2);
    const run = await server.t.services.policies.dryRun(id, { portfolio: 'Browser portfolio' });
    await expect(second.locator('#dry-run-cases').textContent()).resolves.toBe(String(run.report.result.mix.total));
    await second.fill('textarea[name=rationale]', 'Reviewed the dry run');
    await Promise.all([second.waitForURL(new RegExp(`/policies/${id}$`)), second.click('#approve button[type=submit]')]);
    const v = await server.t.services.policies.getPolicyVersion(id);
    expect(v.status).toBe('approved');
    expect(v.approvedBy).toBe(approver.id);
    expect(v.approvalDryRun?.portfolio).toBe('Browser portfolio');
    expect([...problems, ...problems2]).toEqual([]);
    await second.close();
  });
});
