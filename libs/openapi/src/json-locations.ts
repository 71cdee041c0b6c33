import { splitPointer } from './json-pointer';

/**
 * The members of a container: for an object, where each key starts (its value is found from there when a pointer
 * descends into it); for an array, where each item starts.
 */
type Members = Map<string, number> | number[];

// From inside a container, plain characters and whole strings, up to a bracket, or to a string with more escapes
// or past more strings than the bounds (skipString and the next match go on from there). Irregexp keeps a
// backtrack entry for each turn of a group loop: unbounded, the loops overflowed its stack on a run of 3 million
// strings, or on one string of 2 million escapes.
const RUN = /[^"{}[\]]*(?:"[^"\\]*(?:\\[^][^"\\]*){0,64}"[^"{}[\]]*){0,1000}/y;
// Containers smaller than this are not remembered when scanned: scanning them again costs less than the entry.
const REMEMBER_END_FROM = 256;

/** JSON's whitespace: space, line feed, carriage return, tab. */
function isJsonSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/**
 * Finds where a JSON pointer's node starts in JSON text, without indexing the whole document: each query reads
 * the keys of the containers on its path and skips every other value. A container's members are remembered
 * once read, so the findings of one lint share the work. Skipping a container scans it bracket to bracket with
 * a sticky regex, and notes where each larger container met inside it ends; that is what descending into it later
 * needs to skip its own members, so each region of the text is scanned about once, not once per level of
 * nesting. Indexing every node up front cost more than all queries of a typical lint together (bench/README.md,
 * "Parsing with positions").
 */
export class JsonLocator {
  private readonly containers = new Map<number, Members>();
  /** Where a scanned container that starts at the key's offset ends (just past its closing bracket). */
  private readonly ends = new Map<number, number>();
  private readonly openStack: number[] = [];
  private readonly root: number;

  constructor(private readonly text: string) {
    this.root = this.skipSpace(0);
  }

  /** Offset of the node at `pointer`, or of its nearest existing ancestor. */
  offsetOf(pointer: string): number {
    let reported = this.root;
    let value = this.root;
    for (const segment of splitPointer(pointer)) {
      const members = this.membersAt(value);
      if (members === undefined) break;
      if (Array.isArray(members)) {
        const index = Number(segment);
        // Only the canonical spelling names an item: "1", not "01", "1.0" or "+1".
        if (!(index < members.length) || String(index) !== segment) break;
        reported = value = members[index];
      } else {
        const at = members.get(segment);
        if (at === undefined) break;
        reported = at;
        value = this.skipSpace(this.skipSpace(this.skipString(at)) + 1); // past the key and ':'
      }
    }
    return reported;
  }

  private membersAt(start: number): Members | undefined {
    const open = this.text.charCodeAt(start);
    if (open !== 123 && open !== 91) return undefined; // { or [
    let members = this.containers.get(start);
    if (members) return members;
    const text = this.text;
    let i = this.skipSpace(start + 1);
    if (open === 123) {
      const keys = new Map<string, number>();
      while (i < text.length && text.charCodeAt(i) !== 125) {
        const keyStart = i;
        i = this.skipString(i);
        const key = text.slice(keyStart + 1, i - 1);
        keys.set(key.includes('\\') ? (JSON.parse(text.slice(keyStart, i)) as string) : key, keyStart);
        i = this.skipSpace(this.skipValue(this.skipSpace(this.skipSpace(i) + 1))); // past ':' and the value
        if (text.charCodeAt(i) === 44) i = this.skipSpace(i + 1); // ,
      }
      members = keys;
    } else {
      const items: number[] = [];
      while (i < text.length && text.charCodeAt(i) !== 93) {
        items.push(i);
        i = this.skipSpace(this.skipValue(i));
        if (text.charCodeAt(i) === 44) i = this.skipSpace(i + 1); // ,
      }
      members = items;
    }
    this.containers.set(start, members);
    return members;
  }

  private skipSpace(from: number): number {
    const text = this.text;
    let i = from;
    while (isJsonSpace(text.charCodeAt(i))) i++;
    return i;
  }

  /** From an opening quote to just past the closing one. */
  private skipString(from: number): number {
    const text = this.text;
    let quote = text.indexOf('"', from + 1);
    while (quote !== -1) {
      let backslashes = 0;
      while (text.charCodeAt(quote - 1 - backslashes) === 92) backslashes++;
      if (backslashes % 2 === 0) return quote + 1;
      quote = text.indexOf('"', quote + 1);
    }
    return text.length;
  }

  private skipValue(from: number): number {
    const text = this.text;
    const c = text.charCodeAt(from);
    if (c === 34) return this.skipString(from);
    if (c !== 123 && c !== 91) {
      let i = from;
      for (let d = text.charCodeAt(i); d !== 44 && d !== 125 && d !== 93 && d === d && d > 32; d = text.charCodeAt(++i));
      return i;
    }
    const known = this.ends.get(from);
    if (known !== undefined) return known;
    const open = this.openStack;
    const ends = this.ends;
    const run = RUN;
    let i = from;
    while (i < text.length) {
      const d = text.charCodeAt(i);
      if (d === 34) i = this.skipString(i);
      else {
        if (d === 123 || d === 91) open.push(i);
        else {
          // } or ]: the regex stops only on brackets and quotes
          const start = open.pop()!;
          if (i + 1 - start >= REMEMBER_END_FROM) ends.set(start, i + 1);
          if (open.length === 0) return i + 1;
        }
        i++;
      }
      run.lastIndex = i;
      run.test(text);
      i = run.lastIndex;
    }
    open.length = 0;
    return i;
  }
}

/**
 * Start offsets of each line, for offset -> line:column by binary search. A typed array grown by doubling: pushing
 * onto a plain array cost a fifth more over Kubernetes' 85k lines.
 */
export function indexLineStarts(text: string): Int32Array {
  let starts = new Int32Array(Math.max(1024, text.length >> 6));
  let count = 1; // starts[0] = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (count === starts.length) {
      const grown = new Int32Array(count * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[count++] = i + 1;
  }
  return starts.subarray(0, count);
}

export function offsetToLineColumn(lineStarts: ArrayLike<number>, offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low] + 1 };
}
