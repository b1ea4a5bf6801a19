import session, { type SessionData } from 'express-session';
import type { Knex } from 'knex';
import { isLocale } from '../i18n/locale.js';
import type { AuthUser, Role } from '../web/request-context.js';

type Callback = (err?: unknown) => void;

/**
 * express-session store on the application's own knex connection (a second SQLite connection would only add
 * SQLITE_BUSY). The `user_id` column lets an administrator end every session of a user at once.
 * Touches are throttled: a session's expiry is rewritten at most once a minute, so reading a page does not
 * cost a database write.
 */
export class KnexSessionStore extends session.Store {
  private readonly lastTouched = new Map<string, number>();
  /**
   * The account of each session as the same query read it (null: none, or not active), kept until the request that
   * loaded the session takes it: a signed-in page then costs one read for its session and account, not two.
   */
  private readonly accounts = new Map<string, { userId: number | null; user: AuthUser | null }>();

  constructor(
    private readonly db: Knex,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    this.db('sessions as s')
      .leftJoin('users as u', 'u.id', 's.user_id')
      .where('s.sid', sid)
      .first('s.data', 's.expires_at', 's.user_id', 'u.email as u_email', 'u.name as u_name', 'u.role as u_role', 'u.locale as u_locale', 'u.status as u_status')
      .then((row: SessionRow | undefined) => {
        if (!row || Number(row.expires_at) <= this.now()) return callback(null, null);
        if (this.accounts.size > 10_000) this.accounts.clear();
        const userId = row.user_id === null || row.user_id === undefined ? null : Number(row.user_id);
        const user: AuthUser | null =
          userId !== null && row.u_status === 'active'
            ? { id: userId, email: String(row.u_email), name: String(row.u_name), role: row.u_role as Role, locale: isLocale(row.u_locale) ? row.u_locale : null }
            : null;
        this.accounts.set(sid, { userId, user });
        callback(null, JSON.parse(row.data) as SessionData);
      })
      .catch((err: unknown) => callback(err));
  }

  /**
   * The active account read with session `sid` if it is `userId`'s (null: that account is not active), once;
   * undefined when it was not read with the session (the caller reads it then).
   */
  takeAccount(sid: string, userId: number): AuthUser | null | undefined {
    const read = this.accounts.get(sid);
    this.accounts.delete(sid);
    return read && read.userId === userId ? read.user : undefined;
  }

  override set(sid: string, data: SessionData, callback?: Callback): void {
    const expiresAt = this.expiry(data);
    const row = { sid, user_id: data.userId ?? null, data: JSON.stringify(data), expires_at: expiresAt };
    this.db('sessions')
      .insert(row)
      .onConflict('sid')
      .merge(['user_id', 'data', 'expires_at'])
      .then(() => {
        this.lastTouched.set(sid, this.now());
        callback?.();
      })
      .catch((err: unknown) => callback?.(err));
  }

  override destroy(sid: string, callback?: Callback): void {
    this.lastTouched.delete(sid);
    this.accounts.delete(sid);
    this.db('sessions')
      .where({ sid })
      .delete()
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }

  override touch(sid: string, data: SessionData, callback?: Callback): void {
    const last = this.lastTouched.get(sid) ?? 0;
    if (this.now() - last < 60_000) {
      callback?.();
      return;
    }
    this.lastTouched.set(sid, this.now());
    if (this.lastTouched.size > 10_000) this.lastTouched.clear();
    this.db('sessions')
      .where({ sid })
      .update({ expires_at: this.expiry(data) })
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }

  /** Ends every session of a user (disabled account, changed role or password). */
  async destroyUserSessions(userId: number): Promise<number> {
    return this.db('sessions').where({ user_id: userId }).delete();
  }

  async pruneExpired(): Promise<number> {
    return this.db('sessions').where('expires_at', '<=', this.now()).delete();
  }

  private expiry(data: SessionData): number {
    const expires = data.cookie?.expires ? new Date(data.cookie.expires).getTime() : NaN;
    return Number.isFinite(expires) ? expires : this.now() + 24 * 3600 * 1000;
  }
}

interface SessionRow {
  data: string;
  expires_at: number | string;
  user_id: number | string | null;
  u_email: string | null;
  u_name: string | null;
  u_role: string | null;
  u_locale: string | null;
  u_status: string | null;
}
