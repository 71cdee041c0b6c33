// One child per measurement so peak RSS belongs to that spec alone. Mode `load` runs apiaudit ingest (loadSpec +
// buildApiModel) from dist/; mode `floor` only reads the files and parses them without source positions.
const { readFileSync, readdirSync, statSync } = require('node:fs');
const { join, resolve } = require('node:path');

const [mode, target] = process.argv.slice(2);

function specFiles(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? specFiles(join(path, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [join(path, e.name)] : [],
  );
}

async function main() {
  const started = process.hrtime.bigint();
  let operations = null;
  if (mode === 'floor') {
    const { load, CORE_SCHEMA } = require('js-yaml');
    for (const file of specFiles(target)) {
      const text = readFileSync(file, 'utf8');
      if (file.endsWith('.json')) JSON.parse(text);
      else load(text, { schema: CORE_SCHEMA });
    }
  } else {
    const { loadSpec, buildApiModel } = require(resolve(__dirname, '../../dist/libs/openapi/src/index.js'));
    const doc = await loadSpec(target);
    operations = buildApiModel(doc).operations.length;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(JSON.stringify({ ms, operations, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
}

main().catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
});
