import type { Request } from 'express';
import { parseInput } from '../../web/forms.js';
import { ValidationError } from '../../web/http-errors.js';
import type { AuthUser } from '../../web/request-context.js';
import { access, route, type RouteDef } from '../../web/route-table.js';
import type { QuestionnaireAnalysis } from './questionnaire-analysis.js';
import { ImportRejectedError } from './questionnaire-errors.js';
import { CreateQuestionnaireRequest, Id, ImportRowsRequest, queryName, scopeFromQuery } from './questionnaires-schemas.js';
import type { QuestionnairesService } from './questionnaires-service.js';
import { readCsvTable, ResponseFileError } from './response-file.js';

/**
 * The questionnaire JSON API (`/api/v1`, Bearer token; documented in questionnaires-openapi.ts): create from SurveyJS
 * JSON, import responses (JSON rows or a CSV body, all or nothing), and the analysis, cross-tab and group
 * comparison, each with the same optional scope as the pages (`version`, `f.<question>=<code>`).
 */
export function questionnairesApiRoutes(deps: { questionnaires: QuestionnairesService; analysis: QuestionnaireAnalysis }): RouteDef[] {
  const { questionnaires, analysis } = deps;
  const reader = access.api('admin', 'researcher', 'manager');
  const writer = access.api('admin', 'researcher');
  const actor = (req: Request) => req.user as AuthUser;
  const id = (req: Request) => Id.parse(req.params.id);
  const scoped = (req: Request) => analysis.dataset(actor(req), id(req), scopeFromQuery(req.query as Record<string, unknown>), req.locale);
  const required = (req: Request, name: string) => {
    const value = queryName(req.query as Record<string, unknown>, name);
    if (!value) throw new ValidationError(`The query parameter "${name}" is required.`, { [name]: 'validation.required' });
    return value;
  };

  return [
    route.get('/api/v1/questionnaires', reader, { summary: 'Questionnaires the token’s user may read' }, async (req, res) => {
      const list = await questionnaires.list(actor(req));
      res.json({
        questionnaires: list.map((q) => ({ id: q.id, title: q.title, status: q.status, version: q.currentVersion, anonymous: q.anonymous, isDemo: q.isDemo, responses: q.responses })),
      });
    }),
    route.post('/api/v1/questionnaires', writer, { bodyLimit: '2mb', summary: 'Create a questionnaire from SurveyJS JSON' }, async (req, res) => {
      const input = parseInput(CreateQuestionnaireRequest, req.body);
      const created = await questionnaires.create(actor(req), { title: input.title, description: input.description ?? '', schema: input.schema }, req.t, req.ip ?? null);
      res.status(201).json({ id: created });
    }),
    route.get('/api/v1/questionnaires/:id', reader, { summary: 'A questionnaire with its current SurveyJS JSON' }, async (req, res) => {
      const { questionnaire: q, compiled, version } = await questionnaires.withVersion(actor(req), id(req));
      res.json({
        id: q.id, title: q.title, description: q.description, status: q.status, version, anonymous: q.anonymous, isDemo: q.isDemo,
        deadline: q.deadline, responseLimit: q.responseLimit, dimensions: compiled.dimensions, schema: compiled.schema,
      });
    }),
    route.post(
      '/api/v1/questionnaires/:id/responses',
      writer,
      { body: ['json', 'csv'], bodyLimit: '20mb', summary: 'Import responses (JSON rows or CSV), all or nothing' },
      async (req, res) => {
        if (typeof req.body === 'string') {
          let table;
          try {
            table = readCsvTable(req.body);
          } catch (error) {
            if (error instanceof ResponseFileError) {
              throw new ImportRejectedError([{ row: 1, question: '', message: req.t(`questionnaires.import.${error.code}`, error.params) }], 'questionnaires.import.unreadable');
            }
            throw error;
          }
          const result = await questionnaires.importResponses(actor(req), id(req), { kind: 'table', table }, 'api', req.locale, req.t, req.ip ?? null);
          return res.status(201).json(result);
        }
        const input = parseInput(ImportRowsRequest, req.body);
        const result = await questionnaires.importResponses(actor(req), id(req), { kind: 'rows', rows: input.rows }, 'api', req.locale, req.t, req.ip ?? null);
        res.status(201).json(result);
      },
    ),
    route.get('/api/v1/questionnaires/:id/analysis', reader, { summary: 'Item statistics, dimension scores and reliability' }, async (req, res) => {
      const data = await scoped(req);
      const result = analysis.analyse(data);
      res.json({ version: data.scopeVersion ?? 'all', filters: data.filters.map((f) => ({ question: f.question, value: f.value })), ...result });
    }),
    route.get('/api/v1/questionnaires/:id/crosstab', reader, { summary: 'Cross-tab of two categorical questions with χ², p, Cramér’s V' }, async (req, res) => {
      const rows = required(req, 'rows');
      const cols = required(req, 'cols');
      const result = analysis.crosstab(await scoped(req), rows, cols);
      // The contract's lowExpected is a boolean: false when no χ² test could be made (see notes).
      res.json({ ...result, lowExpected: result.lowExpected === true });
    }),
    route.get('/api/v1/questionnaires/:id/compare', reader, { summary: 'A dimension score compared across a profile question (Kruskal–Wallis, ANOVA)' }, async (req, res) => {
      const dimension = required(req, 'dimension');
      const by = required(req, 'by');
      res.json(analysis.compare(await scoped(req), dimension, by));
    }),
  ];
}
