import { parse as parseCsv } from 'csv-parse/sync';
import type { Knex } from 'knex';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../web/http-errors.js';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from '../../web/secret-token.js';
import type { AuditService } from '../audit/audit-service.js';
import { buildTree, parentNodes, type TreeNode } from '../studies/hierarchy-tree.js';
import type { Actor, StudiesService, StudyView } from '../studies/studies-service.js';
import { canAnalyseStudy, canWriteStudy } from '../studies/study-access.js';
import { indexParents, totalPairs } from './judgment-input.js';
import type { InvitationRecord, RoundRecord, RoundSettings, RoundsRepository, StoredJudgment, StoredNodeResult } from './rounds-repository.js';

export interface RoundInput extends RoundSettings {
  label: string;
}

export interface NewInvitation {
  name: string;
  email?: string | undefined;
  organisation?: string | undefined;
  weight: number;
  expiresAt?: string | undefined;
}

export type InvitationDisplayStatus = 'invited' | 'started' | 'submitted' | 'revoked' | 'expired';

export interface InvitationProgress extends InvitationRecord {
  displayStatus: InvitationDisplayStatus;
  answered: number;
  total: number;
  /** Per block: CR, whether it is above the round's threshold, answered / pairs. */
  blocks: Record<string, { cr: number | null; flagged: boolean; answered: number; pairs: number; connected: boolean }>;
  maxCr: number | null;
  flagged: boolean;
}

export interface RoundContext {
  round: RoundRecord;
  study: StudyView;
  canWrite: boolean;
  canAnalyse: boolean;
}

export const MAX_BULK_INVITATIONS = 500;

/** End of the given day (UTC) as an ISO timestamp; answers are accepted until then. */
export function endOfDay(date: string): string {
  return `${date}T23:59:59.999Z`;
}

export function displayStatus(invitation: InvitationRecord, now: Date): InvitationDisplayStatus {
  if (invitation.revokedAt) return 'revoked';
  if (invitation.status !== 'submitted' && invitation.expiresAt && invitation.expiresAt < now.toISOString()) return 'expired';
  return invitation.status;
}

/** Whether a round takes answers now: open and before its deadline. */
export function acceptsAnswers(round: RoundRecord, now: Date): boolean {
  return round.status === 'open' && !(round.deadline && round.deadline < now.toISOString());
}

export interface RoundsServiceDeps {
  db: Knex;
  rounds: RoundsRepository;
  studies: StudiesService;
  audit: AuditService;
  now: () => Date;
}

/**
 * Expert rounds as the researcher sees them: settings, opening (which freezes a copy of the hierarchy), closing,
 * invitations with personal links, and the monitoring of answers. Access follows the round's study.
 */
