import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Entry, ZipFile } from 'yauzl';
import { SpecInputError } from './model';

export interface ArchiveLimits {
  maxFiles: number;
  maxBytes: number;
}

const DEFAULT_LIMITS: ArchiveLimits = { maxFiles: 10_000, maxBytes: 64 * 1024 * 1024 };

function safeName(name: string): string | undefined {
  const normalized = posix.normalize(name.replace(/\\/g, '/'));
  if (normalized.startsWith('../') || normalized === '..' || posix.isAbsolute(normalized)) return undefined;
  return normalized.replace(/^\.\//, '');
}

class Budget {
  files = 0;
  bytes = 0;
  constructor(private readonly limits: ArchiveLimits) {}
  add(size: number): void {
    this.files += 1;
    this.bytes += size;
    if (this.files > this.limits.maxFiles) throw new SpecInputError(`archive holds more than ${this.limits.maxFiles} files`);
    if (this.bytes > this.limits.maxBytes) throw new SpecInputError(`archive expands to more than ${this.limits.maxBytes} bytes`);
  }
}

async function readZip(bytes: Buffer, budget: Budget): Promise<Map<string, Buffer>> {
  // Archive readers load on demand: most audits read plain files and should not pay for them at start-up.
  const { default: yauzl } = await import('yauzl');
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (error, file) => (error ? reject(new SpecInputError(`not a valid zip archive: ${error.message}`)) : resolve(file))),
  );
  const files = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('error', (error: Error) => reject(new SpecInputError(`zip archive is damaged: ${error.message}`)));
    zip.on('end', () => resolve());
    zip.on('entry', (entry: Entry) => {
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      const name = safeName(entry.fileName);
      if (!name) return reject(new SpecInputError(`archive entry '${entry.fileName}' points outside the archive`));
      try {
        budget.add(entry.uncompressedSize);
      } catch (error) {
        return reject(error);
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(new SpecInputError(`zip entry '${entry.fileName}' cannot be read: ${error.message}`));
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', (e: Error) => reject(new SpecInputError(`zip entry '${entry.fileName}': ${e.message}`)));
        stream.on('end', () => {
          files.set(name, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return files;
}

async function readTar(bytes: Buffer, gzipped: boolean, budget: Budget): Promise<Map<string, Buffer>> {
  const { extract } = await import('tar-stream');
  const unpack = extract();
  const source = Readable.from([bytes]);
  if (gzipped) {
    const gunzip = createGunzip();
    gunzip.on('error', (error) => unpack.destroy(new SpecInputError(`not a valid gzip stream: ${error.message}`)));
    source.pipe(gunzip).pipe(unpack);
  } else source.pipe(unpack);
  const files = new Map<string, Buffer>();
  for await (const entry of unpack) {
    const { header } = entry;
    if (header.type !== 'file') {
      entry.resume();
      continue;
    }
    const name = safeName(header.name);
    if (!name) throw new SpecInputError(`archive entry '${header.name}' points outside the archive`);
    budget.add(header.size ?? 0);
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    files.set(name, Buffer.concat(chunks));
  }
  return files;
}

/** The archive format of an upload, from its first bytes; undefined for plain text (a single spec). */
export function detectArchive(bytes: Buffer): 'zip' | 'tar.gz' | 'tar' | undefined {
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return 'zip';
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'tar.gz';
  if (bytes.length >= 262 && bytes.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
  return undefined;
}

/**
 * Unpacks a zip, tar or tar.gz upload into relative names and contents, for loadSpecFromFiles. Entries that
 * escape the archive, links, and archives past the file or size limits are refused with a SpecInputError.
 */
export async function extractArchive(bytes: Buffer, limits: Partial<ArchiveLimits> = {}): Promise<Map<string, Buffer>> {
  const budget = new Budget({ ...DEFAULT_LIMITS, ...limits });
  const kind = detectArchive(bytes);
  if (kind === 'zip') return readZip(bytes, budget);
  if (kind === 'tar.gz' || kind === 'tar') {
    try {
      return await readTar(bytes, kind === 'tar.gz', budget);
    } catch (error) {
      if (error instanceof SpecInputError) throw error;
      throw new SpecInputError(`archive is damaged: ${(error as Error).message}`);
    }
  }
  throw new SpecInputError('not a zip, tar or tar.gz archive');
}

/**
 * The files of a spec upload by name: an archive's entries, or the one document under the name it was uploaded as.
 * The api (validating an upload, showing evidence) and the worker (auditing it) read stored spec bytes only through this.
 */
export async function specFilesOf(bytes: Buffer, filename: string, limits: Partial<ArchiveLimits> = {}): Promise<Map<string, Buffer>> {
  return detectArchive(bytes) ? extractArchive(bytes, limits) : new Map([[filename, bytes]]);
}
