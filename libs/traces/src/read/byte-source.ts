import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { TraceInputError } from '../trace-input-error';

const CHUNK = 1 << 20;

/** The file's bytes in chunks, gunzipped when it starts with the gzip magic number. */
export async function* readTraceBytes(path: string): AsyncGenerator<Buffer> {
  const magic = Buffer.alloc(2);
  const handle = await open(path, 'r').catch((error: Error) => {
    // The cause keeps the file system's code (ENOENT, EACCES) for callers that say it in their own words.
    throw new TraceInputError(`cannot open: ${error.message}`, { file: path }, { cause: error });
  });
  try {
    await handle.read(magic, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const raw = createReadStream(path, { highWaterMark: CHUNK });
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) {
    yield* raw as AsyncIterable<Buffer>;
    return;
  }
  const gunzip = createGunzip({ chunkSize: CHUNK });
  raw.on('error', (error) => gunzip.destroy(error));
  raw.pipe(gunzip);
  let offset = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      offset += chunk.length;
      yield chunk;
    }
  } catch (error) {
    throw new TraceInputError(`gzip stream broken (${(error as Error).message})`, { file: path, offset });
  }
}

/** Splits off the first bytes for format detection and hands back a stream that still starts at byte 0. */
export async function peekBytes(
  source: AsyncIterable<Buffer>,
  want: number,
): Promise<{ head: Buffer; stream: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < want) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    seen.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(seen);
  async function* replay(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, stream: replay() };
}
