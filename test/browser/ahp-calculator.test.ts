import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, signInThroughForm, startTestServer, watchPageProblems, type TestServer } from '../helpers/browser.js';

describe.skipIf(!browserAvailable)('AHP calculator page', () => {
  let server: TestServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.cleanup();
    await server?.close();
  });

  it('computes the example matrix, flags an inconsistent judgment and applies the suggestion', async () => {
    const user = await server.t.createUser('researcher');
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    await signInThroughForm(page, server.url, user.email);
    await page.goto(`${server.url}/ahp/calculator`);
    await page.click('#ahp-example');
    // credit-default-model.md: CR .0076 for the demo criteria matrix.
    await expect.poll(() => page.locator('#ahp-cr').textContent()).toBe('0.0076');
    expect(await page.locator('#ahp-weights tbody tr').count()).toBe(7);
    // Make one judgment strongly inconsistent: C2 vs C3 from 1 to 1/9.
    await page.selectOption('select[data-i="1"][data-j="2"]', String(1 / 9));
    await expect.poll(async () => Number(await page.locator('#ahp-cr').textContent())).toBeGreaterThan(0.05);
    const before = Number(await page.locator('#ahp-cr').textContent());
    await page.locator('#ahp-hints button').first().click();
    await expect.poll(async () => Number(await page.locator('#ahp-cr').textContent())).toBeLessThan(before);
    expect(await page.locator('#ahp-chart').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});
