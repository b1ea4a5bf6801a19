import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonForScript } from '../../src/web/render-page.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { SYSTEM } from './rounds-fixtures.js';
import { buildWorld, concretePath, type World } from './security-world.js';

/**
 * Issue 8 point 4, stored XSS: script and event-handler payloads typed into every free-text field (study title,
 * expert names and organisations, questionnaire title and description, model name and rationale, borrower names,
 * link labels), imported from files (hierarchy outline, borrower CSV) or answered by respondents are rendered
 * escaped on every page of the route table that shows them. Authored questionnaire HTML is sanitised before it
 * reaches the respondent's browser. (test/browser/csp.test.ts shows the CSP blocking an injected inline script.)
 */

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const PAYLOAD = `${SCRIPT}${IMG}`;
const label = (text: string) => `${text} ${PAYLOAD}`;

/** The payload as the pages must show it: HTML-escaped text, or escaped inside a JSON script block. */
const ESCAPED_HTML = '&lt;script&gt;alert(1)&lt;/script&gt;';
const ESCAPED_JSON = jsonForScript(SCRIPT).slice(1, -1);

let t: TestApp;
let world: World;
const extra = { importedStudy: 0, importedRound: 0, expertToken: '', questionnaire: 0, shared: '', borrower: 0 };

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t, { label });
  const owner = world.actors.researcher;

  // A hierarchy imported from an outline file whose names carry the payload, then a round on it with an expert.
  const study = await t.services.studies.create(world.owner, { title: label('Imported study'), description: label('Description'), locale: 'en', template: 'empty' });
  extra.importedStudy = study.id;
  const outline = [`[G] ${label('Goal')}`, `  [C1] ${label('Criterion one')} | ${label('中文')}`, `    [I1] ${label('Indicator a')}`, `    [I2] ${label('Indicator b')}`, `  [C2] ${label('Criterion two')}`, `    [I3] ${label('Indicator c')}`, `    [I4] ${label('Indicator d')}`].join('\n');
  const imported = await owner.agent.post(`/studies/${study.id}/hierarchy/import`).field('_csrf', owner.csrf).field('format', 'outline').attach('file', Buffer.from(outline), 'hierarchy.txt');
  expect(imported.status, imported.text.slice(0, 300)).toBe(303);
  expect(await t.db('hierarchy_nodes').where({ study_id: study.id })).toHaveLength(7);
  extra.importedRound = await t.services.rounds.create(world.owner, study.id, {
    label: label('Round'), priorityMethod: 'eigenvector', riTable: 'saaty', crThreshold: 0.1, allowNoOpinion: true, crPolicy: 'warn', deadline: null, intro: { en: label('Intro'), zh: '' },
  });
  await t.services.rounds.open(world.owner, extra.importedRound);
  extra.expertToken = (await t.services.rounds.invite(world.owner, extra.importedRound, { name: label('Imported expert'), weight: 1 })).token;

  // A questionnaire whose texts carry the payload and whose authored HTML tries every trick; a respondent answers with it.
  const html = `<p>Hello</p><img src=x onerror=alert(1)><a href="javascript:alert(1)">link</a>${SCRIPT}<iframe src="javascript:alert(1)"></iframe><svg onload=alert(1)></svg>`;
  const schema = {
    title: label('Survey'),
    description: html,
    pages: [{
      name: 'p1',
      elements: [
        { type: 'html', name: 'intro', html },
        { type: 'radiogroup', name: 'pick', title: label('Pick one'), choices: [{ value: 'a', text: label('Choice A') }, { value: 'b', text: 'B' }] },
        { type: 'comment', name: 'why', title: label('Why') },
      ],
    }],
  };
  extra.questionnaire = await t.services.questionnaires.create(world.owner, { title: label('Survey'), description: label('About'), schema }, (key) => key);
  await t.services.questionnaires.updateSettings(world.owner, extra.questionnaire, { status: 'open', deadline: null, responseLimit: null, anonymous: true });
  extra.shared = await t.services.questionnaires.createSharedLink(world.owner, extra.questionnaire, { limit: null, expiresOn: null });
  const answered = await request(t.app).post(`/q/${extra.shared}/submit`).set('X-Requested-With', 'fetch').send({ version: 1, data: { pick: 'a', why: label('My answer') } });
  expect(answered.status, JSON.stringify(answered.body)).toBe(201);

  // Borrowers from a CSV file whose names carry the payload, through the staged import.
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const csv = `borrower,name,as of,industry,I21\nX-1,${quote(label('Imported borrower'))},2026-09-30,C,45\n`;
  const staged = await owner.agent.post('/borrowers/import').field('_csrf', owner.csrf).attach('file', Buffer.from(csv), 'borrowers.csv');
  expect(staged.status, staged.text.slice(0, 300)).toBe(303);
  const importId = Number(/\/borrowers\/import\/(\d+)/.exec(String(staged.headers.location))![1]);
  const { guessed } = await t.services.borrowers.getImport(importId);
  const report = await t.services.borrowers.runStagedImport(SYSTEM, importId, { mapping: guessed, options: { portfolio: label('Imported portfolio') }, dryRun: false });
  expect(report.status, JSON.stringify(report.issues)).toBe('imported');
  extra.borrower = (await t.db('borrowers').where({ ref: 'X-1' }).first('id')).id;
}, 120_000);
afterAll(async () => t?.close());

