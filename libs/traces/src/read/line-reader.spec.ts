import { readLines } from './line-reader';

async function linesOf(text: string, piece: number) {
  const bytes = Buffer.from(text);
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += piece) yield bytes.subarray(i, i + piece);
  }
  const out = [];
  for await (const line of readLines(chunks())) out.push(line);
  return out;
}

describe('readLines', () => {
  const text = 'first\r\nsecond line ünï\n\nfourth, a bit longer than the rest\nlast without newline';

  it.each([1, 2, 5, 8, 1024])('splits lines with numbers and byte offsets at any chunk size (%i)', async (piece) => {
    const lines = await linesOf(text, piece);
    expect(lines.map((line) => line.text)).toEqual(['first', 'second line ünï', '', 'fourth, a bit longer than the rest', 'last without newline']);
    expect(lines.map((line) => line.line)).toEqual([1, 2, 3, 4, 5]);
    for (const line of lines) expect(Buffer.from(text).subarray(line.offset).toString('utf8').startsWith(line.text)).toBe(true);
  });
});
