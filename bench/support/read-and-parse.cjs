// The floor for linting: read every file of a spec and parse it with the fastest plain parser (JSON.parse, or
// js-yaml without source positions), nothing else.
const { readFileSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { load, CORE_SCHEMA } = require('js-yaml');

function files(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(path, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [join(path, e.name)] : []));
}

for (const file of files(process.argv[2])) {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.json')) JSON.parse(text);
  else load(text, { schema: CORE_SCHEMA });
}
