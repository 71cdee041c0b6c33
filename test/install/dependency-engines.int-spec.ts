import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { minVersion, satisfies } from 'semver';

const root = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> };

/**
 * `npm ci` warns EBADENGINE when a locked package's `engines.node` refuses the running Node. The README promises a
 * clean install on the Node the project declares, from its oldest version up, so every locked package must take both.
 */
describe('locked dependencies accept the Node versions apiaudit runs on', () => {
  const oldest = minVersion(manifest.engines.node)!.version;
  const declared = Object.entries(lock.packages).flatMap(([path, pkg]) =>
    // Old lockfiles may hold engines as a list of strings; npm checks only the object form.
    pkg.engines && !Array.isArray(pkg.engines) && pkg.engines.node ? [{ name: `${path.replace(/^.*node_modules\//, '')}@${pkg.version}`, range: pkg.engines.node }] : [],
  );

  it('reads the engines of the locked packages', () => {
    expect(declared.length).toBeGreaterThan(100);
  });

  it.each([
    ['the oldest declared Node', oldest],
    ['the running Node', process.version],
  ])('has no package refusing %s (%s)', (_label, version) => {
    expect(declared.filter(({ range }) => !satisfies(version, range, { includePrerelease: true })).map(({ name, range }) => `${name} wants node ${range}`)).toEqual([]);
  });
});
