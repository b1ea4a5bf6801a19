import type { Knex } from 'knex';
import { synthesiseHierarchy } from '../../domain/ahp/synthesise-hierarchy.js';
import { ConflictError, NotFoundError, ValidationError } from '../../web/http-errors.js';
import { hashSecretToken, looksLikeSecretToken } from '../../web/secret-token.js';
import { buildTree, leafNodes, parentNodes, type TreeNode } from '../studies/hierarchy-tree.js';
import { canonicalPair, canonicaliseJudgments, indexParents, isBlock, totalPairs, type ParentIndex } from './judgment-input.js';
import { nodeConsistency, type NodeConsistency } from './node-consistency.js';
import type { AutosaveInput } from './rounds-schemas.js';
import type { InvitationRecord, RoundRecord, RoundsRepository, StoredJudgment } from './rounds-repository.js';
import { acceptsAnswers } from './rounds-service.js';

/** What the expert page shows for a block: the server's CR and hints, never a value computed by the browser. */
export interface BlockFeedback extends NodeConsistency {
  id: number;
  /** CR above the round's threshold. */
  flagged: boolean;
}

export interface AutosaveResult {
  saved: number;
  cleared: number;
  status: 'started';
  nodes: BlockFeedback[];
  progress: { answered: number; total: number };
}

export type ExpertPageKind = 'questionnaire' | 'submitted' | 'closed' | 'not-open';

export interface ExpertServiceDeps {
  db: Knex;
  rounds: RoundsRepository;
  now: () => Date;
}

interface Resolved {
  invitation: InvitationRecord;
  round: RoundRecord;
}

/**
 * The expert's side of a round, reached only through the personal link. The server is the truth (issue 4 point 5):
 * it accepts only scale values for pairs of the round's frozen hierarchy, from a valid, unrevoked, unexpired,
 * unsubmitted invitation of an open round; it recomputes every CR itself; saving the same answers twice changes
 * nothing; a second submit is 409. Wrong, revoked and expired links all get the same neutral "not found".
 */
