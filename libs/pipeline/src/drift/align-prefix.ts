import { templateKey } from './observed-endpoint';

/** The first one or two segments of a path, as candidate prefixes: /api, /api/v1. */
function leadingPrefixes(path: string): string[] {
  const segments = path.split('/').filter(Boolean);
  const out: string[] = [];
  for (let n = 1; n <= Math.min(2, segments.length - 1); n++) {
    const prefix = `/${segments.slice(0, n).join('/')}`;
    if (!prefix.includes('{')) out.push(prefix);
  }
  return out;
}

function strip(path: string, prefix: string): string {
  return path === prefix ? '/' : path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path;
}

/**
 * Code routes often carry a prefix the spec keeps in its server URL (`/api`, `/api/v1`), or the reverse. Picks the
 * one prefix whose removal from one side matches the most endpoints of the other, and returns the mapping that
 * puts a path of `observed` into the spec's spelling; the identity when no prefix helps.
 */
export function alignToSpec(spec: Array<{ method: string; path: string }>, observed: Array<{ method: string; path: string }>): (path: string) => string {
  const specKeys = new Set(spec.map((e) => templateKey(e.method, e.path)));
  const specPaths = new Set(spec.map((e) => templateKey('X', e.path)));
  const matches = (map: (path: string) => string) => observed.filter((e) => specKeys.has(templateKey(e.method, map(e.path))) || (e.method === 'ANY' && specPaths.has(templateKey('X', map(e.path))))).length;
  let best: { map: (path: string) => string; score: number } = { map: (p) => p, score: matches((p) => p) };
  const fromObserved = new Set(observed.flatMap((e) => leadingPrefixes(e.path)));
  const fromSpec = new Set(spec.flatMap((e) => leadingPrefixes(e.path)));
  for (const prefix of fromObserved) {
    const map = (p: string) => strip(p, prefix);
    const score = matches(map);
    if (score > best.score) best = { map, score };
  }
  for (const prefix of fromSpec) {
    const map = (p: string) => (p.startsWith(`${prefix}/`) || p === prefix ? p : `${prefix}${p === '/' ? '' : p}`);
    const score = matches(map);
    if (score > best.score) best = { map, score };
  }
  return best.map;
}
