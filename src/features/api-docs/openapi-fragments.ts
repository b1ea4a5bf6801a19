import { ahpOpenApi } from '../ahp-calculator/ahp-openapi.js';
import { roundsOpenApi } from '../rounds/rounds-openapi.js';
import { questionnairesOpenApi } from '../questionnaires/questionnaires-openapi.js';
import { modelsOpenApi } from '../models/models-openapi.js';
import { policiesOpenApi } from '../policies/policies-openapi.js';
import { validationOpenApi } from '../validation/validation-openapi.js';
import { decisionsOpenApi } from '../decisions/decisions-openapi.js';
import type { OpenApiFragment } from './openapi-document.js';

/** Each area's part of the OpenAPI document; an area that adds API routes adds its fragment here. */
export const OPENAPI_FRAGMENTS: OpenApiFragment[] = [ahpOpenApi, roundsOpenApi, questionnairesOpenApi, modelsOpenApi, policiesOpenApi, validationOpenApi, decisionsOpenApi];
