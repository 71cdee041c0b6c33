import type { MediaTypeView, OperationView } from '@apiaudit/openapi';
import type { CheckDefinition } from '../change';
import type { DiffContext } from '../check-definition';
import { compareSchemas } from './compare-schemas';
import type { SchemaCheckId } from './schema-checks';

export const REQUEST_BODY_CHECKS = {
  'request-body-added-required': { level: 'breaking', title: 'Required request body added', message: '{op} now requires a request body.' },
  'request-body-added-optional': { level: 'non-breaking', title: 'Optional request body added', message: '{op} now accepts an optional request body.' },
  'request-body-removed': { level: 'potentially-breaking', title: 'Request body removed', message: '{op} no longer takes a request body; clients still sending one may be rejected.' },
  'request-body-became-required': { level: 'breaking', title: 'Request body became required', message: '{op}: the request body is now required.' },
  'request-body-became-optional': { level: 'non-breaking', title: 'Request body became optional', message: '{op}: the request body is now optional.' },
  'request-media-type-added': { level: 'non-breaking', title: 'Request media type added', message: '{op} also accepts {mediaType} bodies.' },
  'request-media-type-removed': { level: 'breaking', title: 'Request media type removed', message: '{op} no longer accepts {mediaType} bodies.' },
} satisfies Record<string, CheckDefinition>;

type Ctx = DiffContext<keyof typeof REQUEST_BODY_CHECKS | SchemaCheckId>;

/** The media type whose schema stands for the body: JSON when there is one. */
export function pickJson<T extends { mediaType: string }>(list: T[]): T | undefined {
  return list.find((m) => /json/.test(m.mediaType)) ?? list[0];
}

export function diffRequestBody(ctx: Ctx, before: OperationView, after: OperationView): void {
  const b = before.requestBody;
  const a = after.requestBody;
  if (!a) {
    if (b) ctx.add('request-body-removed', after, {}, { base: b.at });
    return;
  }
  if (!b) {
    ctx.add(a.required ? 'request-body-added-required' : 'request-body-added-optional', after, {}, { revision: a.at });
    return;
  }
  if (!b.required && a.required) ctx.add('request-body-became-required', after, {}, { base: b.at, revision: a.at });
  if (b.required && !a.required) ctx.add('request-body-became-optional', after, {}, { base: b.at, revision: a.at });
  const afterTypes = new Set(a.content.map((c) => c.mediaType));
  const beforeTypes = new Set(b.content.map((c) => c.mediaType));
  for (const media of b.content) if (!afterTypes.has(media.mediaType)) ctx.add('request-media-type-removed', after, { mediaType: media.mediaType }, { base: media.at });
  for (const media of a.content) if (!beforeTypes.has(media.mediaType)) ctx.add('request-media-type-added', after, { mediaType: media.mediaType }, { revision: media.at });
  const mb: MediaTypeView | undefined = pickJson(b.content.filter((c) => afterTypes.has(c.mediaType)));
  const ma = mb && a.content.find((c) => c.mediaType === mb.mediaType);
  if (mb?.schema && ma?.schema) compareSchemas(ctx, after, 'request', mb.schema, ma.schema, '');
}
