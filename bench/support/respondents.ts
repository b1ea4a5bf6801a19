/**
 * Respondents for the load and fault runs: invited experts answering a round through /e/<token> and staff answering
 * a questionnaire through personal links (/s/<token>: autosave page by page, then submit) and the shared link
 * (/q/<token>: one submission each). `createRespondents` prepares them through the services; `RespondentTraffic`
 * plans each respondent's next request the way a person fills the form (experts pair by pair with second thoughts,
 * then submit; a few respondents at a time, each to the end) and records every write in a WriteLedger; `storedState` reads the database back for the check.
 */
import type { Knex } from 'knex';
import { SAATY_SCALE } from '../../src/domain/ahp/saaty-scale.js';
import { seededRandom, type SeededRandom } from '../../src/domain/random/seeded-random.js';
import { demoResponses } from '../../src/features/questionnaires/demo-responses.js';
import { smeRiskTemplate, TEMPLATE_DIMENSIONS } from '../../src/features/questionnaires/questionnaire-template.js';
import { parentNodes } from '../../src/features/studies/hierarchy-tree.js';
import { CATALOGUES } from '../../src/i18n/catalogue.js';
import { createTranslator } from '../../src/i18n/translator.js';
import type { Services } from '../../src/services.js';
import { canonicalJson, WriteLedger } from './write-ledger.js';

export interface Block {
  id: number;
  children: number[];
}

export interface RespondentFixture {
  studyId: number;
  roundId: number;
  experts: { token: string; invitationId: number }[];
  blocks: Block[];
  questionnaireId: number;
  version: number;
  personal: { token: string; linkId: number }[];
  sharedToken: string;
  /** The researcher who owns the study and the questionnaire. */
  ownerEmail: string;
}

export const BENCH_PASSWORD = 'bench password 2026!';

/** A study with an open round of `experts` invitations, and an open, identified questionnaire with links. */
export async function createRespondents(services: Services, db: Knex, counts: { experts: number; personalLinks: number }): Promise<RespondentFixture> {
  const ownerEmail = 'owner@bench.example';
  const owner = await services.users.createAdmin({ email: ownerEmail, password: BENCH_PASSWORD, name: 'Bench owner' });
  const study = await services.studies.create(owner, { title: 'Load study', description: '', locale: 'en', template: 'default' });
  const roundId = await services.rounds.create(owner, study.id, {
    label: 'Load round', priorityMethod: 'eigenvector', riTable: 'saaty', crThreshold: 0.1, allowNoOpinion: true, crPolicy: 'warn', deadline: null, intro: { en: '', zh: '' },
  });
  await services.rounds.open(owner, roundId);
  const invited = await services.rounds.inviteMany(owner, roundId, Array.from({ length: counts.experts }, (_, k) => `Expert ${k + 1}`).join('\n'));
  const { root } = await services.rounds.hierarchyOf((await services.rounds.context(owner, roundId)).round);
  const blocks = parentNodes(root).filter((b) => b.children.length >= 2).map((b) => ({ id: b.id, children: b.children.map((c) => c.id) }));

  const t = createTranslator(CATALOGUES, 'en');
  const questionnaireId = await services.questionnaires.create(owner, { title: 'Load survey', description: '', schema: smeRiskTemplate() }, t);
  await services.questionnaires.updateSettings(owner, questionnaireId, { status: 'open', deadline: null, responseLimit: null, anonymous: false });
  const links = await services.questionnaires.createLinks(owner, questionnaireId, Array.from({ length: counts.personalLinks }, (_, k) => `Staff ${k + 1}`));
  const ids = new Map(((await db('questionnaire_links').where({ questionnaire_id: questionnaireId }).select('id', 'label')) as { id: number; label: string }[]).map((r) => [r.label, Number(r.id)]));
  const sharedToken = await services.questionnaires.createSharedLink(owner, questionnaireId, { limit: null, expiresOn: null });
  return {
    studyId: study.id,
    roundId,
    experts: invited.map((i) => ({ token: i.token, invitationId: i.invitation.id })),
    blocks,
    questionnaireId,
    version: 1,
    personal: links.map((l) => ({ token: l.token, linkId: ids.get(l.label) as number })),
    sharedToken,
    ownerEmail,
  };
}

