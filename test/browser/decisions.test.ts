import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, signInThroughForm, startTestServer, watchPageProblems, type TestServer } from '../helpers/browser.js';
import { daysAgo, GOOD_INDICATORS, setUpPolicy } from '../http/decisions-fixtures.js';

describe.skipIf(!browserAvailable)('referral decided by a second user in a real browser', () => {
  let server: TestServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    server = await startTestServer();
    await setUpPolicy(server.t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.cleanup();
    await server?.close();
  });

  it('officer A submits an application that is referred; officer B decides it through the queue; monitoring draws its charts', async () => {
    const a = await server.t.createUser('credit-officer');
    const b = await server.t.createUser('credit-officer');

    // Officer A enters the application by hand.
    const ctxA = await browser.newContext();
    const pageA = await ctxA.newPage();
    const problemsA = watchPageProblems(pageA);
    await signInThroughForm(pageA, server.url, a.email);
    await pageA.goto(`${server.url}/decisions/new`);
    await pageA.fill('#f-amount', '3,400,000');
    await pageA.fill('#f-termMonths', '24');
    await pageA.fill('#f-ref', 'BROWSER-1');
    await pageA.fill('#f-name', 'Browser Test Valves Ltd');
    await pageA.selectOption('#f-sizeBand', 'small');
    await pageA.fill('#f-industry', 'C');
    await pageA.fill('#f-branch', 'Hangzhou branch');
    await pageA.fill('#f-asOf', daysAgo(20));
    for (const [id, value] of Object.entries(GOOD_INDICATORS)) {
      const field = pageA.locator(`#f-${id}`);
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(String(value));
      else await field.fill(String(value));
    }
    await Promise.all([pageA.waitForURL(/\/decisions\/\d+$/), pageA.click('button[type=submit]:has-text("Submit for decision")')]);
    const caseUrl = pageA.url();
    const id = caseUrl.split('/').pop();
    expect(await pageA.locator('#policy-decision').textContent()).toContain('Refer');
    expect(await pageA.textContent('body')).toContain('Amount above the automatic approval ceiling');
    expect(await pageA.textContent('body')).toContain('another officer must decide it');
    expect(await pageA.locator('#officer-decision').count()).toBe(0);
    await pageA.goto(`${server.url}/decisions/queue`);
    expect(await pageA.locator(`tr[data-case="${id}"]`).textContent()).toContain('yours');
    expect(problemsA).toEqual([]);

    // Officer B, in another browser context, decides it from the queue.
    const ctxB = await browser.newContext();
    const pageB = await ctxB.newPage();
    const problemsB = watchPageProblems(pageB);
    await signInThroughForm(pageB, server.url, b.email);
    await pageB.goto(`${server.url}/decisions/queue`);
    await Promise.all([pageB.waitForURL(new RegExp(`/decisions/${id}`)), pageB.click(`tr[data-case="${id}"] a:has-text("Review")`)]);
    await pageB.check('input[name=decision][value=approve]');
    await pageB.fill('#f-limit', '3,000,000');
    await pageB.fill('#f-reason', 'Order book and bank statements support the amount; limit kept at the automatic ceiling.');
    await Promise.all([pageB.waitForURL(new RegExp(`/decisions/${id}$`)), pageB.click('#decide-submit')]);
    expect(await pageB.textContent('body')).toContain('Your decision was saved.');
    expect(await pageB.locator('#case-status').textContent()).toContain('Decided by an officer');
    expect(await pageB.locator('#final-decision').textContent()).toContain('Approve');
    const trail = await pageB.locator('#trail').textContent();
    expect(trail).toContain('Officer decided');
    expect(trail).toContain('Order book and bank statements');

    // The queue is empty again; monitoring draws its charts under the CSP.
    await pageB.goto(`${server.url}/decisions/queue`);
    expect(await pageB.locator(`tr[data-case="${id}"]`).count()).toBe(0);
    await pageB.goto(`${server.url}/decisions/monitoring`);
    await pageB.waitForSelector('canvas.js-chart[data-drawn="1"]');
    expect(await pageB.locator('canvas.js-chart[data-drawn="1"]').count()).toBe(4);
    expect(problemsB).toEqual([]);
    await ctxA.close();
    await ctxB.close();
  });
});
