import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INDEX_SYSTEM } from '../../src/domain/credit/default-index-system.js';
import { parentNodes, type TreeNode } from '../../src/features/studies/hierarchy-tree.js';
import { browserAvailable, launchBrowser, signInThroughForm, startTestServer, watchPageProblems, type TestServer } from '../helpers/browser.js';

/**
 * An expert answers through the real questionnaire in Chromium on a phone-sized screen (390 × 844): answers a block,
 * sees the server's CR and a hint, applies it, reloads and resumes on the same page, submits; then the researcher
 * creates a weight set and sees the weights. No CSP violation or script error may happen on the way.
 */
describe.skipIf(!browserAvailable)('expert round in the browser', () => {
  let server: TestServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let researcher: { id: number; email: string };
  let roundId = 0;
  let token = '';
  let blocks: TreeNode[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const s = server.t.services;
    researcher = await server.t.createUser('researcher');
    const owner = { id: researcher.id, role: 'researcher' as const };
    const study = await s.studies.create(owner, { title: 'Browser study', description: '', locale: 'en', template: 'default' });
    roundId = await s.rounds.create(owner, study.id, {
      label: 'Browser round', priorityMethod: 'eigenvector', riTable: 'saaty', crThreshold: 0.1, allowNoOpinion: true, crPolicy: 'warn', deadline: null,
      intro: { en: 'Thank you for taking part.', zh: '' },
    });
    await s.rounds.open(owner, roundId);
    token = (await s.rounds.invite(owner, roundId, { name: 'Phone expert', weight: 1 })).token;
    const { root } = await s.rounds.hierarchyOf((await s.rounds.context(owner, roundId)).round);
    blocks = parentNodes(root).filter((b) => b.children.length >= 2);
  });
  afterAll(async () => {
    await browser?.cleanup();
    await server?.close();
  });

  /** The choice value of a judgment: 3 → "L3", 1/3 → "R3", 1 → "EQ". */
  const code = (v: number) => (Math.abs(v - 1) < 1e-9 ? 'EQ' : v > 1 ? `L${Math.round(v)}` : `R${Math.round(1 / v)}`);
  const pair = (page: Page, block: TreeNode, i: number, j: number) => page.locator(`[data-name="q_${block.id}_${block.children[i]!.id}_${block.children[j]!.id}"]`);
  const choose = (page: Page, block: TreeNode, i: number, j: number, value: number) => pair(page, block, i, j).locator(`label:has(input[value="${code(value)}"])`).click();

  it('answers a block on a phone, shows the server’s CR and hints, resumes after a reload, and submits', { timeout: 90_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const problems = watchPageProblems(page);
    await page.goto(`${server.url}/e/${token}`);
    const goal = blocks[0]!;
    await expect.poll(() => pair(page, goal, 0, 1).isVisible()).toBe(true);

    // The 17-point scale on a phone: 8 buttons per row that fit the screen and are large enough to tap.
    const firstPair = pair(page, goal, 0, 1);
    const boxes = await firstPair.locator('.expert-choice label').evaluateAll((labels) => labels.map((l) => l.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height, right: r.right })));
    expect(boxes).toHaveLength(18); // 17 points + "no opinion"
    for (const b of boxes) {
      expect(b.right).toBeLessThanOrEqual(390);
      expect(b.w).toBeGreaterThanOrEqual(32);
      expect(b.h).toBeGreaterThanOrEqual(40);
    }
    const rows = new Set(boxes.slice(0, 17).map((b) => Math.round(b.y)));
    expect(rows.size).toBe(3); // A's eight, "equal", B's eight
    expect(await firstPair.locator('.expert-pair').getAttribute('data-left')).toContain('owner & management');

    // Answer the criteria block with the published demo matrix (credit-default-model.md: CR .0076).
    const m = DEFAULT_INDEX_SYSTEM.criteriaMatrix;
    for (let i = 0; i < 7; i++) for (let j = i + 1; j < 7; j++) await choose(page, goal, i, j, (m[i] as number[])[j] as number);
    await expect.poll(() => page.locator('#expert-cr').textContent(), { timeout: 10_000 }).toBe('CR 0.008 · consistent enough');
    await expect.poll(() => page.locator('#expert-save').textContent()).toBe('Saved');

    // Make it inconsistent: the server flags the block, highlights the judgment and suggests a value.
    await choose(page, goal, 1, 2, 1 / 9);
    await choose(page, goal, 0, 1, 9);
    await expect.poll(() => page.locator('#expert-cr').textContent(), { timeout: 10_000 }).toMatch(/^CR 0\.\d{3} · above 0\.1/);
    // On a phone the hints are folded under their summary so that the panel does not cover the questions.
    await expect.poll(() => page.locator('.expert-hints-title').count()).toBe(1);
    await page.locator('.expert-hints-title').click();
    await expect.poll(() => page.locator('.expert-hint').count()).toBeGreaterThan(0);
    expect(await page.locator('.sd-question.expert-flagged').count()).toBeGreaterThan(0);
    const highCr = Number(/CR (\d\.\d{3})/.exec((await page.locator('#expert-cr').textContent()) ?? '')![1]);
    await page.locator('.expert-apply').first().click();
    await expect.poll(async () => Number(/CR (\d\.\d{3})/.exec((await page.locator('#expert-cr').textContent()) ?? '')?.[1] ?? 99), { timeout: 10_000 }).toBeLessThan(highCr);

    // Next page (C1), answer two pairs, then reload: the questionnaire resumes on C1 with the answers.
    await page.locator('.sd-navigation__next-btn').click();
    const c1 = blocks[1]!;
    await expect.poll(() => pair(page, c1, 0, 1).isVisible()).toBe(true);
    await choose(page, c1, 0, 1, 3);
    await choose(page, c1, 0, 2, 2);
    await expect.poll(() => page.locator('#expert-save').textContent()).toBe('Saved');
    await page.reload();
    await expect.poll(() => pair(page, c1, 0, 1).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await pair(page, c1, 0, 1).locator('input[value="L3"]').isChecked()).toBe(true);
    expect(await pair(page, c1, 0, 2).locator('input[value="L2"]').isChecked()).toBe(true);

    // The other blocks are answered through the same endpoint the page uses (on another device, say).
    for (const block of blocks.slice(1)) {
      const bm = block.code === 'GOAL' ? m : (DEFAULT_INDEX_SYSTEM.localMatrices[block.code] as number[][]);
      const judgments = block.children.flatMap((a, i) => block.children.slice(i + 1).map((b, k) => ({ parent: block.id, left: a.id, right: b.id, value: (bm[i] as number[])[i + 1 + k] })));
      const status = await page.evaluate(async ({ url, body }) => (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).status, { url: `/e/${token}/autosave`, body: { judgments, page: block.id } });
      expect(status).toBe(200);
    }
    await page.reload();
    const last = blocks[blocks.length - 1]!;
    await expect.poll(() => pair(page, last, 0, 1).isVisible(), { timeout: 10_000 }).toBe(true);
    await page.locator('.sd-navigation__next-btn').click();
    // Review page: the expert's own weights, then submit.
    await expect.poll(() => page.locator('.expert-review-grid > .expert-review-block').count(), { timeout: 10_000 }).toBe(8);
    expect(await page.locator('.expert-review-overall tbody tr').count()).toBe(26);
    await page.locator('.expert-submit').click();
    await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 10_000 }).toBe('Thank you!');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps the 17 points in one row on a desktop screen', async () => {
    const s = server.t.services;
    const other = (await s.rounds.invite({ id: researcher.id, role: 'researcher' }, roundId, { name: 'Desktop expert', weight: 1 })).token;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchPageProblems(page);
    await page.goto(`${server.url}/e/${other}`);
    const goal = blocks[0]!;
    await expect.poll(() => pair(page, goal, 0, 1).isVisible()).toBe(true);
    const ys = await pair(page, goal, 0, 1).locator('.expert-choice label').evaluateAll((labels) => labels.slice(0, 17).map((l) => Math.round(l.getBoundingClientRect().y)));
    expect(new Set(ys).size).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lets the researcher create a weight set and see the weights', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchPageProblems(page);
    await signInThroughForm(page, server.url, researcher.email);
    await page.goto(`${server.url}/rounds/${roundId}`);
    expect(await page.locator('.rounds-experts').textContent()).toContain('Phone expert');
    await page.goto(`${server.url}/rounds/${roundId}/weight-sets/new`);
    await Promise.all([page.waitForURL(/\/weight-sets\/\d+$/), page.locator('button[type=submit]', { hasText: 'Create the weight set' }).click()]);
    expect(await page.locator('h2', { hasText: 'Global weights' }).count()).toBe(1);
    await expect.poll(() => page.locator('canvas[data-config="ws-global"]').getAttribute('data-drawn')).toBe('1');
    expect(await page.locator('#global tbody tr').count()).toBe(26);
    expect(await page.locator('.rounds-heat-cell').count()).toBeGreaterThan(49);
    expect(problems).toEqual([]);
    await page.close();
  });
});