export type RespondentKind = 'expert' | 'personal' | 'shared';

export interface PlannedRequest {
  /** The route as reported (the token replaced by :token). */
  route: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  /** Ledger writes this request makes. */
  writes: { key: string; value: string | number | null }[];
  /** Called with the status once the answer arrives (not called when none comes). */
  settle(status: number): void;
}

interface ExpertState {
  pairs: { parent: number; left: number; right: number }[];
  cursor: number;
  /** Pairs whose write was refused, to send again. */
  retry: number[];
  busy: boolean;
  done: boolean;
  unanswered: number;
}

interface PersonalState {
  step: number;
  busy: boolean;
  done: boolean;
}

const expertKey = (k: number, p: { parent: number; left: number; right: number }) => `e:${k}:${p.parent}:${p.left}:${p.right}`;

/**
 * The respondents' next requests. Experts answer their blocks pair by pair, one to three judgments per autosave,
 * with a second thought on an earlier pair in three requests out of ten, and submit once every pair is stored.
 * Personal links save three pages (profile; two dimensions more; all ratings) and submit. Every shared-link
 * submission is a new respondent whose free-text suggestion carries a unique marker. A respondent is never in two
 * requests at once. When every expert is busy or done, an expert request reads a finished expert's review instead.
 */
export class RespondentTraffic {
  readonly ledger = new WriteLedger();
  private readonly rng: SeededRandom;
  private readonly experts: ExpertState[];
  private readonly personal: PersonalState[];
  private readonly answers: Record<string, string | number>[];
  /** Respondents before these are all finished. */
  private firstExpert = 0;
  private firstPersonal = 0;
  private sharedCount = 0;
  readonly counts = { expertSubmits: 0, personalSubmits: 0, sharedSubmits: 0 };

  constructor(private readonly fixture: RespondentFixture, seed = 20261129) {
    this.rng = seededRandom(seed);
    const pairs = fixture.blocks.flatMap((b) => b.children.flatMap((left, i) => b.children.slice(i + 1).map((right) => ({ parent: b.id, left, right }))));
    this.experts = fixture.experts.map(() => ({ pairs, cursor: 0, retry: [], busy: false, done: false, unanswered: 0 }));
    this.personal = fixture.personal.map(() => ({ step: 0, busy: false, done: false }));
    this.answers = demoResponses(240, seed);
  }

  next(kind: RespondentKind): PlannedRequest {
    if (kind === 'expert') return this.nextExpert();
    if (kind === 'personal') return this.nextPersonal() ?? this.nextShared();
    return this.nextShared();
  }

  /**
   * The first respondent who is neither answering nor finished: people fill the form in one go, so a few are
   * active at a time and each reaches the submit (taking them in turn would leave all of them half-way).
   */
  private pickFree<T extends { busy: boolean; done: boolean }>(list: T[], from: number): number {
    for (let k = from; k < list.length; k++) if (!list[k]?.busy && !list[k]?.done) return k;
    return -1;
  }

