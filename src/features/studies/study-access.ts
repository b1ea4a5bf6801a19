import type { AuthUser } from '../../web/request-context.js';

/** The fields of a study that decide who may see or change it. */
export interface StudyOwnership {
  ownerId: number | null;
  isDemo: boolean;
}

/**
 * Who may read a study: administrators and managers (read-only reviewers) every study; researchers their own and
 * the demo studies; nobody else. Services answer 404 when this is false, so a study's existence is not revealed.
 */
export function canReadStudy(user: Pick<AuthUser, 'id' | 'role'>, study: StudyOwnership): boolean {
  if (user.role === 'admin' || user.role === 'manager') return true;
  if (user.role === 'researcher') return study.ownerId === user.id || study.isDemo;
  return false;
}

/** Who may change a study (hierarchy, rounds, invitations): its owner and administrators; managers never. */
export function canWriteStudy(user: Pick<AuthUser, 'id' | 'role'>, study: StudyOwnership): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'researcher' && study.ownerId === user.id;
}

/**
 * Who may aggregate a round of a study into a new weight set and export its data: writers, plus every researcher
 * on a demo study (creating a weight set changes nothing that exists, so the demo stays intact).
 */
export function canAnalyseStudy(user: Pick<AuthUser, 'id' | 'role'>, study: StudyOwnership): boolean {
  return canWriteStudy(user, study) || (user.role === 'researcher' && study.isDemo);
}
