import type { Knex } from 'knex';
import { isLocale, type Locale } from '../../i18n/locale.js';
import type { Role } from '../../web/request-context.js';

export type UserStatus = 'invited' | 'active' | 'disabled';

export interface UserRecord {
  id: number;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  passwordHash: string | null;
  locale: Locale | null;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
}

interface UserRow {
  id: number;
  email: string;
  name: string;
  role: string;
  status: string;
  password_hash: string | null;
  locale: string | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

function toUser(row: UserRow): UserRecord {
  return {
    id: Number(row.id),
    email: row.email,
    name: row.name,
    role: row.role as Role,
    status: row.status as UserStatus,
    passwordHash: row.password_hash,
    locale: isLocale(row.locale) ? row.locale : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastLoginAt: row.last_login_at,
  };
}

export function createUsersRepository(db: Knex) {
  return {
    async count(trx: Knex = db): Promise<number> {
      const row = await trx('users').count<{ n: number | string }[]>({ n: '*' }).first();
      return Number(row?.n ?? 0);
    },
    async findById(id: number, trx: Knex = db): Promise<UserRecord | undefined> {
      const row = await trx<UserRow>('users').where({ id }).first();
      return row ? toUser(row) : undefined;
    },
    async findByEmail(email: string, trx: Knex = db): Promise<UserRecord | undefined> {
      const row = await trx<UserRow>('users').where({ email: email.toLowerCase() }).first();
      return row ? toUser(row) : undefined;
    },
    async list(): Promise<UserRecord[]> {
      const rows = await db<UserRow>('users').orderBy('email');
      return rows.map(toUser);
    },
    async insert(
      user: { email: string; name: string; role: Role; status: UserStatus; passwordHash: string | null; now: string },
      trx: Knex = db,
    ): Promise<number> {
      const [row] = await trx('users')
        .insert({
          email: user.email.toLowerCase(),
          name: user.name,
          role: user.role,
          status: user.status,
          password_hash: user.passwordHash,
          created_at: user.now,
          updated_at: user.now,
        })
        .returning('id');
      return Number(typeof row === 'object' ? row.id : row);
    },
    async update(
      id: number,
      changes: Partial<{ name: string; role: Role; status: UserStatus; passwordHash: string; locale: Locale | null; lastLoginAt: string }>,
      now: string,
      trx: Knex = db,
    ): Promise<void> {
      const row: Record<string, unknown> = { updated_at: now };
      if (changes.name !== undefined) row.name = changes.name;
      if (changes.role !== undefined) row.role = changes.role;
      if (changes.status !== undefined) row.status = changes.status;
      if (changes.passwordHash !== undefined) row.password_hash = changes.passwordHash;
      if (changes.locale !== undefined) row.locale = changes.locale;
      if (changes.lastLoginAt !== undefined) row.last_login_at = changes.lastLoginAt;
      await trx('users').where({ id }).update(row);
    },
    async countActiveAdmins(trx: Knex = db): Promise<number> {
      const row = await trx('users').where({ role: 'admin', status: 'active' }).count<{ n: number | string }[]>({ n: '*' }).first();
      return Number(row?.n ?? 0);
    },
    async insertInvitation(
      invitation: { userId: number; tokenHash: string; createdBy: number | null; createdAt: string; expiresAt: string },
      trx: Knex = db,
    ): Promise<void> {
      await trx('user_invitations').insert({
        user_id: invitation.userId,
        token_hash: invitation.tokenHash,
        created_by: invitation.createdBy,
        created_at: invitation.createdAt,
        expires_at: invitation.expiresAt,
      });
    },
    async findInvitation(tokenHash: string, trx: Knex = db): Promise<{ id: number; userId: number; expiresAt: string; usedAt: string | null } | undefined> {
      const row = await trx('user_invitations').where({ token_hash: tokenHash }).first();
      return row ? { id: Number(row.id), userId: Number(row.user_id), expiresAt: row.expires_at, usedAt: row.used_at } : undefined;
    },
    async markInvitationUsed(id: number, now: string, trx: Knex = db): Promise<void> {
      await trx('user_invitations').where({ id }).update({ used_at: now });
    },
    /** Ends every session of a user at once (the session store keeps user_id for this). */
    async deleteSessionsOf(userId: number, trx: Knex = db): Promise<void> {
      await trx('sessions').where({ user_id: userId }).delete();
    },
    async expireInvitationsOf(userId: number, now: string, trx: Knex = db): Promise<void> {
      await trx('user_invitations').where({ user_id: userId }).whereNull('used_at').update({ used_at: now });
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
