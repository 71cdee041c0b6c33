import { open, stat } from 'node:fs/promises';

export interface ByteRange {
  start: number;
  end: number;
}

const PROBE = 1 << 20;

/**
 * Cuts a newline-delimited file into `parts` byte ranges that each start at a line start, so each range can be read
 * and parsed on its own. A range boundary only ever falls after a newline; a line longer than the probe window
 * moves the cut to the next newline found further on.
 */
export async function splitLineRanges(path: string, parts: number): Promise<ByteRange[]> {
  const { size } = await stat(path);
  const cuts = [0];
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(PROBE);
    for (let i = 1; i < parts; i++) {
      let position = Math.max(Math.floor((size * i) / parts), cuts[cuts.length - 1]);
      let cut = -1;
      while (cut < 0 && position < size) {
        const { bytesRead } = await handle.read(buffer, 0, PROBE, position);
        if (bytesRead === 0) break;
        const newline = buffer.subarray(0, bytesRead).indexOf(10);
        if (newline >= 0) cut = position + newline + 1;
        else position += bytesRead;
      }
      if (cut > cuts[cuts.length - 1] && cut < size) cuts.push(cut);
    }
  } finally {
    await handle.close();
  }
  return cuts.map((start, index) => ({ start, end: cuts[index + 1] ?? size }));
}
