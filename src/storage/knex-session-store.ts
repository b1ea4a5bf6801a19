import session, { type SessionData } from 'express-session';
import type { Knex } from 'knex';

type Callback = (err?: unknown) => void;

/**
 * express-session store on the application's own knex connection (a second SQLite connection would only add
 * SQLITE_BUSY). The `user_id` column lets an administrator end every session of a user at once.
 * Touches are throttled: a session's expiry is rewritten at most once a minute, so reading a page does not
 * cost a database write.
 */
export class KnexSessionStore extends session.Store {
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly db: Knex,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    this.db('sessions')
      .where({ sid })
      .first('data', 'expires_at')
      .then((row: { data: string; expires_at: number | string } | undefined) => {
        if (!row || Number(row.expires_at) <= this.now()) return callback(null, null);
        callback(null, JSON.parse(row.data) as SessionData);
      })
      .catch((err: unknown) => callback(err));
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
