import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BEARER_SCHEME, SESSION_COOKIE, SESSION_SCHEME } from '../auth/access';
import { declareResponseHeaders } from './response-headers';

/** What each tag groups, for the document's top-level `tags` (a tag no route uses is dropped). */
const TAG_DESCRIPTIONS: Record<string, string> = {
  auth: 'Sign-in, sessions and personal API tokens.',
  'audit log': 'Who did what on the platform.',
  clients: 'Client organisations and their projects.',
  invitations: 'Invitations that let a client’s people join.',
  sources: 'Specs, traces and repositories uploaded to a project.',
  audits: 'Audit runs of a project and their progress.',
  findings: 'Findings of an audit, their workflow status, comments and evidence.',
  plans: 'Prioritised plans built from an audit.',
  're-audits': 'Scheduled and triggered re-audits of a project, and the webhooks that report them.',
  health: 'Liveness and readiness probes for load balancers and orchestrators.',
};

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };
const PROBLEM_CONTENT = { 'application/problem+json': { schema: PROBLEM_REF } };

/**
 * The platform's own OpenAPI document, built from the routes' decorators and completed where the answer is the same
 * for every route: every error is an RFC 9457 problem (the global ProblemFilter guarantees it), so error responses
 * share one `Problem` schema and every operation documents a `default` error; every tag is declared; the headers
 * the routes' decorators say they send (SendsLocation, SendsEtag, ConditionalGet) are declared on their responses.
 * test/e2e/openapi-document.e2e-spec.ts lints the result with apiaudit's own rules.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('apiaudit')
      .setDescription('API audits: upload specs and traces, run audits, read findings and plans. Errors are RFC 9457 problem details.')
      .setVersion('1.0.0')
      .addServer('/')
      .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /v1/auth/login' }, SESSION_SCHEME)
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A personal API token from POST /v1/auth/tokens' }, BEARER_SCHEME)
      .build(),
  );
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      Problem: {
        type: 'object',
        description: 'RFC 9457 problem details; `type` is stable per kind of error.',
        required: ['type', 'title', 'status'],
        properties: {
          type: { type: 'string', format: 'uri', maxLength: 2048, example: 'https://apiaudit.dev/problems/not-found' },
          title: { type: 'string', maxLength: 200, example: 'Audit not found' },
          status: { type: 'integer', minimum: 400, maximum: 599, example: 404 },
          detail: { type: 'string', maxLength: 2000 },
          instance: { type: 'string', maxLength: 2048, example: '/v1/audits/00000000-0000-4000-8000-000000000000' },
          correlationId: { type: 'string', format: 'uuid', description: 'On 500s: quote it when reporting the error.' },
          checks: { type: 'object', description: 'On 503 from /readyz: each dependency and what it answered.', additionalProperties: { type: 'string', maxLength: 500 } },
        },
      },
    },
  };
  const used = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as Array<[string, Record<string, any>]>) {
      if (!operation || typeof operation !== 'object' || !operation.responses) continue;
      declareResponseHeaders(operation, `${method.toUpperCase()} ${path}`);
      for (const tag of operation.tags ?? []) used.add(tag);
      for (const [status, response] of Object.entries(operation.responses as Record<string, Record<string, any>>)) {
        // An error documented without a body, or with its own copy of the problem shape, gets the shared schema; an
        // error that really answers something else keeps what its route says (and the lint test will name it).
        if ((status === 'default' || Number(status) >= 400) && (!response.content || response.content['application/problem+json'])) response.content = PROBLEM_CONTENT;
      }
      operation.responses.default ??= { description: 'Any other error, as an RFC 9457 problem.', content: PROBLEM_CONTENT };
    }
  }
  document.tags = [...used].sort().map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? `Operations on ${name}.` }));
  return document;
}
