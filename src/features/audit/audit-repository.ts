import type { Knex } from 'knex';

export interface AuditEvent {
  id: number;
  at: string;
  event: string;
  actorUserId: number | null;
  actorLabel: string | null;
  actorEmail: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
}

export interface NewAuditEvent {
  event: string;
  actorUserId?: number | null;
  actorLabel?: string | null;
  targetType?: string | null;
  targetId?: string | number | null;
  ip?: string | null;
  details?: Record<string, unknown> | null;
}

export function createAuditRepository(db: Knex) {
  return {
    async insert(event: NewAuditEvent, at: string, trx: Knex = db): Promise<void> {
      await trx('audit_events').insert({
        at,
        event: event.event,
        actor_user_id: event.actorUserId ?? null,
        actor_label: event.actorLabel ?? null,
        target_type: event.targetType ?? null,
        target_id: event.targetId === undefined || event.targetId === null ? null : String(event.targetId),
        ip: event.ip ?? null,
        details: event.details ? JSON.stringify(event.details) : null,
      });
    },
    async list(filter: { event?: string; actor?: string; limit: number; offset: number }): Promise<{ events: AuditEvent[]; total: number }> {
      const base = db('audit_events as a').leftJoin('users as u', 'u.id', 'a.actor_user_id');
      if (filter.event) base.where('a.event', 'like', `${filter.event}%`);
      if (filter.actor) {
        const pattern = `%${filter.actor.toLowerCase()}%`;
        base.where((q) => q.whereRaw('lower(u.email) like ?', [pattern]).orWhereRaw('lower(a.actor_label) like ?', [pattern]));
      }
      const countRow = await base.clone().count<{ n: number | string }[]>({ n: '*' }).first();
      const rows = await base
        .clone()
        .select('a.*', 'u.email as actor_email')
        .orderBy('a.id', 'desc')
        .limit(filter.limit)
        .offset(filter.offset);
      return {
        total: Number(countRow?.n ?? 0),
        events: rows.map((r: Record<string, unknown>) => ({
          id: Number(r.id),
          at: String(r.at),
          event: String(r.event),
          actorUserId: r.actor_user_id === null ? null : Number(r.actor_user_id),
          actorLabel: (r.actor_label as string | null) ?? null,
          actorEmail: (r.actor_email as string | null) ?? null,
          targetType: (r.target_type as string | null) ?? null,
          targetId: (r.target_id as string | null) ?? null,
          ip: (r.ip as string | null) ?? null,
          details: r.details ? (JSON.parse(String(r.details)) as Record<string, unknown>) : null,
        })),
      };
    },
    async distinctEvents(): Promise<string[]> {
      const rows = await db('audit_events').distinct('event').orderBy('event');
      return rows.map((r: { event: string }) => r.event);
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
