import { posix } from 'node:path';
import type { ApiModel, JsonValue, OperationView, SpecDocument } from '@apiaudit/openapi';
import { isJsonObject, splitPointer } from '@apiaudit/openapi';

type Target = { value: JsonValue; file: string } | null;

/**
 * How deep the comparison goes (JSON levels plus `$ref` hops) before it stops and answers "changed". It recurses,
 * and a chain of 10,000 schemas linked by `$ref` would overflow the stack; "changed" is always safe here, since
 * the operation then gets the full comparison, which walks without recursing.
 */
export const MAX_SAMENESS_DEPTH = 1000;

/** Where a `$ref` leads in the raw files of one version, without side effects; null when in any doubt. */
class RawRefs {
  private readonly memo = new Map<string, Map<string, Target>>();

  constructor(private readonly doc: SpecDocument) {}

  target(ref: string, from: string): Target {
    let byRef = this.memo.get(from);
    if (!byRef) this.memo.set(from, (byRef = new Map()));
    let found = byRef.get(ref);
    if (found === undefined) byRef.set(ref, (found = this.resolve(ref, from)));
    return found;
  }

  private resolve(ref: string, from: string): Target {
    if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//')) return null;
    const hash = ref.indexOf('#');
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    try {
      const file = filePart ? posix.normalize(posix.join(posix.dirname(from), decodeURI(filePart))) : from;
      let node = this.doc.file(file);
      for (const segment of splitPointer(hash === -1 ? '' : decodeURIComponent(ref.slice(hash + 1)))) {
        // The loader follows a ref met half-way through a pointer; that case is left to the full comparison.
        if (node === null || typeof node !== 'object' || (!Array.isArray(node) && typeof node.$ref === 'string')) return null;
        node = Array.isArray(node) ? node[Number(segment)] : node[segment];
      }
      return node === undefined ? null : { value: node, file };
    } catch {
      return null; // undecodable, or a file that cannot be read
    }
  }
}

/**
 * Structural equality of two versions' raw data that follows `$ref`s on both sides. Recursive schemas are
 * compared coinductively: a pair met again while it is being compared is assumed equal, and a top-level
 * answer of "equal" settles every pair it visited. "Unequal" is always settled, since it rests on a real
 * difference. Key order counts, which errs on the side of "changed".
 */
class Sameness {
  private readonly settled = new Map<object, Map<object, boolean>>();
  private readonly comparing = new Map<object, Set<object>>();
  private visited: Array<[object, object]> = [];
  private readonly baseRefs: RawRefs;
  private readonly revisionRefs: RawRefs;

  constructor(base: SpecDocument, revision: SpecDocument) {
    this.baseRefs = new RawRefs(base);
    this.revisionRefs = new RawRefs(revision);
  }

  same(a: JsonValue | undefined, fileA: string, b: JsonValue | undefined, fileB: string): boolean {
    this.visited = [];
    const equal = this.equal(a, fileA, b, fileB, 0);
    if (equal) for (const [x, y] of this.visited) this.settle(x, y, true);
    return equal;
  }

  private equal(a: JsonValue | undefined, fileA: string, b: JsonValue | undefined, fileB: string, depth: number): boolean {
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
    if (depth > MAX_SAMENESS_DEPTH) return false;
    if (Array.isArray(a) || Array.isArray(b)) {
      if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!this.equal(a[i], fileA, b[i], fileB, depth + 1)) return false;
      return true;
    }
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    if (keysA.length !== keysB.length) return false;
    for (let i = 0; i < keysA.length; i++) if (keysA[i] !== keysB[i]) return false;
    if (typeof a.$ref === 'string' && typeof b.$ref === 'string' && !this.sameTargets(a.$ref, fileA, b.$ref, fileB, depth + 1)) return false;
    for (const key of keysA) if (!this.equal(a[key], fileA, b[key], fileB, depth + 1)) return false;
    return true;
  }

  private sameTargets(refA: string, fileA: string, refB: string, fileB: string, depth: number): boolean {
    if (refA !== refB) return false;
    const a = this.baseRefs.target(refA, fileA);
    const b = this.revisionRefs.target(refB, fileB);
    if (!a || !b) return false;
    if (a.value === null || b.value === null || typeof a.value !== 'object' || typeof b.value !== 'object') return a.value === b.value;
    const known = this.settled.get(a.value)?.get(b.value);
    if (known !== undefined) return known;
    let open = this.comparing.get(a.value);
    if (open?.has(b.value)) return true;
    if (!open) this.comparing.set(a.value, (open = new Set()));
    open.add(b.value);
    const equal = this.equal(a.value, a.file, b.value, b.file, depth);
    open.delete(b.value);
    if (equal) this.visited.push([a.value, b.value]);
    else this.settle(a.value, b.value, false);
    return equal;
  }

  private settle(a: object, b: object, equal: boolean): void {
    let row = this.settled.get(a);
    if (!row) this.settled.set(a, (row = new Map()));
    row.set(b, equal);
  }
}

function objectAt(value: JsonValue | undefined, key: string): JsonValue | undefined {
  return isJsonObject(value) ? value[key] : undefined;
}

/**
 * Tells which operations cannot have changed between two versions: the operation, its path item's
 * parameters and everything they reach through `$ref`s are equal, and so are the document-level settings an
 * operation inherits (OpenAPI version, global security, OAS 2 consumes and produces). Every check finds
 * nothing between two identical operations, so the diff skips them; a release touches a few operations of
 * hundreds. Whatever cannot be followed without doubt counts as changed and gets the full comparison.
 */
export function unchangedOperations(base: ApiModel, revision: ApiModel): (before: OperationView, after: OperationView) => boolean {
  const sameness = new Sameness(base.doc, revision.doc);
  const [rootA, rootB] = [base.doc.root, revision.doc.root];
  const [entryA, entryB] = [base.doc.entryFile, revision.doc.entryFile];
  const inherited = ['security', 'consumes', 'produces'];
  const documentSame = base.doc.version === revision.doc.version && inherited.every((key) => sameness.same(rootA[key], entryA, rootB[key], entryB));
  if (!documentSame) return () => false;
  const pathItem = (doc: SpecDocument, op: OperationView) => {
    let node: JsonValue | undefined = doc.file(op.pathItemAt.file);
    for (const segment of splitPointer(op.pathItemAt.pointer)) node = objectAt(node, segment);
    return node;
  };
  return (before, after) =>
    before.path === after.path &&
    sameness.same(before.value, before.at.file, after.value, after.at.file) &&
    sameness.same(objectAt(pathItem(base.doc, before), 'parameters'), before.pathItemAt.file, objectAt(pathItem(revision.doc, after), 'parameters'), after.pathItemAt.file);
}
