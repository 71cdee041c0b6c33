// One child per measurement: lint the spec from dist/ in phases, first cold (what `apiaudit lint` pays in a fresh
// process), then the same spec loaded and linted again in this process, warm. Prints one JSON line of milliseconds.
const { join, resolve } = require('node:path');

const target = process.argv[2];
const WARM_ROUNDS = 4;

const dist = resolve(__dirname, '../../dist');
const { loadSpec, buildApiModel } = require(join(dist, 'libs/openapi/src/index.js'));
const { lintSpec } = require(join(dist, 'libs/rules/src/index.js'));

async function lintInPhases() {
  const started = performance.now();
  const doc = await loadSpec(target);
  const loaded = performance.now();
  const model = buildApiModel(doc);
  const modelled = performance.now();
  // Locating evidence (line:column) happens inside the rules; it is timed apart from them.
  const locate = doc.locate.bind(doc);
  let locateMs = 0;
  doc.locate = (at) => {
    const from = performance.now();
    const location = locate(at);
    locateMs += performance.now() - from;
    return location;
  };
  const findings = lintSpec(model);
  const linted = performance.now();
  JSON.stringify({ findings }, null, 2);
  const written = performance.now();
  return {
    loadMs: loaded - started,
    modelMs: modelled - loaded,
    rulesMs: linted - modelled - locateMs,
    locateMs,
    outputMs: written - linted,
    totalMs: written - started,
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

async function main() {
  const cold = await lintInPhases();
  const rounds = [];
  for (let i = 0; i < WARM_ROUNDS; i++) rounds.push(await lintInPhases());
  // The first rounds after the cold one still compile and optimise; the last three stand for warm code.
  const settled = rounds.slice(-3);
  const warm = Object.fromEntries(Object.keys(cold).map((key) => [key, median(settled.map((r) => r[key]))]));
  return { cold, warm };
}

main().then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  },
);
