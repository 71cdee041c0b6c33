import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, posix, resolve } from 'node:path';
import { splitPointer } from './json-pointer';
import {
  SpecInputError,
  type IngestProblem,
  type JsonObject,
  type JsonValue,
  type LoadOptions,
  type NodeRef,
  type OasVersion,
  type Resolved,
  type SourceLocation,
  type SpecDocument,
} from './model';
import { parseSpecFile, type ParsedFile } from './parsed-file';
import { escapeSegment, joinPointer } from './json-pointer';

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
// Longer chains than this are cycles of refs-to-refs (a -> b -> a), not real indirection.
const MAX_REF_HOPS = 64;
/**
 * Deepest nesting of mappings and sequences accepted in any file. The deepest of the 2,926 corpus files is 30
 * (PagerDuty); far deeper input is an attack on the recursive walks downstream, refused here with its place.
 */
export const MAX_NESTING_DEPTH = 128;
const ENTRY_NAMES = ['openapi.yaml', 'openapi.yml', 'openapi.json', 'swagger.yaml', 'swagger.yml', 'swagger.json'];
const SPEC_FILE = /\.(ya?ml|json)$/i;

/** Reads a file of the description by its name relative to the root folder; undefined when absent. */
export type FileReader = (name: string) => Buffer | undefined;

function isRef(value: unknown): value is { $ref: string } {
  return typeof value === 'object' && value !== null && typeof (value as { $ref?: unknown }).$ref === 'string';
}

function detectVersion(root: JsonObject, file: string): { version: OasVersion; versionString: string } {
  const raw = root.openapi ?? root.swagger;
  if (raw === undefined) {
    throw new SpecInputError('not an OpenAPI or Swagger document: no `openapi` or `swagger` field at the top level', { file, line: 1, column: 1 });
  }
  const versionString = String(raw);
  if (root.swagger !== undefined && versionString === '2.0') return { version: '2.0', versionString };
  if (root.openapi !== undefined && /^3\.0(\.\d+)?$/.test(versionString)) return { version: '3.0', versionString };
  if (root.openapi !== undefined && /^3\.1(\.\d+)?$/.test(versionString)) return { version: '3.1', versionString };
  throw new SpecInputError(`unsupported OpenAPI version '${versionString}' (supported: 2.0, 3.0.x, 3.1.x)`, { file, line: 1, column: 1 });
}

class LoadedSpec implements SpecDocument {
  readonly problems: IngestProblem[] = [];
  bytes = 0;
  readonly version: OasVersion;
  readonly versionString: string;
  readonly root: JsonObject;
  private readonly files = new Map<string, ParsedFile | { name: string; value: string; bytes: number } | null>();
  private readonly problemKeys = new Set<string>();
  /** By file the ref is written in, then by ref text: no key string to build and hash on every hop. */
  private readonly resolvedRefs = new Map<string, Map<string, { value: JsonValue; at: NodeRef }>>();
  /** Built on the first question about a node outside the entry file; single-file specs never pay for it. */
  private logical: LogicalPointers | undefined;

  constructor(
    private readonly read: FileReader,
    readonly entryFile: string,
    readonly rootDir: string,
    private readonly maxBytes: number,
  ) {
    const entry = this.load(entryFile);
    if (!entry) throw new SpecInputError('file not found', { file: entryFile });
    if (entry.value === null || typeof entry.value !== 'object' || Array.isArray(entry.value)) {
      throw new SpecInputError('not an OpenAPI document: the top level is not a mapping', { file: entryFile, line: 1, column: 1 });
    }
    this.root = entry.value as JsonObject;
    ({ version: this.version, versionString: this.versionString } = detectVersion(this.root, entryFile));
    this.checkReferences();
  }

  private load(name: string) {
    if (this.files.has(name)) return this.files.get(name) ?? undefined;
    const content = this.read(name);
    if (content === undefined) {
      this.files.set(name, null);
      return undefined;
    }
    this.bytes += content.length;
    if (this.bytes > this.maxBytes) {
      throw new SpecInputError(`input is larger than the ${this.maxBytes}-byte limit`, { file: name });
    }
    // Non-spec files ($ref to Markdown docs, say) are kept as text: valid targets, never parsed.
    const parsed = SPEC_FILE.test(name) || name === this.entryFile ? parseSpecFile(name, content) : { name, value: content.toString('utf8'), bytes: content.length };
    this.files.set(name, parsed);
    return parsed;
  }

