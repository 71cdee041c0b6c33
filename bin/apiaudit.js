#!/usr/bin/env node
'use strict';
// The installed command runs the compiled CLI; `npm run build` produces dist/.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const entry = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('apiaudit: not built yet; run `npm run build` first\n');
  process.exit(2);
}
require(entry);
