import type { JsonObject, JsonValue, NodeRef, Resolved, SpecDocument } from '@apiaudit/openapi';
import { refOf, type Place } from './lazy-place';

// Rules and the example check resolve the same `$ref` nodes over and over (every walk, every example value).
// Where a ref node leads depends only on its text and the file it is written in, and a node lives in one file,
// so successful resolutions are remembered per ref node (failures are not: ingest reports them).
const byDoc = new WeakMap<SpecDocument, WeakMap<object, { file: string; resolved: Resolved<JsonValue> }>>();

/**
 * `doc.deref(ref, at)` for a `$ref` node, remembered per node; `at` (a lazy place, or a function) is located only
 * when the node is new.
 */
export function derefNode<T = JsonValue>(doc: SpecDocument, ref: JsonObject, file: string, at: Place | (() => NodeRef)): Resolved<T> | undefined {
  let memo = byDoc.get(doc);
  if (!memo) byDoc.set(doc, (memo = new WeakMap()));
  const known = memo.get(ref);
  if (known && known.file === file) return known.resolved as Resolved<T>;
  const resolved = doc.deref<JsonValue>(ref, typeof at === 'function' ? at() : refOf(at));
  if (resolved) memo.set(ref, { file, resolved });
  return resolved as Resolved<T> | undefined;
}
