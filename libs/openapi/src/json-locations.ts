import { joinPointer } from './json-pointer';

/**
 * One pass over JSON text recording where every node starts: the key for object members, the value for
 * array items. Built only when a finding first asks for a location in that file, so a clean file never
 * pays for it; JSON.parse alone gives the values.
 */
export function indexJsonOffsets(text: string): Map<string, number> {
  const offsets = new Map<string, number>();
  let i = 0;
  const skipSpace = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
  };
  const readString = (): string => {
    const start = i;
    i++;
    let escaped = false;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 92) {
        escaped = true;
        i += 2;
        continue;
      }
      if (c === 34) break;
      i++;
    }
    i++;
    const raw = text.slice(start, i);
    return escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  };
  const readValue = (pointer: string): void => {
    skipSpace();
    const c = text[i];
    if (c === '{') {
      i++;
      skipSpace();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        const keyStart = i;
        const key = readString();
        const child = joinPointer(pointer, key);
        offsets.set(child, keyStart);
        skipSpace();
        i++; // ':'
        readValue(child);
        skipSpace();
        if (text[i] === ',') i++;
        else {
          i++;
          return;
        }
      }
    } else if (c === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let index = 0; ; index++) {
        skipSpace();
        const child = joinPointer(pointer, index);
        offsets.set(child, i);
        readValue(child);
        skipSpace();
        if (text[i] === ',') i++;
        else {
          i++;
          return;
        }
      }
    } else if (c === '"') {
      readString();
    } else {
      while (i < text.length && !',]} \n\r\t'.includes(text[i])) i++;
    }
  };
  skipSpace();
  offsets.set('', i);
  readValue('');
  return offsets;
}

/** Start offsets of each line, for offset -> line:column by binary search. */
export function indexLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function offsetToLineColumn(lineStarts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low] + 1 };
}
