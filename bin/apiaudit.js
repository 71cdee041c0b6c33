#!/usr/bin/env node
'use strict';
// The installed command runs the CLI bundle that `npm run build` writes to dist/apiaudit.cjs.
//
// It compiles the bundle through a V8 code cache kept beside it, as Node 22's module.enableCompileCache()
// would; Node 20 has no such switch. Compiling the bundle from source costs a lint ~40 ms, a third of what
// linting a 2 MB spec takes otherwise. The cache is written after the first run; a cache older than the
// bundle is ignored, because V8 only checks that the source length matches.
const { existsSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const Module = require('node:module');
const { Script } = require('node:vm');

const bundle = join(__dirname, '..', 'dist', 'apiaudit.cjs');
const cacheFile = `${bundle}.cache`;
if (!existsSync(bundle)) {
  process.stderr.write('apiaudit: not built yet; run `npm run build` first\n');
  process.exit(2);
}

function freshCache() {
  try {
    return statSync(cacheFile).mtimeMs >= statSync(bundle).mtimeMs ? readFileSync(cacheFile) : undefined;
  } catch {
    return undefined;
  }
}

const cachedData = freshCache();
const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
const cli = new Module(bundle, module);
cli.filename = bundle;
cli.paths = Module._nodeModulePaths(dirname(bundle));
script.runInThisContext().call(cli.exports, cli.exports, Module.createRequire(bundle), cli, bundle, dirname(bundle));
cli.loaded = true;

if (cachedData === undefined || script.cachedDataRejected) {
  // Written at exit so the cache holds every function this run compiled, not just the top level.
  process.once('exit', () => {
    const partial = `${cacheFile}.${process.pid}`;
    try {
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, cacheFile);
    } catch {
      // a read-only install runs uncached
    }
  });
}
cli.exports.runFromProcess();
