import type { AuditRepository, NewAuditEvent } from './audit-repository.js';
import type { Knex } from 'knex';

export function createAuditService(deps: { repository: AuditRepository; now: () => Date }) {
  return {
    /** Records an event; pass the transaction when the event belongs to a change, so both commit together. */
    record(event: NewAuditEvent, trx?: Knex): Promise<void> {
      return deps.repository.insert(event, deps.now().toISOString(), trx);
    },
    list(filter: { event?: string; actor?: string; page: number; pageSize: number }) {
      return deps.repository.list({
        event: filter.event,
        actor: filter.actor,
        limit: filter.pageSize,
        offset: (filter.page - 1) * filter.pageSize,
      });
    },
    eventNames: () => deps.repository.distinctEvents(),
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
