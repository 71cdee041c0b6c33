import { knownRefTargets } from './load-spec';
import { childAt } from './node-address';
import { NO_VIA } from './empty-lists';
import { isJsonObject, type JsonObject, type JsonValue, type NodeRef, type Resolved, type SpecDocument } from './model';

/** A node and the address where it really lives (after any `$ref`s). */
export interface Located<T> {
  value: T;
  at: NodeRef;
}

type KnownTargets = NonNullable<ReturnType<typeof knownRefTargets>>;

// Past this many hops doc.deref decides (it gives up on cycles at 64).
const MAX_KNOWN_HOPS = 64;

/** Whether a node is a Reference Object (a `$ref` string; siblings beside it do not count). */
export function isRef(value: JsonValue): value is { $ref: string } {
  return typeof value === 'object' && value !== null && typeof (value as { $ref?: unknown }).$ref === 'string';
}

function holdsObject(node: Located<JsonValue>): node is Located<JsonObject> {
  return isJsonObject(node.value);
}

/**
 * Reads the objects the model is built from, following `$ref`s to where they live.
 *
 * Most nodes are not refs, and most resolved nodes are read and dropped: they come back as a bare `{value, at}`,
 * without the `via` list a Resolved carries. A ref's own address (a pointer string) is only needed when resolving
 * can fail and report there, so refs the load already resolved are followed through its cache, and only the
 * others go through doc.deref.
 */
export class NodeResolver {
  private readonly known: KnownTargets | undefined;
  // Schemas are kept in the model as Resolved values. Where a `$ref` leads depends only on its text and its file,
  // so views whose schema is the same ref share one Resolved (Kubernetes: 2,300 refs to 800 definitions).
  private readonly refSchemas = new Map<string, Map<string, Resolved<JsonObject>>>();

  constructor(private readonly doc: SpecDocument) {
    this.known = knownRefTargets(doc);
  }

  /** The object written at `parent`/`key`(/`next`), or the one its refs lead to; undefined for anything else. */
  objectAt(value: JsonValue | undefined, parent: NodeRef, key: string | number, next?: string | number): Located<JsonObject> | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    if (typeof value.$ref !== 'string') return { value, at: childAt(parent, key, next) };
    if (this.known) {
      const target = this.followKnown(value, parent.file, undefined);
      if (target) return holdsObject(target) ? target : undefined;
    }
    const resolved = this.doc.deref<JsonObject>(value, childAt(parent, key, next));
    return resolved && isJsonObject(resolved.value) ? resolved : undefined;
  }

  /** The schema written at `parent`/`key`, with the refs followed to reach it; undefined unless it is an object. */
  schemaAt(value: JsonValue | undefined, parent: NodeRef, key: string): Resolved<JsonObject> | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const ref = value.$ref;
    if (typeof ref !== 'string') return { value, at: childAt(parent, key), via: NO_VIA };
    let inFile = this.refSchemas.get(parent.file);
    const shared = inFile?.get(ref);
    if (shared) return shared;
    if (this.known) {
      const via: string[] = [];
      const target = this.followKnown(value, parent.file, via);
      if (target) {
        if (!holdsObject(target)) return undefined;
        const resolved = { value: target.value, at: target.at, via };
        if (!inFile) this.refSchemas.set(parent.file, (inFile = new Map()));
        inFile.set(ref, resolved);
        return resolved;
      }
    }
    const resolved = this.doc.deref<JsonObject>(value, childAt(parent, key));
    return resolved && isJsonObject(resolved.value) ? resolved : undefined;
  }

  /**
   * Where the ref `value`, written in `file`, leads through hops the load already resolved, appending each ref
   * followed to `via` when given; undefined when a hop is not known (doc.deref then decides and reports).
   */
  private followKnown(value: JsonObject, file: string, via: string[] | undefined): Located<JsonValue> | undefined {
    let current: JsonValue = value;
    let target: Located<JsonValue> | undefined;
    let hops = 0;
    while (isRef(current)) {
      if (hops++ >= MAX_KNOWN_HOPS) return undefined;
      target = this.known!(file, current.$ref);
      if (!target) return undefined;
      via?.push(current.$ref);
      current = target.value;
      file = target.at.file;
    }
    return target;
  }
}
