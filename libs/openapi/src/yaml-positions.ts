import { CORE_SCHEMA, load, YAMLException, type State } from 'js-yaml';

/**
 * YAML parsing with source positions at js-yaml's speed.
 *
 * The `yaml` package keeps positions in a node tree and took four times as long as js-yaml (figures in
 * bench/README.md, "Parsing with positions"). js-yaml builds plain values and reports every node it composes to a
 * listener, with the offset where composition started; that is enough to note, for each mapping and sequence,
 * where its members start. The table is keyed by the container object itself, so a pointer is resolved by
 * walking the values and looking up the last container's table.
 */
export interface YamlWithPositions {
  value: unknown;
  /** Offset where the member `key` of `container` starts (the key of a mapping entry, the item of a sequence). */
  memberOffset(container: object, key: string): number | undefined;
  /** Offset of the document's first node, past leading blanks and comments. */
  rootOffset: number;
}

export class YamlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(reason);
  }
}

/** Expanded size beyond which a document is an alias bomb: real specs stay far below one node per byte. */
function expansionLimit(text: string): number {
  return 100_000 + 2 * text.length;
}

export function parseYamlWithPositions(text: string): YamlWithPositions {
  const limit = expansionLimit(text);
  // Composed nodes waiting for their parent to close, as parallel stacks (a node per index, `top` of them), and
  // for each open node the index where its children begin. Flat arrays written in place keep the listener free of
  // allocations and length changes: it runs twice for every node of the document.
  const starts: number[] = [];
  const results: unknown[] = [];
  const nodeSizes: number[] = [];
  let top = 0;
  const openStarts: number[] = [];
  const openFirstKid: number[] = [];
  let depth = 0;
  // Each collection's children (start and value), copied out when it closes, and its expanded size. A lint asks
  // where the members of a few hundred collections start, of the tens of thousands a spec holds, so the table of
  // one collection (key -> offset) is built from these only when first asked for.
  // A Map, not a WeakMap: the document's value holds these collections anyway, and a WeakMap's entries (ephemerons)
  // made the listener about 15 ms slower on Plaid's 23k collections.
  const tables = new Map<object, number>();
  const tableFirst: number[] = [];
  const tableCount: number[] = [];
  const tableSize: number[] = [];
  const kidStarts: number[] = [];
  const kidResults: unknown[] = [];

  // js-yaml opens a node, composes its children (each an open/close pair) and closes it with the result.
  // Some nodes arrive wrapped in a second open/close of the same value (sequence items, explicit keys).
  const listener = (event: 'open' | 'close', state: State): void => {
    if (event === 'open') {
      openStarts[depth] = state.position;
      openFirstKid[depth] = top;
      depth++;
      return;
    }
    depth--;
    let start = openStarts[depth];
    const first = openFirstKid[depth];
    const result = state.result as unknown;
    const kids = top - first;
    let size = 1;
    if (kids === 1 && results[first] === result) {
      start = starts[first];
      size = nodeSizes[first];
    } else if (result !== null && typeof result === 'object') {
      if (kids === 0) {
        const table = tables.get(result); // an alias to an earlier node, or an empty collection
        if (table !== undefined) size = tableSize[table];
      } else {
        tables.set(result, tableFirst.length);
        tableFirst.push(kidStarts.length);
        tableCount.push(kids);
        for (let i = first; i < top; i++) {
          size += nodeSizes[i];
          kidStarts.push(starts[i]);
          kidResults.push(results[i]);
        }
        tableSize.push(size);
      }
      if (size > limit) throw new YamlSyntaxError(`aliases expand to more than ${limit} nodes (an alias bomb?)`);
    }
    starts[first] = start;
    results[first] = result;
    nodeSizes[first] = size;
    top = first + 1;
  };

  try {
    const value = load(text, { schema: CORE_SCHEMA, listener, json: false });
    starts.length = results.length = nodeSizes.length = 0;
    const built = new Map<number, Map<string, number>>();
    const membersOf = (container: object): Map<string, number> | undefined => {
      const table = tables.get(container);
      if (table === undefined) return undefined;
      let members = built.get(table);
      if (!members) {
        const from = tableFirst[table];
        const to = from + tableCount[table];
        members = Array.isArray(container) ? sequenceMembers(kidStarts, from, to) : mappingMembers(container as Record<string, unknown>, kidStarts, kidResults, from, to);
        built.set(table, members);
      }
      return members;
    };
    return {
      value,
      rootOffset: skipToNode(text, 0),
      memberOffset: (container, key) => {
        const recorded = membersOf(container)?.get(key);
        return recorded === undefined ? undefined : skipToNode(text, recorded);
      },
    };
  } catch (error) {
    if (error instanceof YamlSyntaxError) throw error;
    if (error instanceof YAMLException) {
      const reason = /duplicated mapping key/.test(error.reason) ? 'duplicate key' : error.reason;
      throw new YamlSyntaxError(reason, error.mark ? error.mark.line + 1 : undefined, error.mark ? error.mark.column + 1 : undefined);
    }
    throw error;
  }
}

function sequenceMembers(starts: number[], first: number, end: number): Map<string, number> {
  const offsets = new Map<string, number>();
  for (let i = first; i < end; i++) offsets.set(String(i - first), starts[i]);
  return offsets;
}

// Children alternate key, value; a key with an empty value has no value node, which shows as the next
// child not being that key's value.
function mappingMembers(mapping: Record<string, unknown>, starts: number[], results: unknown[], first: number, end: number): Map<string, number> {
  const offsets = new Map<string, number>();
  for (let i = first; i < end; i++) {
    const key = String(results[i]);
    offsets.set(key, starts[i]);
    if (i + 1 < end && results[i + 1] === mapping[key]) i++;
  }
  return offsets;
}

// A member's recorded start can sit on the blank or comment before it; step onto the node itself.
function skipToNode(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || (c === '-' && /\s/.test(text[i + 1] ?? ''))) i++;
    else if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end + 1;
    } else break;
  }
  return i;
}
