/**
 * The OpenAPI 3.1 document of /api/v1, assembled from each area's fragment. An area adds its paths by exporting an
 * `OpenApiFragment` and listing it in `FRAGMENTS` below; the access-matrix test checks that every API route in the
 * route table is documented here.
 */
export interface OpenApiFragment {
  tags?: Array<{ name: string; description: string }>;
  paths: Record<string, Record<string, unknown>>;
  schemas?: Record<string, unknown>;
}

const errorResponse = {
  description: 'Error',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

/** Standard error responses, to spread into an operation's `responses`. */
export const ERROR_RESPONSES = {
  '400': { ...errorResponse, description: 'Invalid input (the message names the problem)' },
  '401': { ...errorResponse, description: 'Missing or invalid API token' },
  '403': { ...errorResponse, description: "The token's user may not do this" },
  '404': { ...errorResponse, description: 'Not found' },
  '413': { ...errorResponse, description: 'Body too large' },
  '415': { ...errorResponse, description: 'Wrong Content-Type' },
  '429': { ...errorResponse, description: 'Rate limited (see Retry-After)' },
  '503': { ...errorResponse, description: 'Busy (see Retry-After)' },
};

export function jsonBody(schema: unknown, description?: string) {
  return { required: true, description, content: { 'application/json': { schema } } };
}

export function jsonResponse(schema: unknown, description = 'OK') {
  return { description, content: { 'application/json': { schema } } };
}

const coreFragment: OpenApiFragment = {
  tags: [{ name: 'account', description: 'The calling token and its user' }],
  paths: {
    '/me': {
      get: {
        tags: ['account'],
        summary: "The API token's user",
        security: [{ bearer: [] }],
        responses: {
          '200': jsonResponse({
            type: 'object',
            properties: { id: { type: 'integer' }, email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
          }),
          '401': ERROR_RESPONSES['401'],
        },
      },
    },
  },
};

export function buildOpenApiDocument(fragments: OpenApiFragment[]): Record<string, unknown> {
  const all = [coreFragment, ...fragments];
  const paths: Record<string, Record<string, unknown>> = {};
  for (const fragment of all) {
    for (const [path, item] of Object.entries(fragment.paths)) paths[path] = { ...(paths[path] ?? {}), ...item };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'credit-ahp API',
      version: '1',
      description:
        'JSON API of the credit-ahp platform. Authenticate with `Authorization: Bearer <token>` (create a token on your account page). ' +
        'Errors are `{ "error": { "message", "details" } }`. The AHP calculator endpoints are public and rate-limited.',
    },
    servers: [{ url: '/api/v1' }],
    tags: all.flatMap((f) => f.tags ?? []),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API token (cahp_…)' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['message'], properties: { message: { type: 'string' }, details: {} } } },
        },
        ...Object.assign({}, ...all.map((f) => f.schemas ?? {})),
      },
    },
  };
}
