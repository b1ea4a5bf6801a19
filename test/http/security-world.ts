import request from 'supertest';
import { demoSmePortfolio } from '../../src/features/borrowers/demo-sme-portfolio.js';
import type { AuthUser, Role } from '../../src/web/request-context.js';
import type { RouteDef } from '../../src/web/route-table.js';
import { csrfFrom, TEST_PASSWORD, type TestApp } from '../helpers/test-app.js';
import { application } from './decisions-fixtures.js';
import { authUser, TEST_SCHEMA } from './questionnaires-fixtures.js';
import { SYSTEM, answerAll, setUpRound, submit, type RoundSetup } from './rounds-fixtures.js';

/**
 * A small world for the security tests (access matrix, bad input, stored XSS): one signed-in person per role (with
 * an API token of the same account), a researcher who owns a study (open round, invitations, a weight set) and a
 * questionnaire (shared and personal links), a second researcher who owns nothing, an expert and a staff member
 * who hold links, a credit-model draft of the owner, an approved model, a few borrowers, a staged import and a
 * scoring job. Everything is created through the services, like the demo, so ids are real.
 */

export type SignedInActor = 'manager' | 'researcher' | 'other-researcher' | 'admin' | 'credit-officer';
export type ActorName = 'anonymous' | 'expert-link' | 'staff-link' | 'invitee' | SignedInActor;
/** Cells run denial-first: the owner and the administrator come last, so their allowed writes change nothing others see. */
export const ACTORS: readonly ActorName[] = ['anonymous', 'expert-link', 'staff-link', 'credit-officer', 'manager', 'other-researcher', 'researcher', 'admin', 'invitee'];

export interface Actor {
  name: ActorName;
  role: Role | null;
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  user: AuthUser | null;
  apiToken: string | null;
}

export interface World {
  t: TestApp;
  actors: Record<ActorName, Actor>;
  owner: AuthUser;
  other: AuthUser;
  /** The owner's study and its open round. */
  round: RoundSetup;
  /** A second study of the owner (for things a test may destroy). */
  ids: {
    study: number;
    node: number;
    round: number;
    invitation: number;
    /** The expert actor's own invitation. */
    expertInvitation: number;
    weightSet: number;
    questionnaire: number;
    link: number;
    model: number;
    /** A draft approval policy (system-created, so every writer may act on it) of the approved model. */
    policy: number;
    approvedModel: number;
    indicator: string;
    borrower: number;
    snapshot: number;
    borrowerImport: number;
    scoringJob: number;
    user: number;
    apiTokenId: number;
    /** A credit decision under an approved policy. */
    decision: number;
    /** A validation sample and run (when the validation pages exist). */
    validationSample?: number;
    validationRun?: number;
  };
  tokens: {
    /** The expert actor's own link to the owner's round. */
    expert: string;
    /** An expert link to a round of another study (foreign to the owner's round). */
    foreignExpert: string;
    /** The staff actor's personal link and the questionnaire's shared link. */
    personal: string;
    shared: string;
    /** A pending user invitation (the invited person has no account yet). */
    userInvitation: string;
  };
}

/** An id no object has. */
export const MISSING_ID = 999_999;

/** A well-formed token (43 base64url characters) that no link has. */
export const FORGED_TOKEN = 'Zm9yZ2VkLXRva2VuLXRoYXQtbm8tbGluay1oYXMtYWJj';

async function signIn(t: TestApp, role: Role, name: ActorName): Promise<Actor> {
  const created = await t.createUser(role);
  const agent = request.agent(t.app);
  const login = await agent.get('/login');
  const res = await agent.post('/login').type('form').send({ email: created.email, password: TEST_PASSWORD, _csrf: csrfFrom(login.text) });
  if (res.status !== 303) throw new Error(`sign-in failed for ${name}: ${res.status}`);
  const csrf = csrfFrom((await agent.get('/account')).text);
  const apiToken = (await t.services.apiTokens.create({ id: created.id }, `${name} token`, null, null)).token;
  return { name, role, agent, csrf, user: authUser(created, role), apiToken };
}

/** A visitor without an account who opened a link: the cookie jar keeps whatever that page set. */
async function linkHolder(t: TestApp, name: ActorName, path: string): Promise<Actor> {
  const agent = request.agent(t.app);
  const res = await agent.get(path);
  if (res.status !== 200) throw new Error(`${name} could not open ${path}: ${res.status}`);
  const match = /name="_csrf" value="([^"]+)"/.exec(res.text);
  return { name, role: null, agent, csrf: match?.[1] ?? '', user: null, apiToken: null };
}

