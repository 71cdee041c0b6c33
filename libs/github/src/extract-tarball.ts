import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import { GithubSourceInputError } from './github-ref';

export interface ExtractLimits {
  maxFiles: number;
  maxBytes: number;
}

/**
 * Unpacks a GitHub tarball into `destination`, dropping the `owner-name-sha/` folder GitHub wraps it in.
 * Only regular files are written; links are skipped (a tarball must not point outside the checkout),
 * and entries escaping the destination or exceeding the limits abort the extraction.
 */
export async function extractTarball(gzipped: Buffer, destination: string, limits: ExtractLimits): Promise<number> {
  const unpack = extract();
  const gunzip = createGunzip();
  Readable.from([gzipped]).pipe(gunzip).pipe(unpack);
  gunzip.on('error', (error) => unpack.destroy(new GithubSourceInputError(`not a gzip tarball: ${error.message}`)));
  let files = 0;
  let bytes = 0;
  for await (const entry of unpack) {
    const { header } = entry;
    const relative = header.name.split('/').slice(1).join('/');
    const target = normalize(join(destination, relative));
    if (header.type !== 'file' || relative === '') {
      entry.resume();
      continue;
    }
    if (!target.startsWith(destination + sep)) throw new GithubSourceInputError(`tarball entry '${header.name}' escapes the checkout`);
    files += 1;
    bytes += header.size ?? 0;
    if (files > limits.maxFiles) throw new GithubSourceInputError(`repository has more than ${limits.maxFiles} files`);
    if (bytes > limits.maxBytes) throw new GithubSourceInputError(`repository is larger than ${limits.maxBytes} bytes`);
    mkdirSync(dirname(target), { recursive: true });
    await pipeline(entry, createWriteStream(target));
  }
  return files;
}
