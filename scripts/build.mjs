// Compiles apps/ and libs/ to dist/ with swc. Path aliases from tsconfig.base.json are rewritten to
// relative requires at compile time, so dist/ runs on plain Node with no loader.
import { transformFile } from '@swc/core';
import { readFileSync, readdirSync, mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
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
for (const top of ['apps', 'libs']) {
  for (const file of walk(join(root, top))) {
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
if (process.env.APIAUDIT_BUILD_QUIET !== '1') {
  process.stderr.write(`build: ${sources.length} modules, ${assets.length} assets in ${Date.now() - started} ms\n`);
}