/**
 * Builds the world. `label` decorates every free text a person types (study title, expert names, questionnaire
 * title, model name, borrower names): the stored-XSS test passes script payloads through it.
 */
export async function buildWorld(t: TestApp, options: { label?: (text: string) => string } = {}): Promise<World> {
  const label = options.label ?? ((text: string) => text);
  const signed = {} as Record<SignedInActor, Actor>;
  signed.researcher = await signIn(t, 'researcher', 'researcher');
  signed['other-researcher'] = await signIn(t, 'researcher', 'other-researcher');
  signed.admin = await signIn(t, 'admin', 'admin');
  signed.manager = await signIn(t, 'manager', 'manager');
  signed['credit-officer'] = await signIn(t, 'credit-officer', 'credit-officer');
  const owner = signed.researcher.user as AuthUser;
  const other = signed['other-researcher'].user as AuthUser;

  // Studies and rounds: an open round with two submitted experts (for a weight set), the expert actor and a
  // separate invitation that path parameters point at.
  const round = await setUpRound(t, { ownerId: owner.id, title: label('Owner study') });
  const experts = [];
  for (const name of ['Submitted one', 'Submitted two']) {
    const invited = await t.services.rounds.invite(owner, round.roundId, { name: label(name), organisation: label('Bank'), weight: 1 });
    await answerAll(t, invited.token, round.blocks);
    const res = await submit(t, invited.token);
    if (res.status !== 200) throw new Error(`submit failed: ${res.status}`);
    experts.push(invited);
  }
  const weightSet = await t.services.weightSets.create(owner, round.roundId, {});
  const expertInvitation = await t.services.rounds.invite(owner, round.roundId, { name: label('Expert actor'), weight: 1 });
  const paramInvitation = await t.services.rounds.invite(owner, round.roundId, { name: label('Path parameter expert'), weight: 1 });
  const foreign = await setUpRound(t, { title: 'Foreign study' });
  const foreignExpert = await t.services.rounds.invite(SYSTEM, foreign.roundId, { name: 'Foreign expert', weight: 1 });
  const leaf = await t.db('hierarchy_nodes').where({ study_id: round.studyId }).whereNotNull('parent_id').orderBy('id', 'desc').first('id');

  // Questionnaire: open, anonymous, with a shared link and two personal links.
  const questionnaire = await t.services.questionnaires.create(owner, { title: label('Owner survey'), description: label('About'), schema: TEST_SCHEMA }, (key) => key);
  await t.services.questionnaires.updateSettings(owner, questionnaire, { status: 'open', deadline: null, responseLimit: null, anonymous: true });
  const shared = await t.services.questionnaires.createSharedLink(owner, questionnaire, { limit: null, expiresOn: null });
  const [personal, paramLink] = await t.services.questionnaires.createLinks(owner, questionnaire, [label('Staff actor'), label('Path parameter link')]);
  const linkRow = await t.db('questionnaire_links').where({ questionnaire_id: questionnaire, label: paramLink!.label }).first('id');

  // Credit models: a draft of the owner (template weights) and an approved version; borrowers and a scoring job.
  const model = await t.services.models.createDraft(owner, { name: label('Owner draft'), description: label('Description'), rationale: label('Test draft.'), source: { kind: 'template' } }, { unchecked: true });
  const approvedModel = await t.services.models.createDraft(SYSTEM, { name: label('Approved model'), description: '', rationale: label('Test model.'), source: { kind: 'template' } }, { unchecked: true });
  await t.services.models.approve(SYSTEM, approvedModel, { effectiveFrom: '2026-01-01', rationale: label('Test approval.') });
  const indicator = (await t.services.models.getModelVersion(model)).definition.indicators[0]!.id;
  const snapshots = await t.services.borrowers.insertSnapshots(SYSTEM, demoSmePortfolio(3).map((x) => ({ ...x, borrowerName: label(x.borrowerName ?? 'Borrower') })), { portfolio: label('Security test portfolio'), isDemo: false, isSynthetic: true });
  const snapshot = await t.services.borrowers.getSnapshot(snapshots[0]!);
  const csv = 'borrower_ref,borrower_name,as_of,industry\nB-1,Test borrower,2026-09-30,C\n';
  const borrowerImport = await t.services.borrowers.stageImport(owner, { fileName: 'borrowers.csv', buffer: Buffer.from(csv) });
  const job = await t.services.scoring.startJob(owner, approvedModel, {});
  const policy = await t.services.policies.createDraft(SYSTEM, { name: label('Policy draft'), description: label('Description'), modelVersionId: approvedModel, source: { kind: 'default' } });

  // Decisions: an approved policy on the approved model and one decision under it.
  const inForce = await t.services.policies.createDraft(SYSTEM, { name: label('Policy in force'), modelVersionId: approvedModel, source: { kind: 'default' } });
  await t.services.policies.approve(SYSTEM, inForce, { effectiveFrom: '2020-01-01', rationale: label('Test approval.') });
  const { decision } = await t.services.decisions.decide({ id: 0, role: 'admin' }, application({ requestId: `security-${process.pid}`, ref: label('Applicant').slice(0, 90), branch: label('Branch').slice(0, 90) }) as never, { via: 'api' });
  const validation = await validationFixtures(t, signed.researcher, approvedModel, model, label);

  // Accounts: a person the administrator invited (pending), and an API token of someone else.
  const invited = await t.services.users.invite(signed.admin.user as AuthUser, { email: `invited-${process.pid}@example.test`, name: label('Invited person'), role: 'credit-officer' }, null);
  const victim = await t.createUser('credit-officer');
  const victimToken = await t.services.apiTokens.create({ id: victim.id }, 'victim token', null, null);

  const actors: Record<ActorName, Actor> = {
    // An anonymous visitor who opened the sign-in page (so it has a session and a CSRF token, like any attacker would).
    anonymous: await linkHolder(t, 'anonymous', '/login'),
    'expert-link': await linkHolder(t, 'expert-link', `/e/${expertInvitation.token}`),
    'staff-link': await linkHolder(t, 'staff-link', `/s/${personal!.token}`),
    // The person an administrator invited holds the fourth kind of link (no account yet).
    invitee: await linkHolder(t, 'invitee', `/invite/${invited.token}`),
    ...signed,
  };

  return {
    t,
    actors,
    owner,
    other,
    round,
    ids: {
      study: round.studyId,
      node: leaf.id as number,
      round: round.roundId,
      invitation: paramInvitation.invitation.id,
      expertInvitation: expertInvitation.invitation.id,
      weightSet,
      questionnaire,
      link: linkRow.id as number,
      model,
      approvedModel,
      policy,
      indicator,
      borrower: snapshot.borrowerId,
      snapshot: snapshots[0]!,
      borrowerImport,
      scoringJob: job.id,
      user: victim.id,
      apiTokenId: victimToken.id,
      decision: decision.id,
      ...validation,
    },
    tokens: { expert: expertInvitation.token, foreignExpert: foreignExpert.token, personal: personal!.token, shared, userInvitation: invited.token },
  };
}

