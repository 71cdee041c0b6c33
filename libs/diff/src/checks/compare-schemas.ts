import type { JsonObject, NodeRef, OperationView } from '@apiaudit/openapi';
import type { DiffContext } from '../check-definition';
import { diffSchemas, type Direction, type SchemaCheckId } from './schema-checks';

type Ctx = DiffContext<SchemaCheckId>;

export function compareSchemas(ctx: Ctx, op: OperationView, direction: Direction, b: { value: JsonObject; at: NodeRef }, a: { value: JsonObject; at: NodeRef }, status: string): void {
  // Many operations share one component: the diff's memo compares each pair of schemas once, reported per operation.
  const differences = diffSchemas({ doc: ctx.base.doc, schema: b.value, at: b.at }, { doc: ctx.revision.doc, schema: a.value, at: a.at }, direction, ctx.schemaMemo);
  for (const d of differences) ctx.add(d.checkId, op, { ...d.values, path: d.path, status }, { ...(d.base ? { base: d.base } : {}), ...(d.revision ? { revision: d.revision } : {}) });
}