export function createRoundsService(deps: RoundsServiceDeps) {
  const { db, rounds, studies, audit } = deps;
  const nowIso = () => deps.now().toISOString();
  const actorId = (actor: Actor) => (actor.id > 0 ? actor.id : null);

  async function context(actor: Actor, roundId: number, trx: Knex = db): Promise<RoundContext> {
    const round = await rounds.findRound(roundId, trx);
    if (!round) throw new NotFoundError('rounds.notFound');
    const study = studies.access.view(actor, await studies.access.readable(actor, round.studyId, trx).catch(() => {
      throw new NotFoundError('rounds.notFound');
    }));
    return { round, study, canWrite: canWriteStudy(actor, study), canAnalyse: canAnalyseStudy(actor, study) };
  }

  async function writableContext(actor: Actor, roundId: number, trx: Knex = db): Promise<RoundContext> {
    const ctx = await context(actor, roundId, trx);
    if (!ctx.canWrite) throw new ForbiddenError('studies.readOnly');
    return ctx;
  }

  /** The round's frozen hierarchy once opened; before that, the study's current hierarchy (a preview). */
  async function hierarchyOf(round: RoundRecord, trx: Knex = db): Promise<{ root: TreeNode | undefined; frozen: boolean }> {
    const frozenNodes = await rounds.roundNodes(round.id, trx);
    if (frozenNodes.length) return { root: buildTree(frozenNodes), frozen: true };
    return { root: await studies.treeForFreeze(round.studyId, trx), frozen: false };
  }

  function checkSettings(input: RoundInput): void {
    if (!(input.crThreshold > 0 && input.crThreshold <= 1)) throw new ValidationError('errors.invalidInput', { crThreshold: 'validation.invalid' });
  }

  async function requireInvitation(roundId: number, invitationId: number, trx: Knex): Promise<InvitationRecord> {
    const invitation = await rounds.findInvitation(invitationId, trx);
    if (!invitation || invitation.roundId !== roundId) throw new NotFoundError('rounds.invitation.notFound');
    return invitation;
  }

  function progressOf(round: RoundRecord, invitations: InvitationRecord[], counts: Map<number, number>, results: StoredNodeResult[], total: number): InvitationProgress[] {
    const byInvitation = new Map<number, StoredNodeResult[]>();
    for (const r of results) byInvitation.set(r.invitationId, [...(byInvitation.get(r.invitationId) ?? []), r]);
    const now = deps.now();
    return invitations.map((inv) => {
      const blocks: InvitationProgress['blocks'] = {};
      let maxCr: number | null = null;
      for (const r of byInvitation.get(inv.id) ?? []) {
        const flagged = r.cr !== null && r.cr > round.crThreshold + 1e-12;
        blocks[r.nodeId] = { cr: r.cr, flagged, answered: r.answered, pairs: r.pairs, connected: r.connected };
        if (r.cr !== null) maxCr = maxCr === null ? r.cr : Math.max(maxCr, r.cr);
      }
      return {
        ...inv,
        displayStatus: displayStatus(inv, now),
        answered: counts.get(inv.id) ?? 0,
        total,
        blocks,
        maxCr,
        flagged: maxCr !== null && maxCr > round.crThreshold + 1e-12,
      };
    });
  }

  async function createInvitationRow(round: RoundRecord, actor: Actor, input: NewInvitation, trx: Knex): Promise<{ id: number; token: string }> {
    const token = newSecretToken();
    const id = await rounds.insertInvitation(
      {
        roundId: round.id,
        tokenHash: hashSecretToken(token),
        name: input.name,
        email: input.email ?? null,
        organisation: input.organisation ?? null,
        weight: input.weight,
        expiresAt: input.expiresAt ? endOfDay(input.expiresAt) : null,
        createdBy: actorId(actor),
        now: nowIso(),
      },
      trx,
    );
    return { id, token };
  }

  return {
    context,
    hierarchyOf,

    async listForStudy(actor: Actor, studyId: number): Promise<RoundRecord[]> {
      await studies.access.readable(actor, studyId);
      return rounds.listRounds(studyId);
    },

    async create(actor: Actor, studyId: number, input: RoundInput, ip: string | null = null): Promise<number> {
      checkSettings(input);
      return db.transaction(async (trx) => {
        await studies.access.writable(actor, studyId, trx);
        const { label, ...settings } = input;
        const id = await rounds.insertRound(studyId, label, settings, actorId(actor), nowIso(), trx);
        await audit.record({ event: 'round.created', actorUserId: actorId(actor), actorLabel: actorId(actor) ? null : 'demo', targetType: 'expert_round', targetId: id, ip, details: { study: studyId } }, trx);
        return id;
      });
    },

    /** Settings can change while the round runs, except the priority method and RI table once answers exist. */
    async update(actor: Actor, roundId: number, input: RoundInput): Promise<void> {
      checkSettings(input);
      await db.transaction(async (trx) => {
        const { round } = await writableContext(actor, roundId, trx);
        const locked = round.status !== 'draft' && (round.priorityMethod !== input.priorityMethod || round.riTable !== input.riTable);
        if (locked) throw new ConflictError('rounds.settingsLocked');
        await rounds.updateRound(roundId, input, nowIso(), trx);
      });
    },

    /** draft → open freezes a copy of the study's hierarchy; closed → open reopens with the same copy. */
    async open(actor: Actor, roundId: number, ip: string | null = null): Promise<void> {
      await db.transaction(async (trx) => {
        const { round } = await writableContext(actor, roundId, trx);
        if (round.status === 'open') return;
        if (!(await rounds.hasFrozenNodes(roundId, trx))) {
          const root = await studies.treeForFreeze(round.studyId, trx);
          if (!root || parentNodes(root).every((p) => p.children.length < 2)) throw new ConflictError('rounds.nothingToCompare');
          await rounds.freezeTree(roundId, root, trx);
        }
        await rounds.updateRound(roundId, { status: 'open', openedAt: round.openedAt ?? nowIso(), closedAt: null }, nowIso(), trx);
        await audit.record({ event: 'round.opened', actorUserId: actorId(actor), actorLabel: actorId(actor) ? null : 'demo', targetType: 'expert_round', targetId: roundId, ip }, trx);
      });
    },

    async close(actor: Actor, roundId: number, ip: string | null = null): Promise<void> {
      await db.transaction(async (trx) => {
        const { round } = await writableContext(actor, roundId, trx);
        if (round.status !== 'open') throw new ConflictError('rounds.notOpen');
        await rounds.updateRound(roundId, { status: 'closed', closedAt: nowIso() }, nowIso(), trx);
        await audit.record({ event: 'round.closed', actorUserId: actorId(actor), actorLabel: actorId(actor) ? null : 'demo', targetType: 'expert_round', targetId: roundId, ip }, trx);
      });
    },

    /** Everything the monitoring page shows. */
    async monitoring(actor: Actor, roundId: number) {
      const ctx = await context(actor, roundId);
      // Independent reads are issued together: on SQLite's single connection they then queue once, not four times.
      const [{ root, frozen }, listed, answered, results, weightSets] = await Promise.all([
        hierarchyOf(ctx.round), rounds.listInvitations(roundId), rounds.countJudgmentsByInvitation(roundId), rounds.nodeResultsOfRound(roundId), rounds.listWeightSets(roundId),
      ]);
      const index = indexParents(root);
      const total = totalPairs(index);
      const invitations = progressOf(ctx.round, listed, answered, results, total);
      const live = invitations.filter((i) => i.displayStatus !== 'revoked');
      const counts = {
        total: live.length,
        invited: live.filter((i) => i.displayStatus === 'invited').length,
        started: live.filter((i) => i.displayStatus === 'started').length,
        submitted: live.filter((i) => i.displayStatus === 'submitted').length,
        expired: live.filter((i) => i.displayStatus === 'expired').length,
        revoked: invitations.length - live.length,
        flagged: live.filter((i) => i.displayStatus === 'submitted' && i.flagged).length,
      };
      return {
        ...ctx,
        root,
        frozen,
        blocks: parentNodes(root).filter((p) => p.children.length >= 2),
        totalPairs: total,
        invitations,
        counts,
        responseRate: counts.total ? counts.submitted / counts.total : 0,
        reminders: live.filter((i) => i.displayStatus === 'invited' || i.displayStatus === 'started'),
        weightSets,
        acceptsAnswers: acceptsAnswers(ctx.round, deps.now()),
      };
    },

    /** One expert's matrices, CRs and weights per block (researcher view). */
    async expertDetail(actor: Actor, roundId: number, invitationId: number) {
      const ctx = await context(actor, roundId);
      const invitation = await requireInvitation(roundId, invitationId, db);
      const { root } = await hierarchyOf(ctx.round);
      const judgments = await rounds.judgmentsOf(invitationId);
      const results = new Map((await rounds.nodeResultsOf(invitationId)).map((r) => [r.nodeId, r]));
      const blocks = parentNodes(root)
        .filter((p) => p.children.length >= 2)
        .map((block) => {
          const ids = block.children.map((c) => c.id);
          const matrix: (number | null | undefined)[][] = ids.map((_, i) => ids.map((__, j) => (i === j ? 1 : undefined)));
          for (const j of judgments.filter((x) => x.parentId === block.id)) {
            const a = ids.indexOf(j.leftId), b = ids.indexOf(j.rightId);
            if (a < 0 || b < 0) continue;
            (matrix[a] as (number | null | undefined)[])[b] = j.value;
            (matrix[b] as (number | null | undefined)[])[a] = j.value === null ? null : 1 / j.value;
          }
          return { block, matrix, result: results.get(block.id) ?? null };
        });
      return { ...ctx, invitation: { ...invitation, displayStatus: displayStatus(invitation, deps.now()) }, blocks };
    },

    /** Adds one expert; returns the link token (shown once). */
    async invite(actor: Actor, roundId: number, input: NewInvitation, ip: string | null = null): Promise<{ invitation: InvitationRecord; token: string }> {
      return db.transaction(async (trx) => {
        const { round } = await writableContext(actor, roundId, trx);
        if (round.status === 'closed') throw new ConflictError('rounds.closed');
        const { id, token } = await createInvitationRow(round, actor, input, trx);
        await audit.record({ event: 'round.expert-invited', actorUserId: actorId(actor), actorLabel: actorId(actor) ? null : 'demo', targetType: 'expert_invitation', targetId: id, ip, details: { round: roundId } }, trx);
        return { invitation: (await rounds.findInvitation(id, trx)) as InvitationRecord, token };
      });
    },

    /**
     * Adds a pasted list, one expert per line: `name, e-mail, organisation, weight` (comma, semicolon or tab;
     * only the name is required). All or nothing: a bad line refuses the whole list, naming the line.
     */
    async inviteMany(actor: Actor, roundId: number, text: string, expiresAt?: string, ip: string | null = null): Promise<{ invitation: InvitationRecord; token: string }[]> {
      const entries = parseExpertList(text);
      return db.transaction(async (trx) => {
        const { round } = await writableContext(actor, roundId, trx);
        if (round.status === 'closed') throw new ConflictError('rounds.closed');
        const out: { invitation: InvitationRecord; token: string }[] = [];
        for (const entry of entries) {
          const { id, token } = await createInvitationRow(round, actor, { ...entry, expiresAt }, trx);
          out.push({ invitation: (await rounds.findInvitation(id, trx)) as InvitationRecord, token });
        }
        await audit.record({ event: 'round.experts-invited', actorUserId: actorId(actor), targetType: 'expert_round', targetId: roundId, ip, details: { count: entries.length } }, trx);
        return out;
      });
    },

    /** The link stops working at once; judgments already given are kept. */
    async revoke(actor: Actor, roundId: number, invitationId: number, ip: string | null = null): Promise<void> {
      await db.transaction(async (trx) => {
        await writableContext(actor, roundId, trx);
        const invitation = await requireInvitation(roundId, invitationId, trx);
        if (invitation.revokedAt) return;
        await rounds.updateInvitation(invitationId, { revokedAt: nowIso() }, trx);
        await audit.record({ event: 'round.link-revoked', actorUserId: actorId(actor), targetType: 'expert_invitation', targetId: invitationId, ip }, trx);
      });
    },

    /** A new link for the same expert (the old one stops working; a revoked link is restored); answers are kept. */
    async reissue(actor: Actor, roundId: number, invitationId: number, ip: string | null = null): Promise<{ invitation: InvitationRecord; token: string }> {
      return db.transaction(async (trx) => {
        const { round } = await writableContext(actor, roundId, trx);
        if (round.status === 'closed') throw new ConflictError('rounds.closed');
        await requireInvitation(roundId, invitationId, trx);
        const token = newSecretToken();
        await rounds.updateInvitation(invitationId, { tokenHash: hashSecretToken(token), tokenIssuedAt: nowIso(), revokedAt: null }, trx);
        await audit.record({ event: 'round.link-reissued', actorUserId: actorId(actor), targetType: 'expert_invitation', targetId: invitationId, ip }, trx);
        return { invitation: (await rounds.findInvitation(invitationId, trx)) as InvitationRecord, token };
      });
    },

    /**
     * For the CSV of links just created: keeps only tokens that are the current, unrevoked link of an invitation
     * of this round (checked by hash), so the download cannot be used to forge rows.
     */
    async linksFor(actor: Actor, roundId: number, tokens: string[]): Promise<{ invitation: InvitationRecord; token: string }[]> {
      await writableContext(actor, roundId);
      const out: { invitation: InvitationRecord; token: string }[] = [];
      for (const token of tokens) {
        if (!looksLikeSecretToken(token)) continue;
        const invitation = await rounds.findInvitationByTokenHash(hashSecretToken(token));
        if (invitation && invitation.roundId === roundId && !invitation.revokedAt) out.push({ invitation, token });
      }
      if (!out.length) throw new ValidationError('rounds.invitation.noLinks');
      return out;
    },

    /** Judgments and experts of a round (exports and the API). */
    async judgmentsData(actor: Actor, roundId: number): Promise<{ ctx: RoundContext; root: TreeNode | undefined; invitations: InvitationRecord[]; judgments: StoredJudgment[] }> {
      const ctx = await context(actor, roundId);
      const { root } = await hierarchyOf(ctx.round);
      return { ctx, root, invitations: await rounds.listInvitations(roundId), judgments: await rounds.judgmentsOfRound(roundId) };
    },

  };
}