/**
 * A validation sample (simple random, all 15 synthetic firms with outcomes) and a run comparing two model
 * versions on it, through the validation pages' own forms; nothing when those pages do not exist.
 */
async function validationFixtures(t: TestApp, researcher: Actor, v1: number, v2: number, label: (text: string) => string): Promise<{ validationSample?: number; validationRun?: number }> {
  if (!t.routes.some((r) => r.method === 'post' && r.path === '/validation/samples')) return {};
  const portfolio = 'Security validation portfolio';
  const firms = demoSmePortfolio(15).map((x, i) => ({ ...x, borrowerRef: `SV-${i}`, borrowerName: label(`Firm ${i}`), outcome: (i % 4 === 0 ? 1 : 0) as 0 | 1 }));
  await t.services.borrowers.insertSnapshots(SYSTEM, firms, { portfolio, isDemo: false, isSynthetic: true });
  const sample = await researcher.agent.post('/validation/samples').type('form').send({
    _csrf: researcher.csrf, name: 'Security sample', description: '', portfolio, outcomeKind: 'stored', horizonMonths: '12', dpdAbove: '90',
    method: 'simple-random', allocation: 'proportional', minPerStratum: '2', smallStrata: 'collapse', sampleSize: String(firms.length), seed: '1',
  });
  const sampleId = Number(/\/validation\/samples\/(\d+)/.exec(String(sample.headers.location))?.[1]);
  // If the form changed, the access matrix reports the validation routes as unfilled (and this says why).
  if (!sampleId) {
    console.warn(`validation sample not created: ${sample.status}`);
    return {};
  }
  const run = await researcher.agent.post('/validation/runs').type('form').send({
    _csrf: researcher.csrf, sampleId: String(sampleId), name: 'Security run', versionIds: [String(v1), String(v2)], referenceVersionId: String(v1),
    outcomeKind: 'sample', horizonMonths: '12', dpdAbove: '90', cutoffGrade: 'CCC', costRatio: '5',
  });
  const runId = Number(/\/validation\/runs\/(\d+)/.exec(String(run.headers.location))?.[1]);
  if (!runId) {
    console.warn(`validation run not created: ${run.status}`);
    return { validationSample: sampleId };
  }
  return { validationSample: sampleId, validationRun: runId };
}

