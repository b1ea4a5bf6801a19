import type { Knex } from 'knex';
import { access, route, type RouteDef } from '../../web/route-table.js';

/** Operations endpoints. /healthz answers 200 only when the database answers a query. */
export function systemRoutes(deps: { db: Knex }): RouteDef[] {
  return [
    route.get('/healthz', access.public, async (_req, res) => {
      const started = Date.now();
      try {
        await deps.db.raw('select 1 as ok');
        res.set('Cache-Control', 'no-store').json({ status: 'ok', database: 'ok', latencyMs: Date.now() - started });
      } catch {
        res.status(503).set('Retry-After', '5').set('Cache-Control', 'no-store').json({ status: 'error', database: 'unavailable' });
      }
    }),
  ];
}
