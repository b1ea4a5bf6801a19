import { analyseResponses, type ResponseAnalysis } from '../../domain/statistics/analyse-responses.js';
import { compareGroups, type GroupComparison } from '../../domain/statistics/compare-groups.js';
import { crossTabulate, type CrossTabulation } from '../../domain/statistics/cross-tabulate.js';
import { dimensionScores } from '../../domain/statistics/dimension-scores.js';
import type { ItemSpec } from '../../domain/statistics/item-spec.js';
import type { Locale } from '../../i18n/locale.js';
import { ValidationError } from '../../web/http-errors.js';
import type { AuthUser } from '../../web/request-context.js';
import type { CompiledSurvey, QuestionDef } from './compile-survey.js';
import { textIn } from './local-text.js';
import type { QuestionnaireRecord, QuestionnairesRepository, ResponseRecord } from './questionnaires-repository.js';
import type { QuestionnairesService } from './questionnaires-service.js';

/** Which responses an analysis uses: one version or all, and equality filters on profile questions. */
export interface AnalysisScope {
  /** A version number, or undefined for all versions (analysed with the current version's questions). */
  version?: number;
  /** Profile question name → answer code. */
  filters: Record<string, string>;
}

export interface ActiveFilter {
  question: string;
  questionTitle: string;
  value: string;
  label: string;
}

export interface Dataset {
  questionnaire: QuestionnaireRecord;
  /** The version whose questions define the analysis (the chosen one, or the current one for "all"). */
  version: number;
  scopeVersion: number | undefined;
  compiled: CompiledSurvey;
  specs: ItemSpec[];
  locale: Locale;
  /** Response data after the filters. */
  rows: Array<Record<string, unknown>>;
  records: ResponseRecord[];
  /** Responses in the chosen version(s) before filtering. */
  total: number;
  filters: ActiveFilter[];
}

export interface Participation {
  total: number;
  analysed: number;
  sources: Record<string, number>;
  links: { invited: number; started: number; submitted: number; revoked: number };
  /** Personal links: submitted ÷ links sent (not revoked), in percent; null without personal links. */
  responseRate: number | null;
  /** Personal links: submitted ÷ started or submitted, in percent. */
  completionRate: number | null;
  /** Per question: % of analysed respondents who answered it. */
  answered: Record<string, number>;
}

export interface TextAnswer {
  question: string;
  text: string;
}

/** Minimum group size shown as "most concerned" in the diagnosis; smaller groups are too easy to identify. */
export const MIN_GROUP_SIZE = 5;

