import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, signInThroughForm, startTestServer, watchPageProblems, type TestServer } from '../helpers/browser.js';

describe.skipIf(!browserAvailable)('layout in a real browser', () => {
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

  it('signs in, switches to Chinese and back, and shows no script errors', async () => {
    const admin = await server.t.createUser('admin');
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    await signInThroughForm(page, server.url, admin.email);
    await expect(page.locator('h1').textContent()).resolves.toContain('Welcome');
    await Promise.all([page.waitForLoadState('load'), page.waitForURL(/\//), page.selectOption('#lang-select', 'zh-CN')]);
    await page.waitForSelector('html[lang="zh-CN"]');
    expect(await page.locator('h1').textContent()).toContain('欢迎');
    await page.selectOption('#lang-select', 'en');
    await page.waitForSelector('html[lang="en"]');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('blocks an inline script by the Content-Security-Policy', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
    });
    await page.goto(`${server.url}/login`);
    // Inject an inline script the way a stored-XSS payload would arrive, then check it did not run.
    const ran = await page.evaluate(() => {
      (window as unknown as { __xss?: boolean }).__xss = false;
      const s = document.createElement('script');
      s.textContent = 'window.__xss = true';
      document.body.appendChild(s);
      return (window as unknown as { __xss?: boolean }).__xss;
    });
    expect(ran).toBe(false);
    expect(violations.length).toBeGreaterThan(0);
    await page.close();
  });
});
