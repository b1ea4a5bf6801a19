import { ahpMessages } from './messages/ahp.js';
import { borrowersMessages } from './messages/borrowers.js';
import { commonMessages } from './messages/common.js';
import { decisionsMessages } from './messages/decisions.js';
import { modelsMessages } from './messages/models.js';
import { policiesMessages } from './messages/policies.js';
import { overviewMessages } from './messages/overview.js';
import { portfolioMessages } from './messages/portfolio.js';
import { questionnairesMessages } from './messages/questionnaires.js';
import { studiesMessages } from './messages/studies.js';
import { validationMessages } from './messages/validation.js';
import { mergeCatalogues } from './translator.js';

/** Every area's messages; an area adds its file to this list. */
export const CATALOGUES = mergeCatalogues([commonMessages, ahpMessages, studiesMessages, questionnairesMessages, modelsMessages, borrowersMessages, portfolioMessages, policiesMessages, overviewMessages, decisionsMessages, validationMessages]);
