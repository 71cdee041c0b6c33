// Compiles apps/ and libs/ to dist/ with swc. Path aliases from tsconfig.base.json are rewritten to
// relative requires at compile time, so dist/ runs on plain Node with no loader. The CLI is then bundled
// into dist/apiaudit.cjs with esbuild (see below).
import { transformFile } from '@swc/core';
import { build } from 'esbuild';
import { load } from 'js-yaml';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, mkdirSync, mkdtempSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const out = join(root, 'dist');
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;
const assetPattern = /\.(proto|json|css|html|svg|md)$/;

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '__fixtures__') yield* walk(path);
    } else yield path;
  }
}

const sources = [];
const assets = [];
// The portal runs in the browser: esbuild bundles it below instead of swc compiling it for Node.
const portalRoot = join(root, 'apps/portal');
for (const top of ['apps', 'libs']) {
  for (const file of walk(join(root, top))) {
    if (file.startsWith(`${portalRoot}/`)) continue;
    if (file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.endsWith('.d.ts')) sources.push(file);
    else if (assetPattern.test(file) && !file.endsWith('project.json') && file.includes(`${'/src/'}`)) assets.push(file);
  }
}

const started = Date.now();
await Promise.all(
  sources.map(async (file) => {
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    const { code, map } = await transformFile(file, {
      ...swcrc,
      swcrc: false,
      filename: file,
      sourceFileName: relative(dirname(target), file),
      jsc: { ...swcrc.jsc, baseUrl: root, paths: compilerOptions.paths },
    });
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, map ? `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map` : code);
    if (map) writeFileSync(`${target}.map`, map);
  }),
);
for (const file of assets) {
  const target = join(out, relative(root, file));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(file, target);
}

// The CLI ships as one file: a short-lived `apiaudit lint` spent a sixth of its run resolving and compiling
// ~130 modules. The packages the lint path needs are inside it; the rest (Nest, TypeORM, Puppeteer, Ajv…)
// stay in node_modules and load only when a command asks for them. bin/apiaudit.js runs the bundle with
// a V8 code cache beside it; a rebuilt bundle makes that cache stale, so it goes.
const BUNDLED_PACKAGES = new Set(['js-yaml', 'picomatch', 'fast-deep-equal', 'ajv-formats']);
// Libraries that find files beside their own module (worker scripts, .proto files) keep their place in dist/.
const UNBUNDLED_LIBS = ['libs/traces/'];
const keepLibsInPlace = {
  name: 'keep-libs-in-place',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^\./ }, ({ path, resolveDir }) => {
      const target = relative(out, resolve(resolveDir, path));
      if (!UNBUNDLED_LIBS.some((lib) => target.startsWith(lib))) return undefined;
      return { path: `./${target}`, external: true };
    });
  },
};
const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const cliBundle = join(out, 'apiaudit.cjs');
await build({
  entryPoints: [join(out, 'apps/cli/src/main.js')],
  outfile: cliBundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  external: Object.keys(dependencies).filter((name) => !BUNDLED_PACKAGES.has(name)).flatMap((name) => [name, `${name}/*`]),
  plugins: [keepLibsInPlace],
  logLevel: 'error',
});
rmSync(`${cliBundle}.cache`, { force: true });
// The cache holds the functions its first run compiled, so a lint of the sample as YAML and as JSON writes it:
// every later lint then starts from compiled rules and both parsers.
const warmup = mkdtempSync(join(tmpdir(), 'apiaudit-build-'));
const sample = join(root, 'examples/shop/openapi.yaml');
writeFileSync(join(warmup, 'openapi.json'), JSON.stringify(load(readFileSync(sample, 'utf8'))));
execFileSync(process.execPath, [join(root, 'bin/apiaudit.js'), 'lint', sample, join(warmup, 'openapi.json'), '--format', 'json'], { stdio: 'ignore' });
rmSync(warmup, { recursive: true, force: true });

await buildPortal();

/**
 * The portal: one script and one stylesheet with content hashes in their names (served as immutable) and an
 * index.html naming them (served as no-cache). No inline script or style, so the api can send a strict CSP.
 */
async function buildPortal() {
  const portalOut = join(out, 'portal');
  rmSync(portalOut, { recursive: true, force: true });
  const result = await build({
    entryPoints: [join(portalRoot, 'src/main.ts'), join(portalRoot, 'src/styles.css')],
    outdir: join(portalOut, 'assets'),
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['chrome120', 'firefox120', 'safari17'],
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'error',
  });
  const emitted = Object.keys(result.metafile.outputs).map((file) => relative(join(portalOut, 'assets'), resolve(root, file)));
  const script = emitted.find((file) => /^main-.*\.js$/.test(file));
  const style = emitted.find((file) => /^styles-.*\.css$/.test(file));
  const template = readFileSync(join(portalRoot, 'src/index.html'), 'utf8');
  writeFileSync(join(portalOut, 'index.html'), template.replace('{{script}}', `/app/assets/${script}`).replace('{{style}}', `/app/assets/${style}`));
}

if (process.env.APIAUDIT_BUILD_QUIET !== '1') {
  process.stderr.write(`build: ${sources.length} modules, ${assets.length} assets, CLI bundle, in ${Date.now() - started} ms\n`);
}