  file(name: string): JsonValue | undefined {
    return this.load(name)?.value;
  }

  private report(problem: IngestProblem): void {
    const key = `${problem.code}|${problem.at.file}|${problem.at.pointer}`;
    if (this.problemKeys.has(key)) return;
    this.problemKeys.add(key);
    this.problems.push(problem);
  }

  /**
   * One `$ref` hop: the target's value and address, or undefined (and a problem) when it cannot resolve.
   * Where a ref leads depends only on its text and the file it is written in, so successes are remembered:
   * large specs repeat the same few hundred refs tens of thousands of times. Failures are not, so each place
   * a broken ref is written still gets its problem.
   */
  private follow(ref: string, at: NodeRef): { value: JsonValue; at: NodeRef } | undefined {
    let inFile = this.resolvedRefs.get(at.file);
    const known = inFile?.get(ref);
    if (known) return known;
    const target = this.resolve(ref, at);
    if (target) {
      if (!inFile) this.resolvedRefs.set(at.file, (inFile = new Map()));
      inFile.set(ref, target);
    }
    return target;
  }

  private resolve(ref: string, at: NodeRef): { value: JsonValue; at: NodeRef } | undefined {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || ref.startsWith('//')) {
      this.report({ code: 'ref-remote', message: `remote reference '${ref}' is not fetched`, at });
      return undefined;
    }
    const hash = ref.indexOf('#');
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    const fragment = hash === -1 ? '' : ref.slice(hash + 1);
    let file = at.file;
    if (filePart) {
      let decoded = filePart;
      try {
        decoded = decodeURI(filePart);
      } catch {
        /* keep the raw name */
      }
      file = posix.normalize(posix.join(posix.dirname(at.file), decoded));
    }
    const target = this.load(file);
    if (!target) {
      this.report({ code: 'ref-file-missing', message: `reference '${ref}': file '${file}' not found`, at });
      return undefined;
    }
    let pointer = '';
    let node: JsonValue | undefined = target.value;
    let nodeFile = file;
    let fragmentText = fragment;
    try {
      fragmentText = decodeURIComponent(fragment);
    } catch {
      /* keep it as written */
    }
    for (const segment of splitPointer(fragmentText)) {
      // Bundlers follow refs met half-way through a pointer; so do we, so split files resolve as authors meant.
      let hops = 0;
      while (isRef(node) && segment !== '$ref' && hops++ < MAX_REF_HOPS) {
        const next = this.follow(node.$ref, { file: nodeFile, pointer });
        if (!next) {
          this.report({ code: 'ref-unresolved', message: `reference '${ref}' passes through a broken reference`, at });
          return undefined;
        }
        node = next.value;
        nodeFile = next.at.file;
        pointer = next.at.pointer;
      }
      if (node === null || typeof node !== 'object') {
        node = undefined;
        break;
      }
      node = Array.isArray(node) ? node[Number(segment)] : (node as JsonObject)[segment];
      pointer = `${pointer}/${escapeSegment(segment)}`;
      if (node === undefined) break;
    }
    if (node === undefined) {
      this.report({ code: 'ref-unresolved', message: `reference '${ref}' does not resolve`, at });
      return undefined;
    }
    return { value: node, at: { file: nodeFile, pointer } };
  }

  /** Where `ref`, written in `file`, leads when that is already known; never resolves, never reports. */
  knownTarget(file: string, ref: string): { value: JsonValue; at: NodeRef } | undefined {
    return this.resolvedRefs.get(file)?.get(ref);
  }

  deref<T = JsonValue>(value: JsonValue | undefined, at: NodeRef): Resolved<T> | undefined {
    if (value === undefined) return undefined;
    let current: JsonValue = value;
    let where = at;
    // Made at the first hop, to its size: Resolved values are kept by the model and the rules' memo.
    let via: string[] | undefined;
    while (isRef(current)) {
      if (!via) via = [current.$ref];
      else if (via.length >= MAX_REF_HOPS) return undefined;
      else via.push(current.$ref);
      const next = this.follow(current.$ref, where);
      if (!next) return undefined;
      current = next.value;
      where = next.at;
    }
    return { value: current as T, at: where, via: via ?? [] };
  }

  logicalPointer(at: NodeRef): string {
    if (at.file === this.entryFile) return at.pointer;
    return (this.logical ??= new LogicalPointers(this)).of(at.file, at.pointer) ?? `${at.file}#${at.pointer}`;
  }

  /** Every `$ref` of every file the entry reaches, with where it is written and where it leads. */
  forEachReference(visit: (from: NodeRef, to: NodeRef) => void): void {
    const pending = [this.entryFile];
    const walked = new Set<string>();
    while (pending.length > 0) {
      const name = pending.pop()!;
      if (walked.has(name)) continue;
      walked.add(name);
      const file = this.files.get(name);
      if (!file || !('position' in file)) continue;
      const segments: Array<string | number> = [];
      const walk = (node: JsonValue): void => {
        if (node === null || typeof node !== 'object') return;
        if (Array.isArray(node)) {
          for (let i = 0; i < node.length; i++) {
            segments.push(i);
            walk(node[i]);
            segments.pop();
          }
          return;
        }
        if (typeof node.$ref === 'string') {
          const from = { file: name, pointer: joinPointer('', ...segments) };
          const target = this.follow(node.$ref, from);
          if (target) {
            visit(from, target.at);
            if (!walked.has(target.at.file)) pending.push(target.at.file);
          }
        }
        for (const key in node) {
          if (key === '$ref') continue;
          segments.push(key);
          walk(node[key]);
          segments.pop();
        }
      };
      walk(file.value);
    }
  }

  locate(at: NodeRef): SourceLocation {
    const file = this.files.get(at.file);
    const position = file && 'position' in file ? file.position(at.pointer) : { line: 1, column: 1 };
    return { ...at, ...position };
  }

  /** Loads every file the description reaches and records each broken reference once, where it is written. */
  private checkReferences(): void {
    const pending = [this.entryFile];
    const walked = new Set<string>();
    while (pending.length > 0) {
      const name = pending.pop()!;
      if (walked.has(name)) continue;
      walked.add(name);
      const file = this.files.get(name);
      if (!file || !('position' in file)) continue;
      // Pointers are built only where a new $ref is met: the walk visits every node of every file.
      // Only containers are visited: scalars, most of the nodes, are passed over where they are met.
      const segments: Array<string | number> = [];
      const visit = (node: JsonObject | JsonValue[]): void => {
        if (segments.length > MAX_NESTING_DEPTH) {
          const pointer = joinPointer('', ...segments);
          throw new SpecInputError(`nested deeper than ${MAX_NESTING_DEPTH} levels at ${pointer.slice(0, 200)}…`, { file: name, ...file.position(pointer) });
        }
        if (Array.isArray(node)) {
          for (let i = 0; i < node.length; i++) {
            const item = node[i];
            if (item === null || typeof item !== 'object') continue;
            segments.push(i);
            visit(item);
            segments.pop();
          }
          return;
        }
        if (typeof node.$ref === 'string') {
          // Most refs repeat one already resolved from this file; only a new one needs its pointer, to report at.
          const target = this.resolvedRefs.get(name)?.get(node.$ref) ?? this.follow(node.$ref, { file: name, pointer: joinPointer('', ...segments) });
          if (target && !walked.has(target.at.file)) pending.push(target.at.file);
        }
        for (const key in node) {
          const member = node[key];
          if (member === null || typeof member !== 'object' || key === '$ref') continue;
          segments.push(key);
          visit(member);
          segments.pop();
        }
      };
      if (file.value !== null && typeof file.value === 'object') visit(file.value);
    }
  }
}

