// The corpus of real specs the scenarios measure, read from ../shared/corpus/specs beside the checkout.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const corpusDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/corpus/specs');

// Specs split over a folder, by the file that is their entry.
const ENTRIES = {
  'digitalocean-public-v2': 'digitalocean-public-v2/DigitalOcean-public.v2.yaml',
  'oai-petstore-separate-2.0': 'oai-petstore-separate-2.0/spec/swagger.json',
  'bumpsh-train-travel-api': 'bumpsh-train-travel-api/openapi.yaml',
};

function sizeOf(path) {
  if (!statSync(path).isDirectory()) return statSync(path).size;
  return readdirSync(path, { withFileTypes: true }).reduce((sum, e) => sum + sizeOf(join(path, e.name)), 0);
}

/**
 * Every corpus spec of at least `minBytes` (all its files together), or null when the corpus is not there.
 * `floorTarget` is what a bare parse reads: the whole folder of a multi-file spec, else the entry file.
 */
export function corpusSpecs(minBytes = 0) {
  if (!existsSync(corpusDir)) return null;
  return readdirSync(corpusDir)
    .filter((name) => name !== 'README.md')
    .map((name) => {
      const folder = join(corpusDir, name);
      const entry = join(corpusDir, ENTRIES[name] ?? name);
      return { name, entry, floorTarget: statSync(folder).isDirectory() ? folder : entry, bytes: sizeOf(folder) };
    })
    .filter((spec) => spec.bytes >= minBytes);
}
