import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiExtension, ApiResponse } from '@nestjs/swagger';
import type { Role } from '@apiaudit/domain';
import type { ScopedResource } from '@apiaudit/db';

/** What a route does to the resource it names; each role may do some of these (PERMISSIONS). */
export type Action = 'read' | 'comment' | 'triage' | 'invite' | 'write' | 'configure';

/**
 * consultant: everything. client-admin: read its client, change finding status, invite viewers.
 * client-viewer: read and comment. `configure` is a project's integrations, read as well as changed: webhook
 * receivers' URLs can carry tokens and the delivery log holds the receivers' answers.
 */
export const PERMISSIONS: Record<Action, readonly Role[]> = {
  read: ['consultant', 'client-admin', 'client-viewer'],
  comment: ['consultant', 'client-admin', 'client-viewer'],
  triage: ['consultant', 'client-admin'],
  invite: ['consultant', 'client-admin'],
  write: ['consultant'],
  configure: ['consultant'],
};

export type AccessPolicy =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'consultant' }
  | { kind: 'resource'; resource: ScopedResource; param: string; action: Action };

export const ACCESS_POLICY = 'apiaudit:access';
export const SESSION_SCHEME = 'session';
export const BEARER_SCHEME = 'bearer';
export const SESSION_COOKIE = 'apiaudit_session';

const problem = (status: number, description: string) =>
  ApiResponse({
    status,
    description,
    content: {
      'application/problem+json': {
        schema: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: { type: { type: 'string', format: 'uri' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' } },
        },
      },
    },
  });

const signedIn = () => [ApiCookieAuth(SESSION_SCHEME), ApiBearerAuth(BEARER_SCHEME), problem(401, 'No valid session cookie or Bearer token.')];

/**
 * Every route declares who may call it; the global AuthGuard enforces it and refuses routes that declare
 * nothing. The same declaration documents the route's security schemes and its 401/403/404 answers.
 */
export const Access = {
  /** Login, invitation acceptance, health and signed webhooks (which check their own signature). */
  // `x-public` records in the OpenAPI document that no security requirement is deliberate (apiaudit's own rule asks).
  public: () => applyDecorators(SetMetadata(ACCESS_POLICY, { kind: 'public' } satisfies AccessPolicy), ApiExtension('x-public', true)),
  /** Any signed-in user, acting on their own things only (their profile, their tokens, their client list). */
  signedIn: () => applyDecorators(SetMetadata(ACCESS_POLICY, { kind: 'signed-in' } satisfies AccessPolicy), ...signedIn()),
  consultant: () =>
    applyDecorators(SetMetadata(ACCESS_POLICY, { kind: 'consultant' } satisfies AccessPolicy), ...signedIn(), problem(403, 'Only consultants may do this.')),
  /**
   * A route on one tenant resource named by the path parameter `param`: the resource must belong to the
   * caller's client (else 404, as if it did not exist) and the caller's role must allow `action` (else 403).
   */
  to: (action: Action, resource: ScopedResource, param = 'id') =>
    applyDecorators(
      SetMetadata(ACCESS_POLICY, { kind: 'resource', resource, param, action } satisfies AccessPolicy),
      ...signedIn(),
      problem(403, `The caller's role may not ${action} this ${resource}.`),
      problem(404, `No such ${resource}, or not one the caller may see.`),
    ),
};