/** Parses the pasted expert list (see inviteMany). */
export function parseExpertList(text: string): NewInvitation[] {
  // Each line picks its own separator (a tab when it has one, else a semicolon when it has no comma, else a comma),
  // so a list pasted from a spreadsheet and one typed by hand both work.
  const records: string[][] = [];
  for (const line of text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/)) {
    if (!line.trim()) {
      records.push([]);
      continue;
    }
    const delimiter = line.includes('\t') ? '\t' : line.includes(';') && !line.includes(',') ? ';' : ',';
    try {
      records.push(...(parseCsv(line, { delimiter, relax_column_count: true, trim: true, relax_quotes: true }) as string[][]));
    } catch {
      throw new ValidationError('rounds.invitation.badList');
    }
  }
  const entries: NewInvitation[] = [];
  records.forEach((record, index) => {
    const line = index + 1;
    const [name = '', email = '', organisation = '', weight = ''] = record;
    if (!name && !email && !organisation && !weight) return;
    if (index === 0 && /^(name|姓名)$/i.test(name)) return; // a header row
    const fail = (field: string) => {
      throw new ValidationError('rounds.invitation.badLine', { list: 'rounds.invitation.badLine' }, { line, field }).with({ line, field });
    };
    if (!name || name.length > 200) fail('name');
    if (email && (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) fail('email');
    if (organisation.length > 200) fail('organisation');
    const w = weight === '' ? 1 : Number(weight.replace(',', '.'));
    if (!Number.isFinite(w) || w < 0.01 || w > 100) fail('weight');
    entries.push({ name, email: email || undefined, organisation: organisation || undefined, weight: w });
  });
  if (!entries.length) throw new ValidationError('rounds.invitation.emptyList', { list: 'rounds.invitation.emptyList' });
  if (entries.length > MAX_BULK_INVITATIONS) throw new ValidationError('rounds.invitation.tooMany', { list: 'rounds.invitation.tooMany' }).with({ max: MAX_BULK_INVITATIONS });
  return entries;
}

export type RoundsService = ReturnType<typeof createRoundsService>;
