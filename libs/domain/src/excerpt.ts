/** Some lines of a file around one line, numbered from `startLine` (1-based). */
export interface Excerpt {
  startLine: number;
  lines: string[];
}

/** Lines shown before and after the line a finding points at. */
export const EXCERPT_CONTEXT = 4;
const MAX_LINE_CHARS = 240;

/** The lines around `line` (1-based), each cut to a readable length. */
export function excerptAround(text: string, line: number, context = EXCERPT_CONTEXT): Excerpt {
  const all = text.split(/\r?\n/);
  const at = Math.min(Math.max(line, 1), all.length);
  const startLine = Math.max(1, at - context);
  const lines = all.slice(startLine - 1, Math.min(all.length, at + context)).map((l) => (l.length > MAX_LINE_CHARS ? `${l.slice(0, MAX_LINE_CHARS)}…` : l));
  return { startLine, lines };
}
