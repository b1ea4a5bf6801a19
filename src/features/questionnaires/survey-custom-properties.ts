import { Serializer } from 'survey-core';

let registered = false;

/**
 * Registers the analysis properties every question may carry, on the server's SurveyJS serializer (the browser
 * registers the same two in public/js/respond-survey.js): `dimension` (the subscale an item belongs to) and
 * `reverse` (reverse-coded: analysed as min + max − x on the item's own scale). Without this, SurveyJS would report
 * them as unknown properties. Idempotent.
 */
export function registerAnalysisProperties(): void {
  if (registered) return;
  registered = true;
  if (!Serializer.findProperty('question', 'dimension')) {
    Serializer.addProperty('question', { name: 'dimension', type: 'string', category: 'analysis' });
  }
  if (!Serializer.findProperty('question', 'reverse')) {
    Serializer.addProperty('question', { name: 'reverse:boolean', default: false, category: 'analysis' });
  }
}
