import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MODEL_V2 } from '../../src/features/models/models-demo.js';
import { createOverviewRepository } from '../../src/features/overview/overview-repository.js';
import { createOverviewService, type ValidationRunSummary } from '../../src/features/overview/overview-service.js';
import { buildDiagnosis } from '../../src/features/questionnaires/build-diagnosis.js';
import { CATALOGUES } from '../../src/i18n/catalogue.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { seedDemoIfEmpty } from '../../src/storage/demo/seed-demo.js';
import type { Role } from '../../src/web/request-context.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** The management overview: real figures from the demo, empty states on an empty database, who may see what. */
const en = createTranslator(CATALOGUES, 'en');
const today = new Date().toISOString().slice(0, 10);
const pct2 = (x: number) => `${(x * 100).toFixed(2)}%`;
const manager = { id: 0, email: '', name: '', role: 'manager' as const, locale: null };
/** Text of the page without tags, with entities decoded and spaces collapsed. */
const textOf = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ')
  .replace(/&#39;/g, "'").replace(/&#34;/g, '"').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/\s+/g, ' ');
/** The HTML of one section of the page (by its id). */
const section = (html: string, id: string) => {
  const start = html.indexOf(`<section class="card overview-section" id="${id}">`);
  expect(start, `section ${id}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
};

describe('with the demo seeded', () => {
  let t: TestApp;
  let page: string;
  beforeAll(async () => {
    t = await createTestApp();
    expect(await seedDemoIfEmpty(t.services, pino({ level: 'silent' }))).toBe(true);
    const { agent } = await t.signedIn('manager');
    const res = await agent.get('/overview');
    expect(res.status).toBe(200);
    page = res.text;
  }, 240_000);
  afterAll(async () => t.close());

  it('portfolio: the NPL ratio, borrowers and observed default rate are the portfolio service’s for the version in force and the newest portfolio', async () => {
    const s = t.services;
    // The portfolio page's defaults, computed here from the services directly.
    const version = (await s.models.effectiveVersionAt(today))!;
    const portfolios = await s.borrowers.portfolios();
    const newest = portfolios.slice().sort((a, b) => (b.latestAsOf ?? '').localeCompare(a.latestAsOf ?? ''))[0]!.portfolio;
    const view = await s.portfolio.view({ version, portfolio: newest });
    const npl = view.current.summary!.npl;
    expect(npl.ratioByCount).toBeGreaterThan(0);
    const html = section(page, 'portfolio');
    expect(html).toContain(`data-npl-count="${npl.ratioByCount}"`);
    const text = textOf(html);
    expect(text).toContain(pct2(npl.ratioByCount!));
    expect(text).toContain(pct2(npl.ratioByBalance!));
    expect(text).toContain(`${npl.count} of ${view.current.summary!.count} loans are substandard, doubtful or loss`);
    expect(text).toContain(`Portfolio ${newest}, positions as of ${view.asOf}, graded under #${version.id} ${version.name}`);
    expect(text).toContain(`${view.current.outcomes.defaults} of ${view.current.outcomes.known} with a known outcome`);
    // The key figure at the top is the same number.
    expect(textOf(page)).toContain(`NPL ratio (count) ${pct2(npl.ratioByCount!)}`);
    expect(html).toContain(`href="/portfolio?version=${version.id}&amp;portfolio=${encodeURIComponent(newest)}"`);
  });

  it('model: the approved version in force (the demo’s v2), its criterion weights, its weight set’s consensus and the version history', async () => {
    const s = t.services;
    const version = (await s.models.effectiveVersionAt(today))!;
    expect(version.name).toBe(DEMO_MODEL_V2);
    const html = section(page, 'model');
    const text = textOf(html);
    expect(text).toContain(`#${version.id} ${DEMO_MODEL_V2}`);
    expect(text).toContain(`In force since ${version.effectiveFrom}`);
    for (const c of version.definition.criteria) expect(text).toContain(`${c.id} ${c.names.en} ${(c.weight * 100).toFixed(1)}%`);
    // Consensus S* of the experts on the criteria (the goal block of the weight set the version came from).
    const wsId = version.source.weightSetIds!.at(-1)!;
    const ws = await s.weightSets.getWeightSet(wsId);
    const goal = ws.nodes[String(ws.tree.id)]!;
    expect(goal.consensus).not.toBeNull();
    expect(html).toContain(`data-consensus="${goal.consensus}"`);
    expect(text).toContain(`Consensus on the criteria (S*) ${(goal.consensus! * 100).toFixed(0)}% · ${en(`weightSets.band.${goal.consensusBand!.replace(' ', '-')}`)}`);
    expect(html).toContain(`href="/weight-sets/${wsId}"`);
    // History: every version, each linking to its page.
    for (const v of await s.models.listModelVersions()) expect(html).toContain(`<a href="/models/${v.id}">#${v.id} ${v.name}</a>`);
  });

  it('survey: the top problem is the diagnosis service’s rank 1 for the newest questionnaire with responses (early warning, by the demo’s design)', async () => {
    const s = t.services;
    const latest = (await s.questionnaires.list(manager)).find((q) => q.responses > 0)!;
    const data = await s.questionnaireAnalysis.dataset(manager, latest.id, { filters: {} }, 'en');
    const diagnosis = buildDiagnosis(data, s.questionnaireAnalysis.analyse(data), en);
    const top = diagnosis.dimensions[0]!;
    expect(top.name).toBe('early-warning');
    const text = textOf(section(page, 'survey'));
    expect(text).toContain(`Top problem: ${top.label}`);
    expect(text).toContain(`${top.problemShare.toFixed(0)}% of respondents see a problem`);
    expect(text).toContain(`${diagnosis.respondents} respondents`);
    expect(text).toContain(diagnosis.summary[0]!);
    expect(page).toContain(`href="/questionnaires/${latest.id}/diagnosis"`);
    expect(textOf(page)).toContain(`Top problem (staff survey) ${top.label}`);
  });

  it('early warnings: counts by level are the watch list’s, each linking to the filtered list', async () => {
    const s = t.services;
    const version = (await s.models.effectiveVersionAt(today))!;
    const newest = (await s.borrowers.portfolios()).slice().sort((a, b) => (b.latestAsOf ?? '').localeCompare(a.latestAsOf ?? ''))[0]!.portfolio;
    const rows = await s.scoring.watchList(version.id, { portfolio: newest });
    const html = section(page, 'warnings');
    expect(rows.length).toBeGreaterThan(0);
    for (const level of ['red', 'orange', 'yellow'] as const) {
      const n = rows.filter((r) => r.warnings.level === level).length;
      const link = `/borrowers/watch-list?version=${version.id}&amp;portfolio=${encodeURIComponent(newest)}&amp;level=${level}`;
      expect(html).toContain(`href="${link}" data-level="${level}"`);
      expect(textOf(html.slice(html.indexOf(`data-level="${level}"`)))).toMatch(new RegExp(`^[^<]*?${en(`borrowers.level.${level}`)} ${n} `));
    }
  });

  it('early-warning counts read in the database equal the watch list’s, for every portfolio, all together and every approved version', async () => {
    const s = t.services;
    const repository = createOverviewRepository(t.db);
    const names: (string | null)[] = [null, ...(await s.borrowers.portfolios()).map((p) => p.portfolio)];
    let compared = 0;
    for (const version of await s.models.approvedVersions()) {
      for (const name of names) {
        const rows = await s.scoring.watchList(version.id, { portfolio: name });
        const expected = new Map<string, number>();
        for (const r of rows) expected.set(r.warnings.level, (expected.get(r.warnings.level) ?? 0) + 1);
        expect(await repository.warningCounts(version.id, name)).toEqual(expected);
        compared += rows.length;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('validation: the demo’s latest run with its versions (AUC, CI, Gini) and the verdict in words, linking to the report', async () => {
    const run = (await t.services.validation.latestRun(manager, 'en'))!;
    expect(run).not.toBeNull();
    const html = section(page, 'validation');
    const text = textOf(html);
    expect(run.verdict.length).toBeGreaterThan(0);
    for (const sentence of run.verdict) expect(sentence).not.toMatch(/^[a-z]+(\.[A-Za-z-]+)+$/); // words, not message keys
    expect(text).toContain(`${run.name} · ${run.createdAt.slice(0, 10)}`);
    expect(text).toContain(`${run.units} borrowers, ${run.bads} defaults`);
    for (const v of run.versions) {
      expect(html).toContain(`<a href="/models/${v.id}">#${v.id} ${v.name}</a>`);
      if (v.auc !== null) expect(text).toContain(`#${v.id} ${v.name} ${v.auc.toFixed(3)}`);
    }
    for (const sentence of run.verdict) expect(text).toContain(sentence);
    expect(html).toContain(`href="/validation/runs/${run.id}"`);
  });

  it('the overview service takes the latest run from the validation area’s latestRun()', async () => {
    const run: ValidationRunSummary = {
      id: 7, name: 'Q3 back-test', createdAt: '2026-11-30T10:00:00.000Z', units: 400, bads: 31, verdict: ['v2 discriminates better.'],
      versions: [{ id: 1, name: 'v1', auc: 0.71, aucCi: [0.66, 0.76], gini: 0.42 }, { id: 2, name: 'v2', auc: 0.78, aucCi: [0.74, 0.82], gini: 0.56 }],
    };
    const asked: string[] = [];
    const service = createOverviewService({ ...t.services, validation: { latestRun: async (user, locale) => { asked.push(`${user.role}:${locale}`); return run; } } });
    const o = await service.overview(manager, 'zh-CN', en, today);
    expect(o.validation).toEqual({ state: 'ready', run });
    expect(asked).toEqual(['manager:zh-CN']);
    // A credit officer is not asked about: the section is hidden before the validation area is called.
    const officer = await service.overview({ ...manager, role: 'credit-officer' }, 'en', en, today);
    expect(officer.validation).toEqual({ state: 'hidden' });
    expect(asked).toHaveLength(1);
  });

  it('charts are drawn by the shared script from JSON blocks, with no inline script; the page prints (button, print styles)', () => {
    for (const id of ['ov-survey', 'ov-weights', 'ov-grades']) {
      expect(page).toContain(`data-config="${id}"`);
      expect(page).toContain(`<script type="application/json" id="${id}">`);
    }
    expect(page).toContain('/static/js/charts.js');
    expect(page).toMatch(/chart\.umd\.min\.js/);
    expect(page).not.toMatch(/<script>(?!<\/script>)/);
    expect(page).toContain('id="overview-print"');
  });

  it('in Chinese', async () => {
    const { agent, csrf } = await t.signedIn('manager');
    await agent.post('/lang').type('form').send({ locale: 'zh-CN', back: '/overview', _csrf: csrf });
    const res = await agent.get('/overview');
    expect(res.status).toBe(200);
    for (const key of ['overview.title', 'overview.survey.title', 'overview.model.title', 'overview.portfolio.title', 'overview.watch.title', 'overview.validation.title']) {
      expect(res.text).toContain(createTranslator(CATALOGUES, 'zh-CN')(key));
    }
    expect(res.text).toContain('<html lang="zh-CN">');
  });

  it('administrators and researchers see every section; credit officers only the model and the warnings', async () => {
    for (const role of ['admin', 'researcher'] as Role[]) {
      const { agent } = await t.signedIn(role);
      const res = await agent.get('/overview');
      expect(res.status).toBe(200);
      expect(textOf(res.text)).not.toContain(en('overview.onlyFor'));
      expect(textOf(section(res.text, 'model'))).toContain(DEMO_MODEL_V2);
    }
    const { agent } = await t.signedIn('credit-officer');
    const res = await agent.get('/overview');
    expect(res.status).toBe(200);
    for (const id of ['survey', 'portfolio', 'validation']) expect(textOf(section(res.text, id))).toContain(en('overview.onlyFor'));
    expect(textOf(section(res.text, 'model'))).toContain(DEMO_MODEL_V2);
    expect(section(res.text, 'warnings')).toContain('data-level="red"');
    // Nothing of the hidden sections leaks into the key figures either.
    expect(res.text).not.toContain('data-key="npl"');
    expect(res.text).not.toContain('data-key="survey"');
    expect(res.text).not.toContain('data-npl-count');
    // A credit officer may not open the expert weight set: no link to it, and no consensus figures.
    expect(res.text).not.toContain('href="/weight-sets/');
    expect(res.text).not.toContain('data-consensus');
    expect(textOf(section(res.text, 'model'))).toContain(`${en('overview.model.consensus')} Weight set`);
  });

  it('is in the navigation and on the home page of every role', async () => {
    for (const role of ['admin', 'researcher', 'manager', 'credit-officer'] as Role[]) {
      const { agent } = await t.signedIn(role);
      const home = await agent.get('/');
      expect(home.text).toContain(`<li><a href="/overview">${en('nav.overview')}</a></li>`);
      expect(home.text).toMatch(/<a class="card home-card" href="\/overview">/);
    }
  });
});

describe('on an empty database', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => t.close());

  it('renders a helpful empty state with a link in every section', async () => {
    const { agent } = await t.signedIn('manager');
    const res = await agent.get('/overview');
    expect(res.status).toBe(200);
    const expectations: Array<[string, string, string]> = [
      ['survey', 'overview.survey.empty', '/questionnaires'],
      ['model', 'overview.model.empty', '/models'],
      ['portfolio', 'overview.portfolio.empty', '/borrowers'],
      ['warnings', 'overview.watch.empty', '/borrowers'],
      ['validation', 'overview.validation.empty', '/validation'],
    ];
    for (const [id, key, href] of expectations) {
      const html = section(res.text, id);
      expect(textOf(html)).toContain(en(key));
      expect(html).toContain(`href="${href}"`);
    }
    expect(textOf(res.text)).toContain('Top problem (staff survey) none yet');
    // No data, no chart library.
    expect(res.text).not.toContain('chart.umd');
  });

  it('anonymous visitors are sent to sign in', async () => {
    const res = await request(t.app).get('/overview');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });
});
