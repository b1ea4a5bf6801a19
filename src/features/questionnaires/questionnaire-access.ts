import type { AuthUser } from '../../web/request-context.js';

export interface QuestionnaireOwnership {
  ownerId: number | null;
  isDemo: boolean;
}

/**
 * Who may read a questionnaire and its analysis: administrators and managers (read-only reviewers) every one;
 * researchers their own and the demo ones. Services answer 404 otherwise, so a questionnaire's existence is not
 * revealed. (The same rule as studies, see src/features/studies/study-access.ts.)
 */
export function canReadQuestionnaire(user: Pick<AuthUser, 'id' | 'role'>, q: QuestionnaireOwnership): boolean {
  if (user.role === 'admin' || user.role === 'manager') return true;
  if (user.role === 'researcher') return q.ownerId === user.id || q.isDemo;
  return false;
}

/** Who may change a questionnaire (JSON, settings, links, imports): its owner and administrators; managers never. */
export function canWriteQuestionnaire(user: Pick<AuthUser, 'id' | 'role'>, q: QuestionnaireOwnership): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'researcher' && q.ownerId === user.id;
}
