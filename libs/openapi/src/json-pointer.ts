/** RFC 6901 JSON pointers: build, split and follow. */
export function escapeSegment(segment: string | number): string {
  const text = String(segment);
  // Most keys need no escaping; skipping the regexes matters when every node of a 4 MB file is indexed.
  return text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text;
}

export function joinPointer(base: string, ...segments: Array<string | number>): string {
  if (segments.length === 1) return `${base}/${escapeSegment(segments[0])}`;
  return base + segments.map((s) => `/${escapeSegment(s)}`).join('');
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '/' ? [''] : [];
  const segments = pointer.slice(1).split('/');
  // Most segments hold no escape; the regexes cost more than the split on every located finding.
  if (pointer.includes('~')) {
    for (let i = 0; i < segments.length; i++) if (segments[i].includes('~')) segments[i] = segments[i].replace(/~1/g, '/').replace(/~0/g, '~');
  }
  return segments;
}

/** The value at `pointer` inside `root`, or undefined when a segment is missing. */
export function getAtPointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const segment of splitPointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[Number(segment)] : (node as Record<string, unknown>)[segment];
    if (node === undefined) return undefined;
  }
  return node;
}
