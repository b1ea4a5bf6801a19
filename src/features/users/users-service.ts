import type { Knex } from 'knex';
import type { Locale } from '../../i18n/locale.js';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../web/http-errors.js';
import type { AuthUser, Role } from '../../web/request-context.js';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from '../../web/secret-token.js';
import type { AuditService } from '../audit/audit-service.js';
import type { PasswordHasher } from '../auth/password-hasher.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/password-hasher.js';
import type { UserRecord, UsersRepository } from './users-repository.js';

const INVITATION_DAYS = 7;

export interface UsersServiceDeps {
  db: Knex;
  users: UsersRepository;
  audit: AuditService;
  hasher: PasswordHasher;
  now: () => Date;
}

export function toAuthUser(user: UserRecord): AuthUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale };
}

/** Password rules shared by set-up, invitation and password change: 10–128 characters. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return 'auth.passwordTooShort';
  if (password.length > PASSWORD_MAX_LENGTH) return 'auth.passwordTooLong';
  return undefined;
}

/**
 * Accounts: first-run set-up, sign-in, invitations, roles, disabling. Every change is written in one transaction
 * together with its audit event.
 */
export function createUsersService(deps: UsersServiceDeps) {
  const { db, users, audit, hasher } = deps;
  const nowIso = () => deps.now().toISOString();

  function checkPassword(password: string, field = 'password') {
    const problem = passwordProblem(password);
    if (problem) throw new ValidationError('errors.invalidInput', { [field]: problem });
  }

  async function requireUser(id: number, trx: Knex = db): Promise<UserRecord> {
    const user = await users.findById(id, trx);
    if (!user) throw new NotFoundError('users.notFound');
    return user;
  }

  return {
    async needsSetup(): Promise<boolean> {
      return (await users.count()) === 0;
    },

    /** Creates the first administrator; refused once any user exists (checked inside the write transaction). */
    async setupFirstAdmin(input: { email: string; name: string; password: string }, ip: string | null): Promise<AuthUser> {
      checkPassword(input.password);
      const passwordHash = await hasher.hash(input.password);
      return db.transaction(async (trx) => {
        if ((await users.count(trx)) > 0) throw new ConflictError('auth.setupDone');
        const id = await users.insert({ email: input.email, name: input.name, role: 'admin', status: 'active', passwordHash, now: nowIso() }, trx);
        await audit.record({ event: 'user.created', actorUserId: id, actorLabel: 'setup', targetType: 'user', targetId: id, ip, details: { role: 'admin', via: 'setup page' } }, trx);
        return toAuthUser(await requireUser(id, trx));
      });
    },

    /** Operator CLI: creates an active administrator (or fails if the e-mail is taken). */
    async createAdmin(input: { email: string; name?: string; password: string }): Promise<AuthUser> {
      checkPassword(input.password);
      const passwordHash = await hasher.hash(input.password);
      return db.transaction(async (trx) => {
        if (await users.findByEmail(input.email, trx)) throw new ValidationError('users.emailTaken', { email: 'users.emailTaken' });
        const id = await users.insert({ email: input.email, name: input.name ?? '', role: 'admin', status: 'active', passwordHash, now: nowIso() }, trx);
        await audit.record({ event: 'user.created', actorLabel: 'cli', targetType: 'user', targetId: id, details: { role: 'admin', via: 'cli' } }, trx);
        return toAuthUser(await requireUser(id, trx));
      });
    },

    /**
     * Checks e-mail and password. Unknown account, disabled account and wrong password give the same error and take
     * the same time (a dummy hash verification), so sign-in does not reveal which accounts exist.
     */
    async signIn(email: string, password: string, ip: string | null): Promise<AuthUser> {
      const user = await users.findByEmail(email);
      const usable = user && user.status === 'active' && user.passwordHash && password.length <= PASSWORD_MAX_LENGTH;
      const ok = usable ? await hasher.verify(user.passwordHash as string, password) : (await hasher.dummyVerify(password), false);
      if (!user || !ok) {
        await audit.record({ event: 'auth.sign-in-failed', actorUserId: user?.id ?? null, actorLabel: email.slice(0, 254), ip });
        throw new UnauthorizedError('auth.invalidCredentials');
      }
      await db.transaction(async (trx) => {
        await users.update(user.id, { lastLoginAt: nowIso() }, nowIso(), trx);
        await audit.record({ event: 'auth.sign-in', actorUserId: user.id, ip }, trx);
      });
      return toAuthUser(user);
    },

    async recordSignOut(userId: number, ip: string | null): Promise<void> {
      await audit.record({ event: 'auth.sign-out', actorUserId: userId, ip });
    },

    /** Loads the user behind a session or token; undefined when gone or not active. */
    async activeUser(id: number): Promise<AuthUser | undefined> {
      const user = await users.findById(id);
      return user && user.status === 'active' ? toAuthUser(user) : undefined;
    },

    list: () => users.list(),
    get: (id: number) => requireUser(id),

    /** Creates an invited account and returns the one-time invitation token (shown to the admin once). */
    async invite(actor: AuthUser, input: { email: string; name: string; role: Role }, ip: string | null): Promise<{ userId: number; token: string }> {
      const token = newSecretToken();
      const now = deps.now();
      return db.transaction(async (trx) => {
        if (await users.findByEmail(input.email, trx)) throw new ValidationError('users.emailTaken', { email: 'users.emailTaken' });
        const userId = await users.insert({ email: input.email, name: input.name, role: input.role, status: 'invited', passwordHash: null, now: now.toISOString() }, trx);
        await users.insertInvitation(
          { userId, tokenHash: hashSecretToken(token), createdBy: actor.id, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString() },
          trx,
        );
        await audit.record({ event: 'user.invited', actorUserId: actor.id, targetType: 'user', targetId: userId, ip, details: { role: input.role } }, trx);
        return { userId, token };
      });
    },

    /** A fresh invitation link for an account that has not accepted yet; earlier links stop working. */
    async reissueInvitation(actor: AuthUser, userId: number, ip: string | null): Promise<string> {
      const token = newSecretToken();
      const now = deps.now();
      return db.transaction(async (trx) => {
        const user = await requireUser(userId, trx);
        if (user.status !== 'invited') throw new ConflictError('users.notInvited');
        await users.expireInvitationsOf(userId, now.toISOString(), trx);
        await users.insertInvitation(
          { userId, tokenHash: hashSecretToken(token), createdBy: actor.id, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString() },
          trx,
        );
        await audit.record({ event: 'user.invitation-reissued', actorUserId: actor.id, targetType: 'user', targetId: userId, ip }, trx);
        return token;
      });
    },

    /** The account an invitation link belongs to; any invalid link gets the same neutral 404. */
    async invitationFor(token: string): Promise<{ email: string; name: string }> {
      const found = await findOpenInvitation(token);
      const user = await requireUser(found.userId);
      return { email: user.email, name: user.name };
    },

    async acceptInvitation(token: string, input: { name: string; password: string }, ip: string | null): Promise<AuthUser> {
      checkPassword(input.password);
      const passwordHash = await hasher.hash(input.password);
      return db.transaction(async (trx) => {
        const invitation = await findOpenInvitation(token, trx);
        const user = await requireUser(invitation.userId, trx);
        await users.update(user.id, { name: input.name || user.name, passwordHash, status: 'active', lastLoginAt: nowIso() }, nowIso(), trx);
        await users.markInvitationUsed(invitation.id, nowIso(), trx);
        await audit.record({ event: 'user.invitation-accepted', actorUserId: user.id, targetType: 'user', targetId: user.id, ip }, trx);
        return toAuthUser(await requireUser(user.id, trx));
      });
    },

    async changeRole(actor: AuthUser, userId: number, role: Role, ip: string | null): Promise<void> {
      await db.transaction(async (trx) => {
        const user = await requireUser(userId, trx);
        if (user.role === role) return;
        if (user.role === 'admin' && user.status === 'active' && (await users.countActiveAdmins(trx)) <= 1) throw new ConflictError('users.lastAdmin');
        await users.update(userId, { role }, nowIso(), trx);
        await audit.record({ event: 'user.role-changed', actorUserId: actor.id, targetType: 'user', targetId: userId, ip, details: { from: user.role, to: role } }, trx);
      });
    },

    /** Disables an account and ends its sessions at once; its API tokens stop working with it. */
    async disable(actor: AuthUser, userId: number, ip: string | null): Promise<void> {
      if (actor.id === userId) throw new ForbiddenError('users.cannotDisableSelf');
      await db.transaction(async (trx) => {
        const user = await requireUser(userId, trx);
        if (user.status === 'disabled') return;
        if (user.role === 'admin' && user.status === 'active' && (await users.countActiveAdmins(trx)) <= 1) throw new ConflictError('users.lastAdmin');
        await users.update(userId, { status: 'disabled' }, nowIso(), trx);
        await users.expireInvitationsOf(userId, nowIso(), trx);
        await users.deleteSessionsOf(userId, trx);
        await audit.record({ event: 'user.disabled', actorUserId: actor.id, targetType: 'user', targetId: userId, ip }, trx);
      });
    },

    async enable(actor: AuthUser, userId: number, ip: string | null): Promise<void> {
      await db.transaction(async (trx) => {
        const user = await requireUser(userId, trx);
        if (user.status !== 'disabled') return;
        // An account that never set a password goes back to "invited"; the admin re-issues its link.
        await users.update(userId, { status: user.passwordHash ? 'active' : 'invited' }, nowIso(), trx);
        await audit.record({ event: 'user.enabled', actorUserId: actor.id, targetType: 'user', targetId: userId, ip }, trx);
      });
    },

    async changePassword(actor: AuthUser, current: string, next: string, ip: string | null): Promise<void> {
      const user = await requireUser(actor.id);
      if (!user.passwordHash || !(await hasher.verify(user.passwordHash, current))) {
        throw new ValidationError('errors.invalidInput', { currentPassword: 'auth.wrongPassword' });
      }
      checkPassword(next, 'newPassword');
      const passwordHash = await hasher.hash(next);
      await db.transaction(async (trx) => {
        await users.update(actor.id, { passwordHash }, nowIso(), trx);
        await audit.record({ event: 'user.password-changed', actorUserId: actor.id, targetType: 'user', targetId: actor.id, ip }, trx);
      });
    },

    async updateProfile(actor: AuthUser, input: { name: string; locale: Locale | null }): Promise<void> {
      await users.update(actor.id, { name: input.name, locale: input.locale }, nowIso());
    },
  };

  async function findOpenInvitation(token: string, trx: Knex = db) {
    const invalid = () => new NotFoundError('auth.invitationInvalid');
    if (!looksLikeSecretToken(token)) throw invalid();
    const invitation = await users.findInvitation(hashSecretToken(token), trx);
    if (!invitation || invitation.usedAt || invitation.expiresAt <= nowIso()) throw invalid();
    const user = await users.findById(invitation.userId, trx);
    if (!user || user.status !== 'invited') throw invalid();
    return invitation;
  }
}

export type UsersService = ReturnType<typeof createUsersService>;
