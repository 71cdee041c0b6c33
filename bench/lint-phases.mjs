// Where a lint's time goes, for every corpus spec over 1 MB: node start-up, the plain parse, and each phase of a
// lint from dist/ (load, model, rules, locating evidence, output), cold as a fresh `apiaudit lint` runs it and warm
// as the same lint runs again in one process. The gap between the two is the JIT warming up; it is what a
// short-lived command pays on every run. One JSON line per spec, then a table.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusDir, corpusSpecs } from './corpus-specs.mjs';
import { benchEnv, extraCaCerts, measureRuns, median, startNote } from './measure.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const support = join(root, 'bench/support');

/** The JSON lines a child prints over `runs` runs. */
function runChild(script, args) {
  return Array.from({ length: runs }, () => {
    const run = spawnSync(process.execPath, [join(support, script), ...args], { encoding: 'utf8', env: benchEnv, maxBuffer: 1 << 24 });
    if (run.status !== 0) throw new Error(`${script} ${args.join(' ')}: ${run.stderr.trim().split('\n')[0]}`);
    return JSON.parse(run.stdout);
  });
}

function lintPhases(entry) {
  const results = runChild('lint-phases.cjs', [entry]);
  const phases = (side) => Object.fromEntries(Object.keys(results[0][side]).map((key) => [key, +median(results.map((r) => r[side][key])).toFixed(1)]));
  return { cold: phases('cold'), warm: phases('warm') };
}

if (!existsSync(join(root, 'dist/libs/openapi/src/index.js'))) {
  console.log('dist/ missing: run `npm run build` first');
  process.exit(1);
}
const specs = corpusSpecs(1_000_000);
if (!specs) {
  console.log(`corpus not found at ${corpusDir}; nothing to measure`);
  process.exit(0);
}

const startMs = Math.round(measureRuns(5, process.execPath, ['-e', '0']).ms);
const rows = [];
for (const { name, entry, floorTarget, bytes } of specs) {
  // The same floor bench/parse.mjs measures: read and plain parse in-process, the parser's loading included.
  const parseMs = median(runChild('load-spec.cjs', ['floor', floorTarget]).map((r) => r.ms));
  const { cold, warm } = lintPhases(entry);
  const row = { name: `lint-phases:${name}`, inputBytes: bytes, nodeStartMs: startMs, parseMs: +parseMs.toFixed(1), cold, warm, coldOverWarm: +(cold.totalMs / warm.totalMs).toFixed(2), extraCaCerts };
  rows.push(row);
  console.log(JSON.stringify(row));
}

const pad = (v, n) => String(v).padStart(n);
const phases = ['loadMs', 'modelMs', 'rulesMs', 'locateMs', 'outputMs', 'totalMs'];
console.log(`\nnode start-up (node -e 0): ${startMs} ms`);
console.log(`${'spec'.padEnd(30)} ${pad('parse', 6)} | ${['load', 'model', 'rules', 'locate', 'output', 'total'].map((h) => pad(h, 6)).join(' ')} | cold/warm`);
for (const r of rows) {
  for (const side of ['cold', 'warm']) {
    const label = side === 'cold' ? r.name.slice('lint-phases:'.length) : '';
    const parse = side === 'cold' ? r.parseMs : '';
    const ratio = side === 'cold' ? r.coldOverWarm : '';
    console.log(`${label.padEnd(30)} ${pad(parse, 6)} | ${phases.map((p) => pad(r[side][p], 6)).join(' ')} | ${side} ${ratio}`);
  }
}
console.log('(in-process milliseconds, medians; parse = read + plain parse of the same files, as in bench/parse.mjs; cold = the first lint of a fresh process, warm = the same lint again in that process)');
console.log(startNote);
