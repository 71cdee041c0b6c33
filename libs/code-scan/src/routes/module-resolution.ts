import { posix } from 'node:path';

const JS_CANDIDATES = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js', '/index.mjs'];

/** The repository file a relative JS/TS import names, or undefined for packages and files we do not have. */
export function resolveJsModule(from: string, specifier: string, known: ReadonlySet<string>): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  // A TS file importing './x.js' means './x.ts' once compiled.
  const stripped = base.replace(/\.[cm]?js$/, '');
  for (const root of stripped === base ? [base] : [base, stripped]) {
    for (const suffix of JS_CANDIDATES) if (known.has(root + suffix)) return root + suffix;
  }
  return undefined;
}

/**
 * Python modules by dotted name. The import root is not known (a repository may keep its package under src/ or
 * at the top), so a dotted name matches any file whose path ends with it.
 */
export class PythonModules {
  private readonly bySuffix = new Map<string, string>();

  constructor(files: Iterable<string>) {
    const all = [...files].filter((f) => f.endsWith('.py')).sort((a, b) => a.length - b.length);
    for (const file of all) {
      const dotted = file.replace(/\.py$/, '').replace(/\/__init__$/, '').split('/');
      for (let i = dotted.length - 1; i >= 0; i--) {
        const key = dotted.slice(i).join('.');
        if (!this.bySuffix.has(key)) this.bySuffix.set(key, file);
      }
    }
  }

  /** `from . import x` and `from ..a import b` resolve against the importing file's package. */
  resolve(from: string, dotted: string): string | undefined {
    const leading = /^\.+/.exec(dotted)?.[0].length ?? 0;
    if (leading === 0) return this.bySuffix.get(dotted);
    const dirs = posix.dirname(from).split('/');
    const base = dirs.slice(0, dirs.length - (leading - 1)).join('/');
    const rest = dotted.slice(leading);
    const path = rest ? `${base}/${rest.split('.').join('/')}` : base;
    for (const candidate of [`${path}.py`, `${path}/__init__.py`]) if (this.has(candidate)) return candidate;
    return undefined;
  }

  private has(file: string): boolean {
    const dotted = file.replace(/\.py$/, '').replace(/\/__init__$/, '').split('/').join('.');
    return this.bySuffix.get(dotted) === file;
  }
}