/**
 * Logical pointers of nodes outside the entry file: a node's nearest enclosing `$ref` target (the longest prefix of
 * its pointer that some ref leads to) takes the logical pointer of the place that ref is written, plus the rest.
 * References within the entry file need nothing: their targets already have entry pointers.
 */
class LogicalPointers {
  /** `file#pointer` of a ref target -> every place a ref to it is written. */
  private readonly incoming = new Map<string, NodeRef[]>();
  private readonly known = new Map<string, string | undefined>();
  private readonly resolving = new Set<string>();

  constructor(private readonly spec: LoadedSpec) {
    spec.forEachReference((from, to) => {
      if (from.file === spec.entryFile && to.file === spec.entryFile) return;
      const key = `${to.file}#${to.pointer}`;
      const sources = this.incoming.get(key);
      if (sources) sources.push(from);
      else this.incoming.set(key, [from]);
    });
  }

  of(file: string, pointer: string): string | undefined {
    if (file === this.spec.entryFile) return pointer;
    const segments = splitPointer(pointer);
    for (let length = segments.length; length >= 0; length--) {
      const prefix = length === 0 ? '' : joinPointer('', ...segments.slice(0, length));
      const base = this.target(`${file}#${prefix}`);
      if (base !== undefined) return base + pointer.slice(prefix.length);
    }
    return undefined;
  }

