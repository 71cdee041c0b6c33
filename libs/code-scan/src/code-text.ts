/** Index just past the bracket that closes the one at `open` (any of ( [ {), skipping strings and comments. */
export function matchBracket(text: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      i = text.indexOf('\n', i);
      if (i === -1) return text.length;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
      if (i === 0) return text.length;
      continue;
    }
    if (pairs[c]) stack.push(pairs[c]);
    else if (c === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return i + 1;
    }
  }
  return text.length;
}

export interface LoopBlock {
  /** Offset of the `for`/`while` keyword. */
  start: number;
  body: string;
}

/** Bodies of for/while loops with braces; nested loops are returned too. */
export function loopBodies(text: string): LoopBlock[] {
  const loops: LoopBlock[] = [];
  for (const m of text.matchAll(/\b(for|while)\s*\(/g)) {
    const headerEnd = matchBracket(text, (m.index ?? 0) + m[0].length - 1);
    const brace = text.slice(headerEnd).search(/\S/);
    if (brace === -1 || text[headerEnd + brace] !== '{') continue;
    const open = headerEnd + brace;
    loops.push({ start: m.index ?? 0, body: text.slice(open, matchBracket(text, open)) });
  }
  return loops;
}
