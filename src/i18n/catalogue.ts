import { ahpMessages } from './messages/ahp.js';
import { commonMessages } from './messages/common.js';
import { questionnairesMessages } from './messages/questionnaires.js';
import { studiesMessages } from './messages/studies.js';
import { mergeCatalogues } from './translator.js';

/** Every area's messages; an area adds its file to this list. */
export const CATALOGUES = mergeCatalogues([commonMessages, ahpMessages, studiesMessages, questionnairesMessages]);