  private target(key: string): string | undefined {
    if (this.known.has(key)) return this.known.get(key);
    const sources = this.incoming.get(key);
    // A ref cycle (a.yaml -> b.yaml -> a.yaml) is not a way in from the entry.
    if (!sources || this.resolving.has(key)) return undefined;
    this.resolving.add(key);
    let best: string | undefined;
    for (const from of sources) {
      const candidate = this.of(from.file, from.pointer);
      if (candidate !== undefined && (best === undefined || isShorterPointer(candidate, best))) best = candidate;
    }
    this.resolving.delete(key);
    this.known.set(key, best);
    return best;
  }
}

function isShorterPointer(a: string, b: string): boolean {
  const depthA = a.split('/').length;
  const depthB = b.split('/').length;
  return depthA !== depthB ? depthA < depthB : a < b;
}

/**
 * For buildApiModel: where a ref written in a file leads, when the load already resolved it (the reference check
 * resolves every ref of every file it reaches), else undefined; undefined for documents not made by this module.
 * Following a known ref needs no address for it, and so no pointer string.
 */
export function knownRefTargets(doc: SpecDocument): ((file: string, ref: string) => { value: JsonValue; at: NodeRef } | undefined) | undefined {
  return doc instanceof LoadedSpec ? (file, ref) => doc.knownTarget(file, ref) : undefined;
}

function findEntry(names: string[], readValue: (name: string) => Buffer | undefined): string {
  const top = names.filter((n) => !n.includes('/'));
  for (const candidate of ENTRY_NAMES) if (top.includes(candidate)) return candidate;
  const roots = names.filter((n) => SPEC_FILE.test(n)).filter((n) => {
    const head = readValue(n)?.subarray(0, 4096).toString('utf8') ?? '';
    return /(^|\n|\{)\s*"?(openapi|swagger)"?\s*:/.test(head);
  });
  if (roots.length === 1) return roots[0];
  if (roots.length === 0) throw new SpecInputError('no OpenAPI document found (expected openapi.yaml, openapi.json or a file with an `openapi` field)');
  throw new SpecInputError(`several OpenAPI documents found (${roots.slice(0, 4).join(', ')}); name the entry file`);
}

function listFolder(root: string, dir = ''): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') return [];
    const name = dir ? `${dir}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFolder(root, name) : [name];
  });
}

/** Loads a description from disk: an entry file, or a folder holding one. Relative `$ref`s stay inside its folder. */
export async function loadSpec(entryPath: string, options: LoadOptions = {}): Promise<SpecDocument> {
  const absolute = resolve(entryPath);
  if (!existsSync(absolute)) throw new SpecInputError('no such file or folder', { file: entryPath });
  let rootDir = dirname(absolute);
  let entry = basename(absolute);
  if (statSync(absolute).isDirectory()) {
    rootDir = absolute;
    const read = (name: string) => readFileSync(join(rootDir, name));
    entry = findEntry(listFolder(rootDir), read);
  }
  // No stat first: a folder fails the read (EISDIR) as a missing file does, and a spec split into thousands
  // of files would pay a second system call for each.
  const reader: FileReader = (name) => {
    try {
      return readFileSync(join(rootDir, name));
    } catch {
      return undefined;
    }
  };
  return new LoadedSpec(reader, entry, rootDir, options.maxBytes ?? DEFAULT_MAX_BYTES);
}

/** Loads a description held in memory (an upload, an unpacked archive); names are relative posix paths. */
export async function loadSpecFromFiles(files: Map<string, Buffer | string>, entry?: string, options: LoadOptions = {}): Promise<SpecDocument> {
  const normalized = new Map<string, Buffer>();
  for (const [name, content] of files) {
    normalized.set(posix.normalize(name.replace(/\\/g, '/')).replace(/^\.\//, ''), typeof content === 'string' ? Buffer.from(content) : content);
  }
  if (normalized.size === 0) throw new SpecInputError('no files given');
  const entryFile = entry ?? (normalized.size === 1 ? [...normalized.keys()][0] : findEntry([...normalized.keys()], (n) => normalized.get(n)));
  if (!normalized.has(entryFile)) throw new SpecInputError('entry file not among the uploaded files', { file: entryFile });
  return new LoadedSpec((name) => normalized.get(name), entryFile, '.', options.maxBytes ?? DEFAULT_MAX_BYTES);
}
