import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_DIMENSIONS } from '../../src/features/questionnaires/questionnaire-template.js';
import { browserAvailable, launchBrowser, signInThroughForm, startTestServer, watchPageProblems, type TestServer } from '../helpers/browser.js';
import { questionnairesDemoSeeder } from '../../src/features/questionnaires/questionnaires-demo.js';
import { authUser } from '../http/questionnaires-fixtures.js';

/**
 * A staff member answers the shipped template on a phone (390 × 844, Chinese): SurveyJS renders it with the
 * progress bar, the Likert items as five buttons, the profile dropdown as a popup list; the server validates and
 * stores the answers; the page shows the Chinese completion text. No CSP violation or script error may occur.
 */
describe.skipIf(!browserAvailable)('answering the template on a phone, in Chinese', () => {
  let server: TestServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let questionnaireId: number;
  let sharedToken: string;
  let personalToken: string;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const researcher = authUser(await server.t.createUser('researcher'), 'researcher');
    const service = server.t.services.questionnaires;
    questionnaireId = await service.create(researcher, { title: 'Branch survey', description: '', schema: service.template() }, (key) => key);
    await service.updateSettings(researcher, questionnaireId, { status: 'open', deadline: null, responseLimit: null, anonymous: true });
    sharedToken = await service.createSharedLink(researcher, questionnaireId, { limit: null, expiresOn: null });
    personalToken = (await service.createLinks(researcher, questionnaireId, ['王芳']))[0]!.token;
  });
  afterAll(async () => {
    await browser?.cleanup();
    await server?.close();
  });

  const phone = async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    return context.newPage();
  };

  async function answerProfile(page: Page) {
    await page.getByText('信贷审批人员', { exact: true }).click();
    await page.locator('.sd-question', { hasText: '您所在的部门是？' }).locator('.sd-dropdown').click();
    await page.getByRole('option', { name: '授信审批部' }).click();
    await page.getByText('县域支行', { exact: true }).click();
    await page.getByText('6–10 年', { exact: true }).click();
    await page.getByText('本科', { exact: true }).click();
  }

  const next = (page: Page) => page.locator('.sd-navigation__next-btn').click();

  it('answers every page with taps, submits, and the server stores exactly those answers', async () => {
    const page = await phone();
    const problems = watchPageProblems(page);
    await page.goto(`${server.url}/q/${sharedToken}`);
    await page.waitForSelector('#survey[data-ready="1"]');
    expect(await page.locator('#survey [lang="zh-cn"]').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.sd-title').first().textContent()).toContain('小微企业信用风险管理现状');
    expect(await page.locator('.sd-progress-buttons, .sd-progress').count()).toBeGreaterThan(0);

    // Required answers are enforced in the browser before anything is sent.
    await next(page);
    expect(await page.locator('.sd-question__erbox').count()).toBeGreaterThan(0);
    await answerProfile(page);
    await next(page);

    // Five Likert pages: every item as buttons 1–5; answer 2 everywhere (reverse items are stored as answered).
    for (const dimension of TEMPLATE_DIMENSIONS) {
      const questions = page.locator('.sd-question');
      await expect.poll(() => questions.count()).toBe(dimension.items.length);
      for (let i = 0; i < dimension.items.length; i++) {
        const item = questions.nth(i).locator('.sd-rating__item', { hasText: /^2$/ });
        expect(await item.isVisible()).toBe(true);
        await item.click();
      }
      await next(page);
    }
    await page.locator('.sd-question', { hasText: '最大障碍' }).locator('textarea').fill('贷后检查流于形式 <b>x</b>');
    await page.locator('.sd-navigation__complete-btn').click();
    await expect.poll(() => page.locator('.sd-completedpage').textContent(), { timeout: 10_000 }).toContain('谢谢您的参与');

    const rows = await server.t.db('questionnaire_responses').where({ questionnaire_id: questionnaireId, source: 'shared' });
    expect(rows).toHaveLength(1);
    const data = JSON.parse(rows[0].data);
    expect(data).toMatchObject({ role: 'approver', department: 'credit-approval', branch: 'county-branch', years: '6-10', education: 'bachelor', obstacle: '贷后检查流于形式 <b>x</b>' });
    for (const dimension of TEMPLATE_DIMENSIONS) for (const item of dimension.items) expect(data[item.name]).toBe(2);
    expect(rows[0].link_id).toBeNull();
    expect(rows[0].submitted_at).toBeNull();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('autosaves a personal link and resumes after reloading', async () => {
    const page = await phone();
    const problems = watchPageProblems(page);
    await page.goto(`${server.url}/s/${personalToken}`);
    await page.waitForSelector('#survey[data-ready="1"]');
    await answerProfile(page);
    await next(page);
    await expect.poll(() => page.locator('#respond-status').textContent(), { timeout: 10_000 }).toContain('已保存');
    const link = await server.t.db('questionnaire_links').where({ questionnaire_id: questionnaireId }).first();
    expect(link.status).toBe('started');
    expect(JSON.parse(link.draft)).toMatchObject({ role: 'approver', education: 'bachelor' });

    await page.reload();
    await page.waitForSelector('#survey[data-ready="1"]');
    // The draft is restored on the page the respondent had reached; the profile answers are kept.
    await expect.poll(() => page.locator('.sd-question').first().textContent()).toContain('本行小微企业贷款的不良率总体可控');
    await page.locator('.sd-navigation__prev-btn').click();
    expect(await page.locator('.sd-item--checked', { hasText: '信贷审批人员' }).count()).toBe(1);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows the researcher a working preview and analysis pages whose charts draw under the CSP', async () => {
    await questionnairesDemoSeeder.seed(server.t.services, () => undefined);
    const demo = await server.t.db('questionnaires').where('title', 'like', 'Demo:%').first();
    const user = await server.t.createUser('researcher');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchPageProblems(page);
    await signInThroughForm(page, server.url, user.email);
    for (const path of ['analysis', 'diagnosis', 'compare?dimension=model-fit&by=role&anova=1', 'report']) {
      await page.goto(`${server.url}/questionnaires/${demo.id}/${path}`);
      await expect.poll(() => page.locator('canvas.js-chart[data-drawn="1"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    }
    await page.goto(`${server.url}/questionnaires/${demo.id}/preview`);
    await page.waitForSelector('#survey[data-ready="1"]');
    await page.locator('[data-survey-locale="zh-cn"]').click();
    await expect.poll(() => page.locator('.sd-title').first().textContent()).toContain('小微企业信用风险管理现状');
    expect(problems).toEqual([]);
    await page.close();
  });
});
