import { access, route, type RouteDef } from '../../web/route-table.js';

interface Operation {
  method: string;
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  secured: boolean;
  requestExample?: string;
  responses: string[];
}

/** Flattens the OpenAPI document into a list the docs page can show grouped by tag. */
function operations(document: Record<string, unknown>): Operation[] {
  const paths = document.paths as Record<string, Record<string, Record<string, unknown>>>;
  const result: Operation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(item)) {
      const body = (op.requestBody as { content?: Record<string, { example?: unknown; schema?: unknown }> } | undefined)?.content?.['application/json'];
      result.push({
        method: method.toUpperCase(),
        path: `/api/v1${path}`,
        summary: String(op.summary ?? ''),
        description: op.description as string | undefined,
        tags: (op.tags as string[] | undefined) ?? ['other'],
        secured: Array.isArray(op.security) && op.security.length > 0,
        requestExample: body?.example !== undefined ? JSON.stringify(body.example, null, 2) : body?.schema ? JSON.stringify(body.schema, null, 2) : undefined,
        responses: Object.keys((op.responses as object) ?? {}),
      });
    }
  }
  return result;
}

export function apiDocsRoutes(deps: { document: () => Record<string, unknown> }): RouteDef[] {
  return [
    route.get('/api/v1/openapi.json', access.public, (_req, res) => {
      res.json(deps.document());
    }),
    route.get('/api/docs', access.public, (req, res) => {
      const document = deps.document();
      const ops = operations(document);
      const tags = [...new Set(ops.flatMap((op) => op.tags))];
      res.page('api/docs', {
        title: req.t('api.title'),
        breadcrumbs: [{ label: req.t('nav.home'), href: '/' }, { label: req.t('api.title') }],
        groups: tags.map((tag) => ({ tag, description: ((document.tags as Array<{ name: string; description: string }>) ?? []).find((t) => t.name === tag)?.description ?? '', operations: ops.filter((op) => op.tags.includes(tag)) })),
      });
    }),
    route.get('/api/v1/me', access.api(), (req, res) => {
      const user = req.user!;
      res.json({ id: user.id, email: user.email, name: user.name, role: user.role });
    }),
  ];
}
