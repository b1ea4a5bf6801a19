import type { Knex } from 'knex';
import type { ConsensusBand } from '../../domain/ahp/consensus-indicator.js';
import type { Locale } from '../../i18n/locale.js';
import type { Translate } from '../../i18n/translator.js';
import { HttpError } from '../../web/http-errors.js';
import type { AuthUser, Role } from '../../web/request-context.js';
import type { BorrowersService } from '../borrowers/borrowers-service.js';
import { localText } from '../models/model-page.js';
import type { ModelVersion, ModelVersionSummary } from '../models/model-version.js';
import type { ModelsService } from '../models/models-service.js';
import type { PortfolioService, TrendPoint } from '../portfolio/portfolio-service.js';
import type { CountRow } from '../portfolio/portfolio-view.js';
import { buildDiagnosis, type DimensionDiagnosis } from '../questionnaires/build-diagnosis.js';
import type { QuestionnaireAnalysis } from '../questionnaires/questionnaire-analysis.js';
import type { QuestionnairesService } from '../questionnaires/questionnaires-service.js';
import type { WeightSetsService } from '../rounds/weight-sets-service.js';
import { createOverviewRepository } from './overview-repository.js';

/**
 * Who may open each detail page the overview summarises; a section is shown only to the roles that may open its
 * detail (the overview reveals nothing a role could not already read).
 */
export const SECTION_ROLES: Record<'survey' | 'model' | 'portfolio' | 'watch' | 'validation', readonly Role[]> = {
  survey: ['admin', 'researcher', 'manager'], // questionnaires and their diagnosis
  model: ['admin', 'researcher', 'manager', 'credit-officer'], // /models
  portfolio: ['admin', 'researcher', 'manager'], // /portfolio
  watch: ['admin', 'researcher', 'manager', 'credit-officer'], // /borrowers/watch-list
  validation: ['admin', 'researcher', 'manager'], // /validation
};

/** A section the role may not see, or that has nothing to show yet (the page explains which). */
export type Section<T> = { state: 'hidden' } | { state: 'empty' } | ({ state: 'ready' } & T);

export interface SurveySection {
  questionnaire: { id: number; title: string; responses: number };
  respondents: number;
  /** Every dimension, most severe first (rank 1 = the top problem). */
  dimensions: DimensionDiagnosis[];
  summary: string[];
}

export interface ModelSection {
  /** The version in force (null when versions exist but none is approved yet). */
  version: ModelVersion | null;
  criteria: Array<{ id: string; name: string; weight: number }>;
  /** The expert weight set the version's weights came from, when it has one and the reader may open it. */
  weightSet: null | {
    id: number;
    label: string;
    roundLabel: string;
    studyTitle: string;
    experts: number;
    /** Consensus S* of the experts on the criteria (the goal's block) and its verbal band. */
    criteriaConsensus: number | null;
    criteriaBand: ConsensusBand | null;
    /** The block the experts agreed on least. */
    lowest: { name: string; consensus: number; band: ConsensusBand | null } | null;
    overallCr: number | null;
    readable: boolean;
  };
  /** Every version, newest first. */
  history: ModelVersionSummary[];
}

export interface PortfolioSection {
  version: { id: number; name: string };
  portfolio: string | null;
  asOf: string | null;
  count: number;
  scored: number;
  averageScore: number | null;
  npl: null | { count: number; loans: number; ratioByCount: number | null; ratioByBalance: number | null; balance: number; totalBalance: number };
  outcomes: { known: number; defaults: number; rate: number | null };
  byGrade: CountRow[];
  trend: TrendPoint[];
}

export interface WatchSection {
  version: { id: number; name: string };
  portfolio: string | null;
  red: number;
  orange: number;
  yellow: number;
  total: number;
}

/**
 * The latest validation run as the overview shows it. The validation area provides `latestRun()`; until it does
 * (or when nothing has been validated yet) the section says so and links to the validation pages.
 */
export interface ValidationRunSummary {
  id: number;
  name: string;
  createdAt: string;
  /** Versions compared, with their AUC (and DeLong CI) on the run's sample. */
  versions: Array<{ id: number; name: string; auc: number | null; aucCi: [number, number] | null; gini: number | null }>;
  units: number;
  bads: number;
  /** The plain-language verdict, in the reader's language, when the run has one. */
  verdict: string[];
}

export interface ValidationSource {
  latestRun(user: AuthUser, locale: Locale): Promise<ValidationRunSummary | null>;
}

export interface Overview {
  survey: Section<SurveySection>;
  model: Section<ModelSection>;
  portfolio: Section<PortfolioSection>;
  watch: Section<WatchSection>;
  validation: Section<{ run: ValidationRunSummary }>;
}

export interface OverviewDeps {
  questionnaires: QuestionnairesService;
  questionnaireAnalysis: QuestionnaireAnalysis;
  models: ModelsService;
  weightSets: WeightSetsService;
  portfolio: PortfolioService;
  borrowers: BorrowersService;
  db: Knex;
  validation?: ValidationSource;
}

const hidden = { state: 'hidden' } as const;
const empty = { state: 'empty' } as const;

/**
 * The management overview (one page that pulls the diagnosis together): the staff survey's diagnosis, the model
 * in force, the portfolio's risk and early warnings, and the latest validation. Every figure comes from the
 * service that owns it, so the overview always agrees with the detail pages it links to.
 */