export function createQuestionnaireAnalysis(deps: { questionnaires: QuestionnairesService; repository: QuestionnairesRepository }) {
  const { questionnaires, repository } = deps;

  function categorical(dataset: Dataset, name: string, field: string): { def: QuestionDef; spec: ItemSpec } {
    const def = dataset.compiled.byName.get(name);
    const spec = dataset.specs.find((s) => s.name === name);
    if (!def || !spec || def.multiple || (def.kind !== 'choice' && def.kind !== 'likert')) {
      throw new ValidationError('questionnaires.analysis.notCategorical', { [field]: 'questionnaires.analysis.notCategorical' }).with({ name });
    }
    return { def, spec };
  }

  async function dataset(user: AuthUser, id: number, scope: AnalysisScope, locale: Locale): Promise<Dataset> {
    const questionnaire = await questionnaires.get(user, id);
    const version = scope.version ?? questionnaire.currentVersion;
    if (scope.version !== undefined && (scope.version < 1 || scope.version > questionnaire.currentVersion)) {
      throw new ValidationError('questionnaires.versionNotFound', { version: 'questionnaires.versionNotFound' });
    }
    // Read together: on SQLite's single connection the page then waits in the queue once, not twice, under load.
    const [compiled, records] = await Promise.all([questionnaires.compiledVersion(id, version), repository.listResponses(id, scope.version)]);
    const filters: ActiveFilter[] = [];
    for (const [name, value] of Object.entries(scope.filters)) {
      if (value === '') continue;
      const def = compiled.byName.get(name);
      if (!def || !def.profile) throw new ValidationError('questionnaires.analysis.badFilter', { [name]: 'questionnaires.analysis.badFilter' }).with({ name });
      const choice = def.choices.find((c) => String(c.value) === value);
      filters.push({ question: name, questionTitle: textIn(def.title, locale), value, label: choice ? textIn(choice.text, locale) : value });
    }
    const rows = records
      .map((r) => r.data)
      .filter((row) => filters.every((f) => row[f.question] !== undefined && row[f.question] !== null && String(row[f.question]) === f.value));
    return { questionnaire, version, scopeVersion: scope.version, compiled, specs: compiled.itemSpecs(locale), locale, rows, records, total: records.length, filters };
  }

  return {
    dataset,

    /** Descriptive statistics and reliability (src/domain/statistics/analyse-responses.ts) of the scoped responses. */
    analyse(data: Dataset): ResponseAnalysis {
      return analyseResponses({ items: data.specs, rows: data.rows });
    },

    async participation(data: Dataset): Promise<Participation> {
      const [links, sources] = await Promise.all([repository.linkCounts(data.questionnaire.id), repository.responseSources(data.questionnaire.id)]);
      const sent = links.invited + links.started + links.submitted;
      const begun = links.started + links.submitted;
      const answered: Record<string, number> = {};
      for (const q of data.compiled.questions) {
        let n = 0;
        for (const row of data.rows) {
          const v = row[q.name];
          if (v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)) n++;
        }
        answered[q.name] = data.rows.length > 0 ? (100 * n) / data.rows.length : 0;
      }
      return {
        total: data.total,
        analysed: data.rows.length,
        sources,
        links,
        responseRate: sent > 0 ? (100 * links.submitted) / sent : null,
        completionRate: begun > 0 ? (100 * links.submitted) / begun : null,
        answered,
      };
    },

    /** χ² cross-tab of two single-answer categorical questions (choice or rating). */
    crosstab(data: Dataset, rowsName: string, colsName: string): CrossTabulation {
      const rowItem = categorical(data, rowsName, 'rows');
      const colItem = categorical(data, colsName, 'cols');
      if (rowsName === colsName) throw new ValidationError('questionnaires.analysis.sameItem', { cols: 'questionnaires.analysis.sameItem' });
      return crossTabulate(data.rows, rowItem.spec, colItem.spec);
    },

    /** Dimension scores (or one rating item) compared across the groups of a profile question. */
    compare(data: Dataset, target: string, byName: string): GroupComparison {
      const by = categorical(data, byName, 'by');
      if (!by.def.profile) throw new ValidationError('questionnaires.analysis.notProfile', { by: 'questionnaires.analysis.notProfile' }).with({ name: byName });
      if (data.compiled.dimensions.includes(target)) {
        return compareGroups(data.rows, dimensionScores(data.rows, data.specs, target), by.spec);
      }
      const item = data.specs.find((s) => s.name === target);
      if (!item || (item.kind !== 'likert' && item.kind !== 'number')) {
        throw new ValidationError('questionnaires.analysis.notScore', { dimension: 'questionnaires.analysis.notScore' }).with({ name: target });
      }
      return compareGroups(data.rows, item, by.spec);
    },

    /** Free-text answers (text questions and "other"/comment boxes), optionally those containing `search`. */
    textAnswers(data: Dataset, search: string): { questions: Array<{ name: string; title: string; answers: string[]; total: number }> } {
      const needle = search.trim().toLowerCase();
      const keys: Array<{ name: string; title: string }> = [];
      for (const q of data.compiled.questions) {
        if (q.kind === 'text') keys.push({ name: q.name, title: textIn(q.title, data.locale) });
        if (q.commentKey) keys.push({ name: q.commentKey, title: `${textIn(q.title, data.locale)} — ${data.locale === 'zh-CN' ? '补充说明' : 'comment'}` });
      }
      return {
        questions: keys.map((key) => {
          const all = data.rows.map((row) => row[key.name]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
          const answers = needle ? all.filter((text) => text.toLowerCase().includes(needle)) : all;
          return { ...key, answers, total: all.length };
        }),
      };
    },
  };
}

export type QuestionnaireAnalysis = ReturnType<typeof createQuestionnaireAnalysis>;
