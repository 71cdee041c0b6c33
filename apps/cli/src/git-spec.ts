import { execFileSync, spawnSync } from 'node:child_process';
import { posix } from 'node:path';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { UsageError } from './cli-command';

const MAX_BUFFER = 256 * 1024 * 1024;
const SPEC_FILE = /\.(ya?ml|json)$/i;
const REMOTE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** A spec at a git ref: repository-relative path -> content, plus the entry file's path. */
export interface GitSpec {
  files: Map<string, Buffer>;
  entry: string;
}

function firstLine(error: unknown): string {
  return String((error as { stderr?: Buffer }).stderr ?? error).trim().split('\n')[0];
}

function git(args: string[], cwd: string): Buffer {
  return execFileSync('git', args, { cwd, maxBuffer: MAX_BUFFER, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Every `$ref` string anywhere in a parsed document. */
function collectRefs(value: unknown, into: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') into.push(item);
      else collectRefs(item, into);
    }
  }
}

/** Files a spec file points at through relative `$ref`s, named as the loader names them (see libs/openapi load-spec `follow`). */
export function referencedFiles(name: string, content: Buffer): string[] {
  let value: unknown;
  try {
    const text = content.toString('utf8');
    value = /\.json$/i.test(name) ? JSON.parse(text) : loadYaml(text, { schema: CORE_SCHEMA });
  } catch {
    return []; // the loader reports the parse error with a location
  }
  const refs: string[] = [];
  collectRefs(value, refs);
  const files = new Set<string>();
  for (const ref of refs) {
    if (REMOTE.test(ref) || ref.startsWith('//')) continue;
    const hash = ref.indexOf('#');
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    if (!filePart) continue;
    let decoded = filePart;
    try {
      decoded = decodeURI(filePart);
    } catch {
      /* keep the raw name, as the loader does */
    }
    const file = posix.normalize(posix.join(posix.dirname(name), decoded));
    if (file !== '..' && !file.startsWith('../')) files.add(file);
  }
  return [...files];
}

/** Reads blobs `tree:path` through one `git cat-file --batch`; paths that are missing or not files are left out. */
function readBlobs(tree: string, paths: string[], cwd: string): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  const asked = paths.filter((p) => !p.includes('\n'));
  if (asked.length === 0) return found;
  const result = spawnSync('git', ['cat-file', '--batch'], { cwd, input: asked.map((p) => `${tree}:${p}\n`).join(''), maxBuffer: MAX_BUFFER });
  if (result.error || result.status !== 0) return found;
  const out = result.stdout;
  let at = 0;
  for (const path of asked) {
    const eol = out.indexOf(0x0a, at);
    if (eol === -1) break;
    const header = out.subarray(at, eol).toString('utf8').split(' ');
    at = eol + 1;
    if (header.length !== 3) continue; // "<name> missing" or "ambiguous"
    const size = Number(header[2]);
    if (header[1] === 'blob') found.set(path, Buffer.from(out.subarray(at, at + size)));
    at += size + 1;
  }
  return found;
}

/**
 * Reads `REF:PATH` from git, with every file it reaches through relative `$ref`s at that ref, without a checkout.
 * Missing referenced files are skipped: the loader reports them as findings.
 */
export function readSpecAtRef(spec: string, cwd: string): GitSpec {
  const colon = spec.indexOf(':');
  if (colon <= 0 || colon === spec.length - 1) throw new UsageError(`--git takes REF:PATH, not '${spec}'`);
  const ref = spec.slice(0, colon);
  let path = spec.slice(colon + 1);
  let entryContent: Buffer;
  let tree: string;
  try {
    entryContent = git(['show', spec], cwd);
    // `REF:./x` is relative to the working folder in git; name it from the repository root like the rest.
    if (path.startsWith('./') || path.startsWith('../')) path = git(['rev-parse', '--show-prefix'], cwd).toString('utf8').trim() + path;
    tree = git(['rev-parse', '--verify', '--end-of-options', `${ref}^{tree}`], cwd).toString('utf8').trim();
  } catch (error) {
    throw new UsageError(`git show ${spec} failed: ${firstLine(error)}`);
  }
  const entry = posix.normalize(path).replace(/^\/+/, '');
  const files = new Map<string, Buffer>([[entry, entryContent]]);
  let pending = referencedFiles(entry, entryContent).filter((f) => !files.has(f));
  const tried = new Set<string>([entry, ...pending]);
  while (pending.length > 0) {
    const blobs = readBlobs(tree, pending, cwd);
    const next: string[] = [];
    for (const [name, content] of blobs) {
      files.set(name, content);
      if (!SPEC_FILE.test(name)) continue; // Markdown and such: valid targets, never parsed
      for (const file of referencedFiles(name, content)) {
        if (tried.has(file)) continue;
        tried.add(file);
        next.push(file);
      }
    }
    pending = next;
  }
  return { files, entry };
}
