// apiaudit lint against Spectral (spectral:oas) and Redocly CLI (recommended) on every corpus spec over 1 MB,
// beside the floor of merely reading and parsing the same files. Prints a table and one JSON line per spec.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusDir, corpusSpecs } from './corpus-specs.mjs';
import { benchEnv, extraCaCerts, measureAlternating, measureRuns, startNote } from './measure.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 5);
// Spectral takes tens of seconds per large spec; one run keeps the bench under ten minutes.
const spectralRuns = Number(process.env.BENCH_SPECTRAL_RUNS ?? 1);
const env = { ...benchEnv, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_UPDATE_NOTIFIER: '1' };

const specs = corpusSpecs(1_000_000);
if (!specs) {
  console.log(`corpus not found at ${corpusDir}; nothing to measure`);
  process.exit(0);
}

// What a user's `apiaudit` command runs: the bundled CLI with its code cache.
const cli = join(root, 'bin/apiaudit.js');
const bin = (name) => join(root, 'node_modules/.bin', name);
const rows = [];
for (const spec of specs) {
  // The floor and apiaudit take turns, so the ratio between them holds even when the machine's load drifts.
  const [floor, ours] = measureAlternating(runs, [
    { command: process.execPath, args: [join(root, 'bench/support/read-and-parse.cjs'), spec.floorTarget] },
    { command: process.execPath, args: [cli, 'lint', spec.entry, '--format', 'json'], options: { env } },
  ]);
  const redocly = measureRuns(runs, bin('redocly'), ['lint', spec.entry, '--format', 'summary'], { env });
  const spectral = measureRuns(spectralRuns, bin('spectral'), ['lint', spec.entry, '--ruleset', join(root, 'bench/spectral-ruleset.yaml'), '--format', 'json', '--quiet'], { env });
  if (ours.status !== 0) console.error(`apiaudit failed on ${spec.name}: ${ours.stderr.split('\n')[0]}`);
  const row = {
    name: `lint:${spec.name}`,
    inputBytes: spec.bytes,
    ms: Math.round(ours.ms),
    peakRssMb: ours.peakRssMb,
    floorMs: Math.round(floor.ms),
    spectralMs: Math.round(spectral.ms),
    spectralRssMb: spectral.peakRssMb,
    redoclyMs: Math.round(redocly.ms),
    redoclyRssMb: redocly.peakRssMb,
    vsSpectral: +(spectral.ms / ours.ms).toFixed(1),
    vsRedocly: +(redocly.ms / ours.ms).toFixed(1),
    vsFloor: +(ours.ms / floor.ms).toFixed(2),
    extraCaCerts,
  };
  rows.push(row);
  console.log(JSON.stringify(row));
}

const pad = (v, n) => String(v).padStart(n);
console.log(`\n${'spec'.padEnd(34)} ${pad('MB', 5)} ${pad('apiaudit', 9)} ${pad('RSS', 5)} ${pad('floor', 6)} ${pad('spectral', 9)} ${pad('RSS', 5)} ${pad('redocly', 8)} ${pad('RSS', 5)}  ${pad('×spec', 6)} ${pad('×redoc', 6)} ${pad('/floor', 6)}`);
for (const r of rows) {
  console.log(
    `${r.name.slice(5).padEnd(34)} ${pad((r.inputBytes / 1e6).toFixed(1), 5)} ${pad(`${r.ms} ms`, 9)} ${pad(r.peakRssMb ?? '-', 5)} ${pad(r.floorMs, 6)} ${pad(`${r.spectralMs} ms`, 9)} ${pad(r.spectralRssMb ?? '-', 5)} ${pad(`${r.redoclyMs} ms`, 8)} ${pad(r.redoclyRssMb ?? '-', 5)}  ${pad(r.vsSpectral, 6)} ${pad(r.vsRedocly, 6)} ${pad(r.vsFloor, 6)}`,
  );
}
console.log('(times are medians of wall time per whole process; RSS in MB; ×spec/×redoc = how many times faster apiaudit is; /floor = apiaudit ÷ read+parse)');
console.log(startNote);