export function createOverviewService(deps: OverviewDeps) {
  const { questionnaires, questionnaireAnalysis, models, weightSets, portfolio, borrowers } = deps;
  const repository = createOverviewRepository(deps.db);
  const may = (section: keyof typeof SECTION_ROLES, user: AuthUser) => SECTION_ROLES[section].includes(user.role);

  /** The version in force today, else the newest approved one (the portfolio page's choice too). */
  async function currentVersion(today: string): Promise<ModelVersion | null> {
    const effective = await models.effectiveVersionAt(today);
    if (effective) return effective;
    const approved = await models.approvedVersions();
    return approved[0] ? models.getModelVersion(approved[0].id) : null;
  }

  /** The portfolio with the newest snapshot (the portfolio page's default). */
  async function defaultPortfolio(): Promise<string | null> {
    const list = await borrowers.portfolios();
    return list.slice().sort((a, b) => (b.latestAsOf ?? '').localeCompare(a.latestAsOf ?? ''))[0]?.portfolio ?? null;
  }

  /** The diagnosis of the newest questionnaire (by creation) that has responses, over all its versions. */
  async function survey(user: AuthUser, locale: Locale, t: Translate): Promise<Section<SurveySection>> {
    if (!may('survey', user)) return hidden;
    const latest = (await questionnaires.list(user)).find((q) => q.responses > 0);
    if (!latest) return empty;
    const data = await questionnaireAnalysis.dataset(user, latest.id, { filters: {} }, locale);
    const diagnosis = buildDiagnosis(data, questionnaireAnalysis.analyse(data), t);
    return {
      state: 'ready',
      questionnaire: { id: latest.id, title: latest.title, responses: latest.responses },
      respondents: diagnosis.respondents,
      dimensions: diagnosis.dimensions,
      summary: diagnosis.summary,
    };
  }

  async function modelSection(user: AuthUser, version: ModelVersion | null, locale: Locale): Promise<Section<ModelSection>> {
    if (!may('model', user)) return hidden;
    const history = await models.listModelVersions();
    if (!version) return history.length ? { state: 'ready', version: null, criteria: [], weightSet: null, history } : empty;
    const criteria = version.definition.criteria.map((c) => ({ id: c.id, name: localText(c.names, locale), weight: c.weight }));
    const ids = version.source.weightSetIds ?? [];
    let weightSet: ModelSection['weightSet'] = null;
    if (ids.length) {
      // A time-decay blend names several weight sets, oldest first: the newest carries the current consensus.
      const id = ids[ids.length - 1] as number;
      const view = await weightSets.getWeightSet(id, locale).catch((error: unknown) => {
        if (error instanceof HttpError && error.status === 404) return null;
        throw error;
      });
      if (view) {
        const goal = view.nodes[String(view.tree.id)];
        const blocks = Object.values(view.nodes).filter((n) => n.consensus !== null && n.children.length >= 2);
        const lowest = blocks.sort((a, b) => (a.consensus as number) - (b.consensus as number))[0];
        // The experts' agreement is shown to those who may open the weight set (its study's readers).
        const readable = await weightSets.get(user, id, locale).then(() => true, () => false);
        weightSet = {
          id, label: view.label, roundLabel: view.roundLabel, studyTitle: view.studyTitle, experts: view.experts.length,
          criteriaConsensus: readable ? goal?.consensus ?? null : null, criteriaBand: readable ? goal?.consensusBand ?? null : null,
          lowest: readable && lowest ? { name: lowest.name, consensus: lowest.consensus as number, band: lowest.consensusBand } : null,
          overallCr: readable ? view.results.overallCr : null, readable,
        };
      }
    }
    return { state: 'ready', version, criteria, weightSet, history };
  }

  async function portfolioSection(user: AuthUser, version: ModelVersion | null, name: string | null): Promise<Section<PortfolioSection>> {
    if (!may('portfolio', user)) return hidden;
    if (!version) return empty;
    const data = await portfolio.view({ version, portfolio: name });
    const c = data.current;
    if (c.count === 0) return empty;
    const sm = c.summary;
    return {
      state: 'ready',
      version: { id: version.id, name: version.name },
      portfolio: name, asOf: data.asOf, count: c.count, scored: c.scored, averageScore: c.averageScore,
      npl: sm ? { count: sm.npl.count, loans: sm.count, ratioByCount: sm.npl.ratioByCount, ratioByBalance: sm.npl.ratioByBalance, balance: sm.npl.balance, totalBalance: sm.totalBalance } : null,
      outcomes: c.outcomes, byGrade: c.byGrade, trend: data.trend,
    };
  }

  async function watchSection(user: AuthUser, version: ModelVersion | null, name: string | null): Promise<Section<WatchSection>> {
    if (!may('watch', user)) return hidden;
    if (!version) return empty;
    const counts = await repository.warningCounts(version.id, name);
    const count = (level: string) => counts.get(level) ?? 0;
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
    return { state: 'ready', version: { id: version.id, name: version.name }, portfolio: name, red: count('red'), orange: count('orange'), yellow: count('yellow'), total };
  }

  async function validationSection(user: AuthUser, locale: Locale): Promise<Section<{ run: ValidationRunSummary }>> {
    if (!may('validation', user)) return hidden;
    const run = deps.validation ? await deps.validation.latestRun(user, locale) : null;
    return run ? { state: 'ready', run } : empty;
  }

  return {
    currentVersion,
    defaultPortfolio,

    async overview(user: AuthUser, locale: Locale, t: Translate, today = new Date().toISOString().slice(0, 10)): Promise<Overview> {
      // One after another: on SQLite the pool has one connection, so parallel queries would only queue.
      const version = await currentVersion(today);
      const name = await defaultPortfolio();
      return {
        survey: await survey(user, locale, t),
        model: await modelSection(user, version, locale),
        portfolio: await portfolioSection(user, version, name),
        watch: await watchSection(user, version, name),
        validation: await validationSection(user, locale),
      };
    },
  };
}

export type OverviewService = ReturnType<typeof createOverviewService>;
