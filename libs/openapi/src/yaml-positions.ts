import { CORE_SCHEMA, load, YAMLException, type State } from 'js-yaml';

/**
 * YAML parsing with source positions at js-yaml's speed.
 *
 * The `yaml` package keeps positions in a node tree and took four times as long as js-yaml to read Plaid's
 * 3 MB spec (1.34 s against 0.34 s, whole processes, measured 2026-11-25). js-yaml builds plain values and reports every node it composes to a
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
  const members = new WeakMap<object, Map<string, number>>();
  const sizes = new WeakMap<object, number>();
  const limit = expansionLimit(text);
  // Composed nodes waiting for their parent to close, as parallel arrays (a node per index), and for each open
  // node the index where its children begin. Flat arrays keep the listener allocation-free for scalars.
  const starts: number[] = [];
  const results: unknown[] = [];
  const nodeSizes: number[] = [];
  const openStarts: number[] = [];
  const openFirstKid: number[] = [];

  // js-yaml opens a node, composes its children (each an open/close pair) and closes it with the result.
  // Some nodes arrive wrapped in a second open/close of the same value (sequence items, explicit keys).
  const listener = (event: 'open' | 'close', state: State): void => {
    if (event === 'open') {
      openStarts.push(state.position);
      openFirstKid.push(starts.length);
      return;
    }
    let start = openStarts.pop()!;
    const first = openFirstKid.pop()!;
    const result = state.result as unknown;
    const kids = starts.length - first;
    let size = 1;
    if (kids === 1 && results[first] === result) {
      start = starts[first];
      size = nodeSizes[first];
    } else if (result !== null && typeof result === 'object') {
      if (kids === 0) size = sizes.get(result) ?? 1; // an alias to an earlier node, or an empty collection
      else {
        for (let i = first; i < starts.length; i++) size += nodeSizes[i];
        sizes.set(result, size);
        members.set(result, Array.isArray(result) ? sequenceMembers(starts, first) : mappingMembers(result as Record<string, unknown>, starts, results, first));
      }
      if (size > limit) throw new YamlSyntaxError(`aliases expand to more than ${limit} nodes (an alias bomb?)`);
    }
    starts.length = first;
    results.length = first;
    nodeSizes.length = first;
    starts.push(start);
    results.push(result);
    nodeSizes.push(size);
  };

  try {
    const value = load(text, { schema: CORE_SCHEMA, listener, json: false });
    return {
      value,
      rootOffset: skipToNode(text, 0),
      memberOffset: (container, key) => {
        const recorded = members.get(container)?.get(key);
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

function sequenceMembers(starts: number[], first: number): Map<string, number> {
  const offsets = new Map<string, number>();
  for (let i = first; i < starts.length; i++) offsets.set(String(i - first), starts[i]);
  return offsets;
}

// Children alternate key, value; a key with an empty value has no value node, which shows as the next
// child not being that key's value.
function mappingMembers(mapping: Record<string, unknown>, starts: number[], results: unknown[], first: number): Map<string, number> {
  const offsets = new Map<string, number>();
  for (let i = first; i < starts.length; i++) {
    const key = String(results[i]);
    offsets.set(key, starts[i]);
    if (i + 1 < starts.length && results[i + 1] === mapping[key]) i++;
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
