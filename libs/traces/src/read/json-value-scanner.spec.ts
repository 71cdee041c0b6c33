import { JsonValueScanner } from './json-value-scanner';

function scanInPieces(text: string, select: (path: (string | number)[]) => boolean, piece: number) {
  const scanner = new JsonValueScanner(select);
  const bytes = Buffer.from(text);
  const found = [];
  for (let i = 0; i < bytes.length; i += piece) found.push(...scanner.push(bytes.subarray(i, i + piece)));
  scanner.end();
  return found;
}

describe('JsonValueScanner', () => {
  const document = JSON.stringify({
    meta: { note: 'braces in strings: {[', 'we\\"ird': [1, 2] },
    'ke"y': true,
    items: [{ a: 1, s: 'x}]' }, { b: [null, -1.5e3, 'ünï'] }, [], {}],
    tail: 'end',
  });

  it.each([1, 3, 7, 64, 4096])('hands back selected values whole, whatever the chunk size (%i bytes)', (piece) => {
    const found = scanInPieces(document, (path) => path.length === 2 && path[0] === 'items', piece);
    expect(found.map((value) => value.value)).toEqual([{ a: 1, s: 'x}]' }, { b: [null, -1.5e3, 'ünï'] }, [], {}]);
    expect(found.map((value) => value.path)).toEqual([['items', 0], ['items', 1], ['items', 2], ['items', 3]]);
    expect(document.slice(found[0].offset, found[0].offset + 5)).toBe('{"a":');
  });

  it('reads escaped keys and several top-level values in a row', () => {
    const found = scanInPieces(`${document}\n${document}`, (path) => path.length === 1 && path[0] === 'meta', 5);
    expect(found).toHaveLength(2);
    expect(found[0].value['we\\"ird']).toEqual([1, 2]);
  });

  it('reports the byte offset of a syntax error and of a truncated document', () => {
    expect(() => scanInPieces('{"a": [1, 2}', () => false, 4)).toThrow(/byte offset 11/);
    expect(() => scanInPieces('{"a": [1, 2', () => false, 4)).toThrow(/truncated.*|byte offset 11/);
    expect(() => scanInPieces('{"a" 1}', () => false, 4)).toThrow(/expected ':'.*|byte offset 5/);
  });
});
