// Spec ingest against its floor: for every corpus spec, loadSpec + buildApiModel (dist/) beside merely reading the
// same files and running JSON.parse / yaml.parse on them. In-process time excludes Node start-up, which both share.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusDir, corpusSpecs } from './corpus-specs.mjs';
import { median } from './measure.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const child = join(root, 'bench/support/load-spec.cjs');

function measure(mode, target) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const run = spawnSync(process.execPath, [child, mode, target], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (run.status !== 0) return { error: run.stderr.trim().split('\n')[0] };
    results.push(JSON.parse(run.stdout));
  }
  return {
    ms: median(results.map((r) => r.ms)),
    peakRssMb: Math.max(...results.map((r) => r.peakRssMb)),
    operations: results[0].operations,
  };
}

if (!existsSync(join(root, 'dist/libs/openapi/src/index.js'))) {
  console.log('dist/ missing: run `npm run build` first');
  process.exit(1);
}
const specs = corpusSpecs();
if (!specs) {
  console.log(`corpus not found at ${corpusDir}; nothing to measure`);
  process.exit(0);
}

const lines = [];
console.log('spec                              KB    load ms  floor ms  ratio  load MB  floor MB  ops');
for (const { name, entry, floorTarget, bytes } of specs) {
  const load = measure('load', entry);
  const floor = measure('floor', floorTarget);
  if (load.error || floor.error) {
    console.log(`${name.padEnd(32)} failed: ${load.error ?? floor.error}`);
    lines.push({ name: `parse:${name}`, inputBytes: bytes, error: load.error ?? floor.error });
    continue;
  }
  const ratio = load.ms / floor.ms;
  console.log(
    `${name.padEnd(32)}${String(Math.round(bytes / 1024)).padStart(6)}${load.ms.toFixed(0).padStart(10)}${floor.ms.toFixed(0).padStart(10)}` +
      `${ratio.toFixed(2).padStart(7)}${String(load.peakRssMb).padStart(9)}${String(floor.peakRssMb).padStart(10)}${String(load.operations).padStart(5)}`,
  );
  lines.push({ name: `parse:${name}`, inputBytes: bytes, ms: load.ms, peakRssMb: load.peakRssMb, floorMs: floor.ms, floorPeakRssMb: floor.peakRssMb, ratio, operations: load.operations });
}
for (const line of lines) console.log(JSON.stringify(line));
