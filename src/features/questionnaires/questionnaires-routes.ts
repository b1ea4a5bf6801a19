import type { RouteDef } from '../../web/route-table.js';
import { questionnaireAnalysisRoutes } from './questionnaire-analysis-routes.js';
import type { QuestionnaireAnalysis } from './questionnaire-analysis.js';
import { questionnairePagesRoutes } from './questionnaire-pages-routes.js';
import { questionnairesApiRoutes } from './questionnaires-api-routes.js';
import type { QuestionnairesService } from './questionnaires-service.js';
import { respondRoutes } from './respond-routes.js';

export interface QuestionnairesRouteDeps {
  questionnaires: QuestionnairesService;
  analysis: QuestionnaireAnalysis;
  publicUrl: string;
}

/**
 * Every route of the questionnaire area, in this order: the researcher's pages (`/questionnaires/new` before
 * `/questionnaires/:id`), the analysis pages and exports, the respondents' link pages (`/q/:token`, `/s/:token`),
 * and the JSON API.
 */
export function questionnairesRoutes(deps: QuestionnairesRouteDeps): RouteDef[] {
  return [
    ...questionnairePagesRoutes({ questionnaires: deps.questionnaires, publicUrl: deps.publicUrl }),
    ...questionnaireAnalysisRoutes({ questionnaires: deps.questionnaires, analysis: deps.analysis }),
    ...respondRoutes({ questionnaires: deps.questionnaires }),
    ...questionnairesApiRoutes({ questionnaires: deps.questionnaires, analysis: deps.analysis }),
  ];
}