  private nextExpert(): PlannedRequest {
    const k = this.pickFree(this.experts, this.firstExpert);
    if (k < 0) {
      const token = this.fixture.experts[this.rng.nextInt(this.fixture.experts.length)]?.token as string;
      return { route: 'GET /e/:token/review', method: 'GET', path: `/e/${token}/review`, writes: [], settle: () => undefined };
    }
    while (this.experts[this.firstExpert]?.done) this.firstExpert++;
    const state = this.experts[k] as ExpertState;
    const token = (this.fixture.experts[k] as { token: string }).token;
    state.busy = true;
    if (state.cursor >= state.pairs.length && state.retry.length === 0) {
      if (state.unanswered > 0) {
        // Some autosave got no answer (timeout): send those pairs again before submitting.
        state.retry.push(...state.pairs.map((_, i) => i).filter((i) => this.ledger.last(expertKey(k, state.pairs[i] as ExpertState['pairs'][0])) === undefined));
        state.unanswered = 0;
      }
      if (state.retry.length === 0) {
        const key = `e:${k}:submit`;
        return {
          route: 'POST /e/:token/submit',
          method: 'POST',
          path: `/e/${token}/submit`,
          body: '{}',
          writes: [{ key, value: 'submitted' }],
          settle: (status) => {
            state.busy = false;
            if (status >= 200 && status < 300) {
              state.done = true;
              this.counts.expertSubmits++;
            } else if (status === 409 || status === 400 || status === 404) state.done = true;
          },
        };
      }
    }
    // Which pairs: a refused one again, a second thought on an earlier one, or the next one to three of the block.
    let indices: number[];
    if (state.retry.length) indices = [state.retry.shift() as number];
    else if (state.cursor > 0 && this.rng.next() < 0.3) indices = [this.rng.nextInt(state.cursor)];
    else {
      const parent = state.pairs[state.cursor]?.parent;
      indices = [];
      const count = 1 + this.rng.nextInt(3);
      while (indices.length < count && state.cursor < state.pairs.length && state.pairs[state.cursor]?.parent === parent) indices.push(state.cursor++);
    }
    const parent = (state.pairs[indices[0] as number] as ExpertState['pairs'][0]).parent;
    indices = indices.filter((i) => state.pairs[i]?.parent === parent);
    const judgments = indices.map((i) => ({ ...(state.pairs[i] as ExpertState['pairs'][0]), value: SAATY_SCALE[this.rng.nextInt(SAATY_SCALE.length)] as number }));
    const writes = judgments.map((j) => ({ key: expertKey(k, j), value: j.value }));
    return {
      route: 'POST /e/:token/autosave',
      method: 'POST',
      path: `/e/${token}/autosave`,
      body: JSON.stringify({ judgments, page: parent }),
      writes,
      settle: (status) => {
        state.busy = false;
        if (status < 200 || status >= 300) {
          if (status === 409 || status === 404) state.done = true;
          else state.retry.push(...indices.filter((i) => this.ledger.last(expertKey(k, state.pairs[i] as ExpertState['pairs'][0])) === undefined));
        }
      },
    };
  }

  /** Marks an expert whose last request never got an answer as free again (its writes stay "maybe applied"). */
  abandon(request: PlannedRequest): void {
    const token = /^\/([esq])\/([^/]+)\//.exec(request.path);
    if (!token) return;
    if (token[1] === 'e') {
      const k = this.fixture.experts.findIndex((e) => e.token === token[2]);
      const state = this.experts[k];
      if (state) {
        state.busy = false;
        state.unanswered++;
      }
    } else if (token[1] === 's') {
      const k = this.fixture.personal.findIndex((p) => p.token === token[2]);
      const state = this.personal[k];
      // A submit that may have been applied cannot be repeated safely: that link is finished.
      if (state) {
        state.busy = false;
        if (request.route.endsWith('submit')) state.done = true;
      }
    }
  }

  private answerSet(n: number): Record<string, string | number> {
    return { ...(this.answers[n % this.answers.length] as Record<string, string | number>) };
  }

  private nextPersonal(): PlannedRequest | null {
    const k = this.pickFree(this.personal, this.firstPersonal);
    if (k < 0) return null;
    while (this.personal[this.firstPersonal]?.done) this.firstPersonal++;
    const state = this.personal[k] as PersonalState;
    const token = (this.fixture.personal[k] as { token: string }).token;
    state.busy = true;
    const full = this.answerSet(k);
    const key = `s:${k}`;
    if (state.step >= 3) {
      const value = `submitted:${canonicalJson(full)}`;
      return {
        route: 'POST /s/:token/submit',
        method: 'POST',
        path: `/s/${token}/submit`,
        body: JSON.stringify({ version: this.fixture.version, data: full }),
        writes: [{ key, value }],
        settle: (status) => {
          state.busy = false;
          if (status >= 200 && status < 300) this.counts.personalSubmits++;
          if ((status >= 200 && status < 300) || status === 409 || status === 400) state.done = true;
        },
      };
    }
    const draft = pageOf(full, state.step);
    return {
      route: 'POST /s/:token/autosave',
      method: 'POST',
      path: `/s/${token}/autosave`,
      body: JSON.stringify({ version: this.fixture.version, data: draft }),
      writes: [{ key, value: `draft:${canonicalJson(draft)}` }],
      settle: (status) => {
        state.busy = false;
        if (status >= 200 && status < 300) state.step++;
        else if (status === 409 || status === 400) state.done = true;
      },
    };
  }