export function createExpertService(deps: ExpertServiceDeps) {
  const { db, rounds } = deps;
  // A round's frozen hierarchy never changes once written (round_nodes are only inserted when a round first
  // opens), so each process may keep the parsed tree; nothing another instance needs lives here.
  const frozen = new Map<number, { root: TreeNode | undefined; index: ParentIndex }>();
  const FROZEN_CACHE_SIZE = 200;

  async function resolve(token: string): Promise<Resolved> {
    if (!looksLikeSecretToken(token)) throw new NotFoundError('expert.linkInvalid');
    const found = await rounds.findInvitationAndRound(hashSecretToken(token));
    const now = deps.now().toISOString();
    const expired = found?.invitation.expiresAt && found.invitation.expiresAt < now && found.invitation.status !== 'submitted';
    if (!found || found.invitation.revokedAt || expired) throw new NotFoundError('expert.linkInvalid');
    return found;
  }

  async function frozenTree(round: RoundRecord): Promise<{ root: TreeNode | undefined; index: ParentIndex }> {
    const cached = frozen.get(round.id);
    if (cached) return cached;
    const root = buildTree(await rounds.roundNodes(round.id));
    const entry = { root, index: indexParents(root) };
    if (root) {
      if (frozen.size >= FROZEN_CACHE_SIZE) frozen.delete(frozen.keys().next().value as number);
      frozen.set(round.id, entry);
    }
    return entry;
  }

  function feedback(round: RoundRecord, id: number, result: NodeConsistency): BlockFeedback {
    return { id, ...result, flagged: result.cr !== null && result.cr > round.crThreshold + 1e-12 };
  }

  /** Per block: the CR and hints from exactly these judgments (the engine, never the client). */
  function consistencyOf(round: RoundRecord, index: ParentIndex, parentIds: readonly number[], judgments: readonly StoredJudgment[]) {
    return parentIds.map((parentId) => ({
      nodeId: parentId,
      result: nodeConsistency(index.children.get(parentId) as number[], judgments.filter((j) => j.parentId === parentId), round.priorityMethod, round.riTable),
    }));
  }

  const key = (j: { parentId: number; leftId: number; rightId: number }) => `${j.parentId}:${j.leftId}:${j.rightId}`;
  function checkOpen(round: RoundRecord): void {
    if (!acceptsAnswers(round, deps.now())) throw new ConflictError('expert.roundClosed');
  }

  /** Why a conditional write on the invitation was refused: submitted (409), closed (409) or the link is gone (404). */
  async function refusal(invitationId: number, roundId: number, trx: Knex): Promise<never> {
    const current = await rounds.findInvitation(invitationId, trx);
    if (current?.status === 'submitted') throw new ConflictError('expert.alreadySubmitted');
    const round = await rounds.findRound(roundId, trx);
    if (current && !current.revokedAt && round && !acceptsAnswers(round, deps.now())) throw new ConflictError('expert.roundClosed');
    throw new NotFoundError('expert.linkInvalid');
  }

  return {
    resolve,

    /** Everything the expert page needs: which page to show, the frozen blocks, saved answers and feedback. */
    async page(token: string) {
      const { invitation, round } = await resolve(token);
      const { root } = await frozenTree(round);
      const kind: ExpertPageKind =
        invitation.status === 'submitted' ? 'submitted' : round.status === 'draft' || !root ? 'not-open' : acceptsAnswers(round, deps.now()) ? 'questionnaire' : 'closed';
      const judgments = root ? await rounds.judgmentsOf(invitation.id) : [];
      const results = root ? await rounds.nodeResultsOf(invitation.id) : [];
      const blocks = parentNodes(root).filter((p) => p.children.length >= 2);
      return {
        kind,
        invitation,
        round,
        root,
        blocks,
        judgments,
        feedback: results.map((r) => feedback(round, r.nodeId, r)),
        progress: { answered: judgments.length, total: totalPairs(indexParents(root)) },
      };
    },

    /**
     * Saves judgments (upsert per pair; "clear" removes answers), the page to resume at, and returns the server's
     * CR, top-3 inconsistent judgments and suggestions for each block touched. Everything is checked before
     * anything is written, and the write is one transaction: a conditional claim of the invitation (link still
     * valid, not submitted, round open), the judgments, the recomputed block results, the progress.
     */
    async autosave(token: string, input: AutosaveInput): Promise<AutosaveResult> {
      const { invitation, round } = await resolve(token);
      if (invitation.status === 'submitted') throw new ConflictError('expert.alreadySubmitted');
      checkOpen(round);
      const { index } = await frozenTree(round);
      const judgments = canonicaliseJudgments(index, input.judgments, { allowNoOpinion: round.allowNoOpinion });
      const cleared = input.clear.map((pair, i) => canonicalPair(index, pair, input.judgments.length + i));
      const keys = new Set(judgments.map(key));
      cleared.forEach((c, i) => {
        if (keys.has(key(c))) {
          throw new ValidationError('expert.error.duplicatePair', {}, { judgment: input.judgments.length + i }).with({ index: input.judgments.length + i + 1 });
        }
      });
      if (input.page !== undefined && input.page !== null && !isBlock(index, input.page)) throw new ValidationError('expert.error.unknownPage');
      const touched = [...new Set([...judgments.map((j) => j.parentId), ...cleared.map((c) => c.parentId)])];

      const saved = await db.transaction(async (trx) => {
        const now = deps.now().toISOString();
        const claimed = await rounds.touchIfAnswerable(
          invitation.id,
          hashSecretToken(token),
          {
            status: 'started',
            startedAt: invitation.startedAt ?? now,
            lastActivityAt: now,
            ...(input.page !== undefined && input.page !== null ? { currentNodeId: input.page } : {}),
          },
          trx,
        );
        if (!claimed) return refusal(invitation.id, round.id, trx);
        await rounds.upsertJudgments(invitation.id, judgments, now, trx);
        await rounds.deleteJudgments(invitation.id, cleared, trx);
        // The consistency of each touched block from what is now stored (the engine takes well under a
        // millisecond for a block, so it is computed here, inside the transaction, from the committed truth).
        const results = touched.length ? consistencyOf(round, index, touched, await rounds.judgmentsOfBlocks(invitation.id, touched, trx)) : [];
        await rounds.upsertNodeResults(invitation.id, results, round.riTable, now, trx);
        return results;
      });
      // Progress is read after the commit: it is information for the page, not part of what must be atomic, and the
      // shorter the transaction, the sooner the single SQLite writer is free for the next expert.
      const answered = await rounds.countJudgments(invitation.id);
      return {
        saved: judgments.length,
        cleared: cleared.length,
        status: 'started' as const,
        nodes: saved.map((r) => feedback(round, r.nodeId, r.result)),
        progress: { answered, total: totalPairs(index) },
      };
    },

    /** The review before submitting: the expert's own local and global weights and CR per block, and what blocks a submit. */
    async review(token: string) {
      const { invitation, round } = await resolve(token);
      const { root } = await frozenTree(round);
      const blocks = parentNodes(root).filter((p) => p.children.length >= 2);
      const results = new Map((await rounds.nodeResultsOf(invitation.id)).map((r) => [r.nodeId, r]));
      const problems: { node: number; problem: 'incomplete' | 'disconnected' | 'crTooHigh' }[] = [];
      const nodes = blocks.map((block) => {
        const r = results.get(block.id);
        const pairs = (block.children.length * (block.children.length - 1)) / 2;
        const answered = r?.answered ?? 0;
        const flagged = r?.cr !== null && r?.cr !== undefined && r.cr > round.crThreshold + 1e-12;
        if (answered < pairs) problems.push({ node: block.id, problem: 'incomplete' });
        else if (!r?.connected) problems.push({ node: block.id, problem: 'disconnected' });
        else if (flagged && round.crPolicy === 'require') problems.push({ node: block.id, problem: 'crTooHigh' });
        return { id: block.id, children: block.children.map((c) => c.id), weights: r?.weights ?? null, cr: r?.cr ?? null, flagged, answered, pairs, noOpinion: r?.noOpinion ?? 0 };
      });
      let globalWeights: Record<string, number> | null = null;
      if (root && nodes.every((n) => n.weights)) {
        const all = parentNodes(root).map((p) => ({
          id: String(p.id),
          children: p.children.map((c) => String(c.id)),
          weights: p.children.length === 1 ? [1] : ((nodes.find((n) => n.id === p.id)?.weights as number[]) ?? []),
        }));
        globalWeights = synthesiseHierarchy({ goal: String(root.id), nodes: all }).globalWeights;
      }
      return {
        status: invitation.status,
        crThreshold: round.crThreshold,
        crPolicy: round.crPolicy,
        nodes,
        leaves: leafNodes(root).map((l) => l.id),
        globalWeights,
        problems,
        canSubmit: invitation.status !== 'submitted' && acceptsAnswers(round, deps.now()) && problems.length === 0,
      };
    },

    /**
     * Submits: every pair answered ("no opinion" where allowed), every block's judgments linking all its children,
     * and — when the round requires it — every CR within the threshold. CRs are recomputed here from the stored
     * judgments. A second submit is 409 and changes nothing.
     */
    async submit(token: string): Promise<{ status: 'submitted'; submittedAt: string }> {
      const { invitation, round } = await resolve(token);
      if (invitation.status === 'submitted') throw new ConflictError('expert.alreadySubmitted');
      checkOpen(round);
      const { index } = await frozenTree(round);
      const blocks = [...index.children.keys()];
      return db.transaction(async (trx) => {
        const now = deps.now().toISOString();
        const fresh = (await rounds.findRound(round.id, trx)) as RoundRecord;
        checkOpen(fresh);
        // The conditional update takes the row first, so two submits cannot both pass.
        if (!(await rounds.markSubmitted(invitation.id, hashSecretToken(token), now, trx))) return refusal(invitation.id, round.id, trx);
        const results = consistencyOf(fresh, index, blocks, await rounds.judgmentsOfBlocks(invitation.id, blocks, trx));
        await rounds.upsertNodeResults(invitation.id, results, fresh.riTable, now, trx);
        const problems: { node: number; problem: string }[] = [];
        for (const { nodeId, result } of results) {
          const fb = feedback(fresh, nodeId, result);
          if (fb.answered < fb.pairs) problems.push({ node: nodeId, problem: 'incomplete' });
          else if (!fb.connected) problems.push({ node: nodeId, problem: 'disconnected' });
          else if (fb.flagged && fresh.crPolicy === 'require') problems.push({ node: nodeId, problem: 'crTooHigh' });
        }
        if (problems.length) {
          const key = problems.some((p) => p.problem === 'incomplete') ? 'expert.incomplete' : problems.some((p) => p.problem === 'disconnected') ? 'expert.disconnected' : 'expert.crTooHigh';
          // Throwing rolls back the status change and the recomputed results: nothing is stored.
          throw new ValidationError(key, {}, { problems });
        }
        return { status: 'submitted' as const, submittedAt: now };
      });
    },
  };
}

export type ExpertService = ReturnType<typeof createExpertService>;