/**
 * Whose resource a path parameter names: `owned` ones (a researcher's study, round, invitation, weight set,
 * questionnaire, link) are visible only to their owner, administrators and managers; `foreign` ones belong to an
 * account none of the callers has (another person's API token); `shared` ones are the bank's (models, borrowers);
 * `account` is a user the administrator manages; `token` a link token.
 */
export type Ownership = 'owned' | 'foreign' | 'shared' | 'account' | 'token';

export interface ParamFill {
  value: string;
  ownership: Ownership;
}

/**
 * How every path parameter of the route table is filled with a real object, by the path's prefix and the
 * parameter's name. A route whose parameter is not covered here makes the access matrix fail: add its fixture.
 */
export function fillParam(world: World, path: string, param: string): ParamFill | undefined {
  const id = world.ids;
  const p = path.replace(/^\/api\/v1/, '');
  const owned = (value: number | string): ParamFill => ({ value: String(value), ownership: 'owned' });
  const shared = (value: number | string): ParamFill => ({ value: String(value), ownership: 'shared' });
  if (param === 'token') return { value: FORGED_TOKEN, ownership: 'token' };
  if (param === 'nodeId') return owned(id.node);
  if (param === 'invitationId') return owned(id.invitation);
  if (param === 'linkId') return owned(id.link);
  if (param === 'indicator') return shared(id.indicator);
  if (param === 'sid' && p.startsWith('/borrowers/snapshots/')) return shared(id.snapshot);
  if (param === 'table' && p.startsWith('/validation/runs/')) return shared('summary');
  if (param !== 'id') return undefined;
  if (p.startsWith('/studies/')) return owned(id.study);
  if (p.startsWith('/rounds/')) return owned(id.round);
  if (p.startsWith('/weight-sets/')) return owned(id.weightSet);
  if (p.startsWith('/questionnaires/')) return owned(id.questionnaire);
  if (p.startsWith('/models/')) return shared(id.model);
  if (p.startsWith('/policies/')) return shared(id.policy);
  if (p.startsWith('/borrowers/import/')) return shared(id.borrowerImport);
  if (p.startsWith('/borrowers/score-jobs/')) return shared(id.scoringJob);
  if (p.startsWith('/borrowers/')) return shared(id.borrower);
  if (p.startsWith('/decisions/')) return shared(id.decision);
  if (p.startsWith('/validation/samples/') && id.validationSample) return shared(id.validationSample);
  if (p.startsWith('/validation/runs/') && id.validationRun) return shared(id.validationRun);
  if (p.startsWith('/account/tokens/')) return { value: String(id.apiTokenId), ownership: 'foreign' };
  if (p.startsWith('/admin/users/')) return { value: String(id.user), ownership: 'account' };
  return undefined;
}

/** The route's path with every parameter filled; `unfilled` lists parameters fillParam does not know. */
export function concretePath(world: World, route: RouteDef, options: { missingOwned?: boolean } = {}): { path: string; ownership: Set<Ownership>; unfilled: string[] } {
  const ownership = new Set<Ownership>();
  const unfilled: string[] = [];
  const path = route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const fill = fillParam(world, route.path, name);
    if (!fill) {
      unfilled.push(name);
      return '1';
    }
    ownership.add(fill.ownership);
    return options.missingOwned && (fill.ownership === 'owned' || fill.ownership === 'foreign') ? String(MISSING_ID) : fill.value;
  });
  return { path, ownership, unfilled };
}

/** Row counts of every table of the application (sessions and migrations aside): "nothing stored" checks. */
export async function rowCounts(db: TestApp['db']): Promise<Record<string, number>> {
  const client = String(db.client.config.client);
  const names: string[] = client.includes('pg')
    ? (await db.raw(`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`)).rows.map((r: { name: string }) => r.name)
    : (await db.raw(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)).map((r: { name: string }) => r.name);
  const counts: Record<string, number> = {};
  for (const name of names.sort()) {
    if (name === 'sessions' || name.startsWith('knex_')) continue;
    counts[name] = Number((await db(name).count<{ n: number }[]>({ n: '*' }))[0]!.n);
  }
  return counts;
}
