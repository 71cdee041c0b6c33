import type { JsonObject, OperationView, ResponseView } from '@apiaudit/openapi';
import type { CheckDefinition } from '../change';
import type { DiffContext } from '../check-definition';
import { compareSchemas } from './compare-schemas';
import type { SchemaCheckId } from './schema-checks';
import { pickJson } from './request-body-checks';

export const RESPONSE_CHECKS = {
  'response-success-status-removed': { level: 'breaking', title: 'Success status removed', message: '{op} no longer answers {status}; clients expecting it will treat responses as errors.' },
  'response-error-status-removed': { level: 'info', title: 'Error status no longer documented', message: '{op} no longer documents a {status} answer.' },
  'response-default-removed': { level: 'potentially-breaking', title: 'Default response removed', message: '{op} no longer documents its default (error) response; clients decoding errors by it lose the shape.' },
  'response-status-added': { level: 'info', title: 'Response status added', message: '{op} may now answer {status}.' },
  'response-body-removed': { level: 'breaking', title: 'Response body removed', message: '{op} {status} no longer returns a body.' },
  'response-schema-removed': { level: 'breaking', title: 'Response schema removed', message: '{op} {status} {mediaType} no longer describes its body; clients lose the contract they decode by.' },
  'response-media-type-added': { level: 'non-breaking', title: 'Response media type added', message: '{op} {status} can also return {mediaType}.' },
  'response-media-type-removed': { level: 'breaking', title: 'Response media type removed', message: '{op} {status} no longer returns {mediaType}.' },
  'response-header-removed': { level: 'breaking', title: 'Response header removed', message: '{op} {status} no longer sends header {name}.' },
  'response-header-added': { level: 'non-breaking', title: 'Response header added', message: '{op} {status} now sends header {name}.' },
  'response-header-became-optional': { level: 'breaking', title: 'Response header became optional', message: '{op} {status}: header {name} is no longer always sent.' },
  'response-header-type-changed': { level: 'breaking', title: 'Response header type changed', message: '{op} {status}: header {name} changed type from {from} to {to}.' },
} satisfies Record<string, CheckDefinition>;

type Ctx = DiffContext<keyof typeof RESPONSE_CHECKS | SchemaCheckId>;

function typeOf(schema: JsonObject | undefined): string | undefined {
  return typeof schema?.type === 'string' ? schema.type : undefined;
}

export function diffResponses(ctx: Ctx, before: OperationView, after: OperationView): void {
  const a = new Map(after.responses.map((r) => [r.status, r]));
  const b = new Map(before.responses.map((r) => [r.status, r]));
  for (const [status, r] of b) {
    const next = a.get(status);
    if (next) compareResponse(ctx, after, r, next);
    else if (/^2/.test(status)) ctx.add('response-success-status-removed', after, { status }, { base: r.at });
    else if (status === 'default') ctx.add('response-default-removed', after, { status }, { base: r.at });
    else ctx.add('response-error-status-removed', after, { status }, { base: r.at });
  }
  for (const [status, r] of a) if (!b.has(status)) ctx.add('response-status-added', after, { status }, { revision: r.at });
}

function compareResponse(ctx: Ctx, op: OperationView, r: ResponseView, next: ResponseView): void {
  const status = r.status;
  if (r.content.length > 0 && next.content.length === 0) {
    ctx.add('response-body-removed', op, { status }, { base: r.at, revision: next.at });
  } else {
    const types = new Set(next.content.map((c) => c.mediaType));
    const beforeTypes = new Set(r.content.map((c) => c.mediaType));
    for (const media of r.content) if (!types.has(media.mediaType)) ctx.add('response-media-type-removed', op, { status, mediaType: media.mediaType }, { base: media.at });
    for (const media of next.content) if (!beforeTypes.has(media.mediaType)) ctx.add('response-media-type-added', op, { status, mediaType: media.mediaType }, { revision: media.at });
    for (const media of r.content) {
      const still = next.content.find((c) => c.mediaType === media.mediaType);
      if (media.schema && still && !still.schema) ctx.add('response-schema-removed', op, { status, mediaType: media.mediaType }, { base: media.at, revision: still.at });
    }
    const mb = pickJson(r.content.filter((c) => types.has(c.mediaType)));
    const ma = mb && next.content.find((c) => c.mediaType === mb.mediaType);
    if (mb?.schema && ma?.schema) compareSchemas(ctx, op, 'response', mb.schema, ma.schema, status);
  }

  const headers = new Map(next.headers.map((h) => [h.name.toLowerCase(), h]));
  const beforeHeaders = new Set(r.headers.map((h) => h.name.toLowerCase()));
  for (const h of r.headers) {
    const after = headers.get(h.name.toLowerCase());
    if (!after) {
      ctx.add('response-header-removed', op, { status, name: h.name }, { base: h.at });
      continue;
    }
    const at = { base: h.at, revision: after.at };
    if (h.required && !after.required) ctx.add('response-header-became-optional', op, { status, name: h.name }, at);
    const [t1, t2] = [typeOf(h.schema?.value), typeOf(after.schema?.value)];
    if (t1 && t2 && t1 !== t2) ctx.add('response-header-type-changed', op, { status, name: h.name, from: t1, to: t2 }, at);
  }
  for (const h of next.headers) if (!beforeHeaders.has(h.name.toLowerCase())) ctx.add('response-header-added', op, { status, name: h.name }, { revision: h.at });
}
