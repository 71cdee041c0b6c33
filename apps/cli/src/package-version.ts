import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The installed apiaudit's version, from the nearest package.json named apiaudit above this module. Walking
 * up works both from dist/apps/cli/src and from the single-file bundle in dist/.
 */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'apiaudit' && manifest.version) return manifest.version;
    } catch {
      // no readable manifest here; keep climbing
    }
    if (dirname(dir) === dir) return '0.0.0';
  }
}
