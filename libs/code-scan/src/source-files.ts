import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';

export interface SourceFile {
  /** Relative to the scanned root, with forward slashes. */
  path: string;
  text: string;
}

const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', 'vendor', '.git', 'coverage', 'out', '.next', 'target', '__pycache__']);
const CODE = new Set(['.ts', '.js', '.mjs', '.cjs', '.tsx', '.jsx']);
const TEST = /(\.|_)(spec|test)\.[cm]?[jt]sx?$|(^|\/)(__tests__|test|tests)\//;

export interface ListOptions {
  maxFiles: number;
  maxFileBytes: number;
}

/** Source files worth scanning: code, not tests, not generated or vendored trees; links are not followed. */
export function listSourceFiles(root: string, options: ListOptions): SourceFile[] {
  const files: SourceFile[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (files.length >= options.maxFiles) return;
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) visit(path);
        continue;
      }
      const rel = relative(root, path).split('\\').join('/');
      if (!CODE.has(extname(entry.name)) || TEST.test(rel) || entry.name.endsWith('.d.ts') || entry.name.includes('.min.')) continue;
      if (lstatSync(path).size > options.maxFileBytes) continue;
      files.push({ path: rel, text: readFileSync(path, 'utf8') });
    }
  };
  visit(root);
  return files;
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
