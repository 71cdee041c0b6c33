import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, posix, relative } from 'node:path';
import picomatch from 'picomatch';

export interface SourceFile {
  /** Relative to the scanned root, with forward slashes. */
  path: string;
  text: string;
}

/** Dependencies, build output and tool caches: never the service's own source. */
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', 'vendor', '.git', 'coverage', 'out', '.next', 'target', '__pycache__', 'venv', '.venv', 'site-packages', 'bin', 'obj']);
const CODE = new Set(['.ts', '.js', '.mjs', '.cjs', '.tsx', '.jsx', '.mts', '.cts', '.py', '.java', '.go']);
/** Settings that may hold a route prefix (Spring's context path). */
const CONFIG = /(^|\/)application(-[\w]+)?\.(properties|ya?ml)$/;
const TEST_PATH = /(^|\/)(__tests__|__mocks__|tests?|e2e|spec|testing|src\/test)\//;
const TEST_FILE = /(\.|_)(spec|test|e2e-spec)\.[cm]?[jt]sx?$|(^|\/)test_[^/]*\.py$|_test\.(py|go)$|(^|\/)conftest\.py$|Tests?\.java$|(^|\/)[^/]*\.stories\.[jt]sx?$/;

export function isTestPath(path: string): boolean {
  return TEST_PATH.test(path) || TEST_FILE.test(path);
}

export interface ListOptions {
  maxFiles: number;
  maxFileBytes: number;
}

interface IgnoreRule {
  base: string;
  negate: boolean;
  directoryOnly: boolean;
  matches: (path: string) => boolean;
}

/** One .gitignore's lines as rules relative to the folder holding it (the subset of gitignore(5) repositories use). */
export function parseGitignore(text: string, base: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trimEnd();
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    const directoryOnly = line.endsWith('/');
    line = line.replace(/\/+$/, '');
    const anchored = line.startsWith('/') || line.includes('/');
    line = line.replace(/^\//, '');
    if (!line) continue;
    const glob = anchored ? line : `**/${line}`;
    rules.push({ base, negate, directoryOnly, matches: picomatch(glob, { dot: true }) });
  }
  return rules;
}

function isIgnored(rules: IgnoreRule[], path: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const rule of rules) {
    if (rule.directoryOnly && !isDirectory) continue;
    const rel = rule.base ? (path.startsWith(`${rule.base}/`) ? path.slice(rule.base.length + 1) : undefined) : path;
    if (rel !== undefined && rule.matches(rel)) ignored = !rule.negate;
  }
  return ignored;
}

/**
 * Source files worth scanning: code in the languages we parse and the settings files that hold route prefixes;
 * not tests, not dependencies or build output, not what .gitignore excludes; links are not followed.
 */
export function listSourceFiles(root: string, options: ListOptions): SourceFile[] {
  const files: SourceFile[] = [];
  const visit = (dir: string, inherited: IgnoreRule[]) => {
    const entries = readdirSync(dir, { withFileTypes: true });
    let rules = inherited;
    const relDir = relative(root, dir).split('\\').join('/');
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) rules = [...inherited, ...parseGitignore(readFileSync(join(dir, '.gitignore'), 'utf8'), relDir)];
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (files.length >= options.maxFiles) return;
      if (entry.isSymbolicLink()) continue;
      const path = join(dir, entry.name);
      const rel = relDir ? posix.join(relDir, entry.name) : entry.name;
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.') && !isIgnored(rules, rel, true)) visit(path, rules);
        continue;
      }
      const isCode = CODE.has(extname(entry.name)) && !entry.name.endsWith('.d.ts') && !entry.name.includes('.min.');
      if ((!isCode && !CONFIG.test(rel)) || isTestPath(rel) || isIgnored(rules, rel, false)) continue;
      if (lstatSync(path).size > options.maxFileBytes) continue;
      files.push({ path: rel, text: readFileSync(path, 'utf8') });
    }
  };
  visit(root, []);
  return files;
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
