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
    const buffer = chunk;
    let start = 0;
    if (carry) {
      // Join the unfinished line with the head of this chunk only, not the whole chunk: copying every chunk once
      // more was a visible share of the profile on large files.
      const newline = chunk.indexOf(10);
      if (newline < 0) {
        carry = Buffer.concat([carry, chunk]);
        continue;
      }
      const joined = Buffer.concat([carry, chunk.subarray(0, newline + 1)]);
      carry = null;
      line++;
      const end = joined.length >= 2 && joined[joined.length - 2] === 13 ? joined.length - 2 : joined.length - 1;
      yield { text: joined.toString('utf8', 0, end), line, offset };
      offset += joined.length;
      start = newline + 1;
    }
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
