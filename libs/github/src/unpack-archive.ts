import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, posix, resolve, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Entry, ZipFile } from 'yauzl';

export interface ExtractLimits {
  maxFiles: number;
  /** Bytes written to disk, counted as they are inflated (a zip's declared sizes are not trusted). */
  maxBytes: number;
}

/**
 * Why an archive was refused. `unsafe`: an entry names a place outside the checkout; `limit`: more files or bytes
 * than allowed (a zip bomb ends here); `damaged`: not a readable zip or tarball.
 */
export class ArchiveInputError extends Error {
  override name = 'ArchiveInputError';
  constructor(
    readonly reason: 'unsafe' | 'limit' | 'damaged',
    message: string,
  ) {
    super(message);
  }
}

export interface UnpackOptions {
  limits: ExtractLimits;
  /** GitHub wraps a tarball in one `owner-name-sha/` folder: drop the first path segment of every entry. */
  stripFirstSegment?: boolean;
}

/** The archive format from its first bytes. */
export function detectArchiveFormat(bytes: Buffer): 'zip' | 'tar.gz' | 'tar' | undefined {
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return 'zip';
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'tar.gz';
  if (bytes.length >= 262 && bytes.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
  return undefined;
}

/** Counts files and inflated bytes across the whole archive; the first entry past a limit aborts the extraction. */
class Budget {
  private files = 0;
  private bytes = 0;
  constructor(private readonly limits: ExtractLimits) {}

  addFile(): void {
    if (++this.files > this.limits.maxFiles) throw new ArchiveInputError('limit', `archive holds more than ${this.limits.maxFiles} files`);
  }

  /** A pass-through that stops the copy as soon as the running total passes the byte limit. */
  meter(): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        this.bytes += chunk.length;
        if (this.bytes > this.limits.maxBytes) return done(new ArchiveInputError('limit', `archive expands to more than ${this.limits.maxBytes} bytes`));
        done(null, chunk);
      },
    });
  }

  get count(): number {
    return this.files;
  }
}

/**
 * Where an entry goes under `root`, or an error when it would land outside: `..` segments, absolute paths and
 * drive letters are refused, not silently rewritten, so a hostile archive is named as such.
 */
function targetOf(root: string, name: string, stripFirstSegment: boolean): string | undefined {
  let relative = name.replace(/\\/g, '/');
  if (stripFirstSegment) relative = relative.split('/').slice(1).join('/');
  if (relative === '' || relative.endsWith('/')) return undefined;
  const normalized = posix.normalize(relative);
  if (posix.isAbsolute(relative) || /^[A-Za-z]:/.test(relative) || normalized === '..' || normalized.startsWith('../') || relative.split('/').includes('..')) {
    throw new ArchiveInputError('unsafe', `archive entry '${name}' points outside the archive`);
  }
  const target = resolve(root, normalized);
  if (!target.startsWith(root + sep)) throw new ArchiveInputError('unsafe', `archive entry '${name}' points outside the archive`);
  return target;
}

async function writeEntry(stream: AsyncIterable<unknown>, target: string, budget: Budget): Promise<void> {
  mkdirSync(dirname(target), { recursive: true });
  // 'wx': an entry never overwrites another (two entries with one name, or a name a link made earlier).
  await pipeline(stream, budget.meter(), createWriteStream(target, { flags: 'wx' }));
}

async function unpackTar(bytes: Buffer, gzipped: boolean, root: string, options: UnpackOptions, budget: Budget): Promise<void> {
  const { extract } = await import('tar-stream');
  const unpack = extract();
  const source = Readable.from([bytes]);
  if (gzipped) {
    const gunzip = createGunzip();
    gunzip.on('error', (error) => unpack.destroy(new ArchiveInputError('damaged', `not a valid gzip stream: ${error.message}`)));
    source.pipe(gunzip).pipe(unpack);
  } else source.pipe(unpack);
  for await (const entry of unpack) {
    const { header } = entry;
    // Only regular files are written: links (symbolic or hard) could point anywhere, so none is created.
    if (header.type !== 'file' && header.type !== 'contiguous-file') {
      entry.resume();
      continue;
    }
    const target = targetOf(root, header.name, options.stripFirstSegment ?? false);
    if (!target) {
      entry.resume();
      continue;
    }
    budget.addFile();
    await writeEntry(entry, target, budget);
  }
}

/** A zip entry whose Unix mode says symbolic link (external attributes, high 16 bits). */
const isZipLink = (entry: Entry) => ((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000;

async function unpackZip(bytes: Buffer, root: string, options: UnpackOptions, budget: Budget): Promise<void> {
  // Loaded on demand: most callers unpack tarballs from GitHub.
  const { default: yauzl } = await import('yauzl');
  const zip = await new Promise<ZipFile>((ok, fail) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, decodeStrings: false }, (error, file) => (error ? fail(new ArchiveInputError('damaged', `not a valid zip archive: ${error.message}`)) : ok(file))),
  );
  try {
    for (;;) {
      const entry = await new Promise<Entry | undefined>((ok, fail) => {
        zip.once('entry', ok);
        zip.once('end', () => ok(undefined));
        zip.once('error', (error: Error) => fail(new ArchiveInputError('damaged', `zip archive is damaged: ${error.message}`)));
        zip.readEntry();
      });
      zip.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error');
      if (!entry) return;
      // Names are decoded here rather than by yauzl, whose own check of them would be reported as damage, not danger.
      const name = (entry.fileName as unknown as Buffer).toString('utf8');
      if (name.endsWith('/') || isZipLink(entry)) continue;
      const target = targetOf(root, name, options.stripFirstSegment ?? false);
      if (!target) continue;
      budget.addFile();
      const stream = await new Promise<Readable>((ok, fail) =>
        zip.openReadStream(entry, (error, s) => (error ? fail(new ArchiveInputError('damaged', `zip entry '${name}' cannot be read: ${error.message}`)) : ok(s))),
      );
      try {
        await writeEntry(stream, target, budget);
      } catch (error) {
        if (error instanceof ArchiveInputError) throw error;
        // yauzl's size validation: an entry inflating to more than it declared is a bomb or a damaged file.
        throw new ArchiveInputError('damaged', `zip entry '${name}': ${(error as Error).message}`);
      }
    }
  } finally {
    zip.close();
  }
}

/**
 * Unpacks a zip, tar or tar.gz into `destination` (which must exist): regular files only, never a link, never
 * outside the folder, and within the file and byte limits. Returns the number of files written. Refusals are
 * ArchiveInputErrors; the caller removes the half-written folder.
 */
export async function unpackArchive(bytes: Buffer, destination: string, options: UnpackOptions): Promise<number> {
  const root = resolve(destination);
  const budget = new Budget(options.limits);
  const format = detectArchiveFormat(bytes);
  try {
    if (format === 'zip') await unpackZip(bytes, root, options, budget);
    else if (format === 'tar.gz' || format === 'tar') await unpackTar(bytes, format === 'tar.gz', root, options, budget);
    else throw new ArchiveInputError('damaged', 'not a zip, tar or tar.gz archive');
  } catch (error) {
    if (error instanceof ArchiveInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new ArchiveInputError('damaged', 'archive holds the same path twice (or as a file and a folder)');
    throw new ArchiveInputError('damaged', `archive is damaged: ${(error as Error).message}`);
  }
  return budget.count;
}
