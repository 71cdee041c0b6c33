/** One line of a newline-delimited file with its 1-based number and the byte offset where it starts. */
export interface Line {
  text: string;
  line: number;
  offset: number;
}

/** Splits bytes into lines without holding more than one line plus one chunk. */
export async function* readLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<Line> {
  let carry: Buffer | null = null;
  let line = 0;
  let offset = 0;
  for await (const chunk of chunks) {
    let buffer = chunk;
    if (carry) {
      buffer = Buffer.concat([carry, chunk]);
      carry = null;
    }
    let start = 0;
    for (;;) {
      const newline = buffer.indexOf(10, start);
      if (newline < 0) break;
      line++;
      const end = newline > start && buffer[newline - 1] === 13 ? newline - 1 : newline;
      yield { text: buffer.toString('utf8', start, end), line, offset };
      offset += newline + 1 - start;
      start = newline + 1;
    }
    if (start < buffer.length) carry = buffer.subarray(start);
  }
  if (carry && carry.length) yield { text: carry.toString('utf8'), line: line + 1, offset };
}