/** Problems of one HTML page: the payload unescaped, or a script element that is neither external nor JSON data. */
function problemsOf(html: string): string[] {
  const problems: string[] = [];
  if (/<script>alert\(1\)/i.test(html)) problems.push('raw <script> payload');
  if (/<img[^>]*onerror/i.test(html)) problems.push('raw <img onerror> payload');
  const markup = html.replace(/<script type="application\/json"[^>]*>[\s\S]*?<\/script>/g, '');
  for (const tag of markup.match(/<[a-zA-Z][^>]*>/g) ?? []) {
    // Attribute values are quoted with " (a " inside is &#34;), so what is left outside quotes is markup.
    const outsideValues = tag.replace(/"[^"]*"|'[^']*'/g, '""');
    if (/\son[a-z]+\s*=/i.test(outsideValues)) problems.push(`an event-handler attribute: ${tag.slice(0, 120)}`);
    if (/\s(href|src|action|formaction)\s*=\s*"\s*javascript:/i.test(tag)) problems.push(`a javascript: URL: ${tag.slice(0, 120)}`);
    if (/^<script\b/i.test(tag) && !/\ssrc="/.test(tag)) problems.push(`an inline script: ${tag}`);
  }
  return problems;
}

const showsEscaped = (html: string) => html.includes(ESCAPED_HTML) || html.includes(ESCAPED_JSON);

describe('stored script payloads are rendered escaped on every page', () => {
  const visited = new Map<string, string>();

  it('walks every page of the route table (as the owner, an administrator and the link holders): no raw payload, no inline script', async () => {
    const failures: string[] = [];
    const pages: Array<{ path: string; agent: ReturnType<typeof request.agent> }> = [];
    for (const route of t.routes) {
      if (route.method !== 'get') continue;
      const { path, unfilled } = concretePath(world, route);
      if (unfilled.length) continue; // the access matrix reports unfilled parameters
      if (route.access.kind === 'session') {
        pages.push({ path, agent: world.actors.researcher.agent }, { path, agent: world.actors.admin.agent });
      } else if (route.access.kind === 'link') {
        const token = route.access.link === 'expert' ? world.tokens.expert : route.access.link === 'user-invitation' ? world.tokens.userInvitation : route.path.startsWith('/q/') ? world.tokens.shared : world.tokens.personal;
        pages.push({ path: route.path.replace(':token', token), agent: request.agent(t.app) });
      } else if (route.access.kind === 'public') {
        pages.push({ path, agent: request.agent(t.app) });
      }
    }
    // The imported study, its round and expert page, the payload questionnaire and its respondent page, the imported borrower.
    for (const path of [`/studies/${extra.importedStudy}`, `/rounds/${extra.importedRound}`, `/questionnaires/${extra.questionnaire}`, `/questionnaires/${extra.questionnaire}/preview`,
      `/questionnaires/${extra.questionnaire}/answers`, `/questionnaires/${extra.questionnaire}/analysis`, `/questionnaires/${extra.questionnaire}/report`, `/borrowers/${extra.borrower}`]) {
      pages.push({ path, agent: world.actors.researcher.agent });
    }
    pages.push({ path: `/e/${extra.expertToken}`, agent: request.agent(t.app) }, { path: `/q/${extra.shared}`, agent: request.agent(t.app) });

    for (const { path, agent } of pages) {
      const res = await agent.get(path);
      if (res.status >= 500) failures.push(`${path} → ${res.status}`);
      if (!/html/.test(String(res.headers['content-type']))) continue;
      for (const problem of problemsOf(res.text)) failures.push(`${path}: ${problem}`);
      visited.set(path, (visited.get(path) ?? '') + res.text);
    }
    expect(failures).toEqual([]);
    expect(visited.size).toBeGreaterThan(60);
  }, 180_000);

  it.each([
    ['study title', () => `/studies/${world.ids.study}`],
    ['study title and expert names on the round page', () => `/rounds/${world.ids.round}`],
    ['expert name on the expert detail page', () => `/rounds/${world.ids.round}/experts/${world.ids.invitation}`],
    ['expert names on the weight set', () => `/weight-sets/${world.ids.weightSet}`],
    ['imported criterion names', () => `/studies/${extra.importedStudy}`],
    ['imported criterion names and round intro on the expert page', () => `/e/${extra.expertToken}`],
    ['questionnaire title on the list', () => '/questionnaires'],
    ['questionnaire title and description', () => `/questionnaires/${world.ids.questionnaire}`],
    ['personal link labels on the distribution page', () => `/questionnaires/${world.ids.questionnaire}/distribution`],
    ['question and choice texts for the respondent', () => `/q/${extra.shared}`],
    ['answers on the answers page', () => `/questionnaires/${extra.questionnaire}/answers`],
    ['model name and rationale', () => `/models/${world.ids.model}`],
    ['model names on the list', () => '/models'],
    ['borrower names on the list', () => '/borrowers'],
    ['borrower name imported from CSV', () => `/borrowers/${extra.borrower}`],
    ['invited person on the user list', () => '/admin/users'],
  ])('%s: shown, escaped', async (_name, path) => {
    const html = visited.get(path()) ?? (await world.actors.admin.agent.get(path())).text;
    expect(problemsOf(html)).toEqual([]);
    expect(showsEscaped(html), `${path()} does not show the escaped payload`).toBe(true);
  });

  it('authored questionnaire HTML reaches the respondent sanitised: no script, event handler, javascript: URL, iframe or svg', async () => {
    const page = await request(t.app).get(`/q/${extra.shared}`);
    expect(page.status).toBe(200);
    const blocks = [...page.text.matchAll(/<script type="application\/json" id="([^"]+)">([\s\S]*?)<\/script>/g)];
    expect(blocks.length).toBeGreaterThan(0);
    // Every HTML-bearing property SurveyJS renders as markup (the set compile-survey.ts sanitises).
    const htmlValues: string[] = [];
    const textValues: string[] = [];
    const walk = (value: unknown, key = ''): void => {
      if (typeof value === 'string') (['html', 'completedHtml', 'completedBeforeHtml', 'loadingHtml', 'description'].includes(key) ? htmlValues : textValues).push(value);
      else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
      else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => walk(v, ['default', 'en', 'zh-cn'].includes(k) ? key : k));
    };
    blocks.forEach((b) => walk(JSON.parse(b[2]!)));
    expect(htmlValues.join('\n')).toContain('<p>Hello</p>');
    for (const html of htmlValues) expect(html).not.toMatch(/<script|onerror|onload|javascript:|<iframe|<svg/i);
    // Plain-text properties (titles, choices) keep the payload as text: SurveyJS renders them as text, never as HTML.
    expect(textValues.some((v) => v.includes(SCRIPT))).toBe(true);
  });
});