  private nextShared(): PlannedRequest {
    const n = this.sharedCount++;
    const data = { ...this.answerSet(n + 7), suggestion: `shared response ${n}` };
    return {
      route: 'POST /q/:token/submit',
      method: 'POST',
      path: `/q/${this.fixture.sharedToken}/submit`,
      body: JSON.stringify({ version: this.fixture.version, data }),
      writes: [{ key: `q:${n}`, value: 'stored' }],
      settle: (status) => {
        if (status >= 200 && status < 300) this.counts.sharedSubmits++;
      },
    };
  }

  /** Records the writes of a request about to be sent; returns the function to call with its status. */
  begin(request: PlannedRequest): (status: number) => void {
    for (const w of request.writes) this.ledger.send(w.key, w.value);
    return (status: number) => {
      for (const w of request.writes) this.ledger.answer(w.key, w.value, status >= 200 && status < 300);
      request.settle(status);
    };
  }
}

/** The answers of a personal link after page `step` (0: profile; 1: two dimensions more; 2: every rating). */
function pageOf(full: Record<string, string | number>, step: number): Record<string, string | number> {
  const profile = ['role', 'department', 'branch', 'years', 'education'];
  const dimensions = TEMPLATE_DIMENSIONS.slice(0, step === 0 ? 0 : step === 1 ? 2 : TEMPLATE_DIMENSIONS.length);
  const keys = [...profile, ...dimensions.flatMap((d) => d.items.map((i) => i.name))];
  return Object.fromEntries(keys.filter((key) => key in full).map((key) => [key, full[key] as string | number]));
}

/** The stored state of every ledger key, read back from the database. */
export async function storedState(db: Knex, fixture: RespondentFixture): Promise<(key: string) => string | number | null | undefined> {
  const expertOf = new Map(fixture.experts.map((e, k) => [e.invitationId, k]));
  const state = new Map<string, string | number | null>();
  const judgments = (await db('judgments').select('invitation_id', 'parent_node_id', 'left_node_id', 'right_node_id', 'value')) as Record<string, number | null>[];
  for (const r of judgments) {
    const k = expertOf.get(Number(r.invitation_id));
    if (k !== undefined) state.set(`e:${k}:${r.parent_node_id}:${r.left_node_id}:${r.right_node_id}`, r.value === null ? null : Number(r.value));
  }
  const invitations = (await db('expert_invitations').whereIn('id', [...expertOf.keys()]).select('id', 'status')) as { id: number; status: string }[];
  for (const r of invitations) if (r.status === 'submitted') state.set(`e:${expertOf.get(Number(r.id))}:submit`, 'submitted');
  const linkOf = new Map(fixture.personal.map((p, k) => [p.linkId, k]));
  const links = (await db('questionnaire_links').where({ questionnaire_id: fixture.questionnaireId }).select('id', 'status', 'draft')) as { id: number; status: string; draft: string | null }[];
  for (const r of links) if (r.draft) state.set(`s:${linkOf.get(Number(r.id))}`, `draft:${canonicalJson(JSON.parse(r.draft))}`);
  const responses = (await db('questionnaire_responses').where({ questionnaire_id: fixture.questionnaireId }).select('source', 'link_id', 'data')) as { source: string; link_id: number | null; data: string }[];
  for (const r of responses) {
    const data = JSON.parse(r.data) as Record<string, unknown>;
    if (r.source === 'personal' && r.link_id !== null) state.set(`s:${linkOf.get(Number(r.link_id))}`, `submitted:${canonicalJson(data)}`);
    const marker = /^shared response (\d+)$/.exec(String(data.suggestion ?? ''));
    if (r.source === 'shared' && marker) state.set(`q:${marker[1]}`, 'stored');
  }
  return (key) => state.get(key);
}
