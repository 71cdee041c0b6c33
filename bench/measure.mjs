// Runs a command as a child process and reports wall time and peak RSS (from /usr/bin/time when present).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TIME = '/usr/bin/time';

// Node loads NODE_EXTRA_CA_CERTS at every start (about 40 ms for the system CA bundle on the build machine):
// that raises every measured process, floors included. BENCH_WITHOUT_EXTRA_CA=1 measures all without it.
export const benchEnv = { ...process.env };
if (process.env.BENCH_WITHOUT_EXTRA_CA === '1') delete benchEnv.NODE_EXTRA_CA_CERTS;
export const extraCaCerts = Boolean(benchEnv.NODE_EXTRA_CA_CERTS);
export const startNote = extraCaCerts
  ? `(every process loaded NODE_EXTRA_CA_CERTS=${benchEnv.NODE_EXTRA_CA_CERTS} at start; BENCH_WITHOUT_EXTRA_CA=1 measures without it)`
  : '(node started without NODE_EXTRA_CA_CERTS)';

export function measure(command, args, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const rssFile = join(dir, 'rss');
  const withTime = existsSync(TIME);
  const started = process.hrtime.bigint();
  const run = withTime
    ? spawnSync(TIME, ['-f', '%M', '-o', rssFile, command, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env: benchEnv, ...options })
    : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28, env: benchEnv, ...options });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const peakRssMb = withTime && existsSync(rssFile) ? Math.round(Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024) : null;
  rmSync(dir, { recursive: true, force: true });
  return { ms, peakRssMb, status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs `times` times and keeps the median wall time and the largest peak RSS. */
export function measureRuns(times, command, args, options) {
  const runs = Array.from({ length: times }, () => measure(command, args, options));
  return { ms: median(runs.map((r) => r.ms)), peakRssMb: Math.max(...runs.map((r) => r.peakRssMb ?? 0)) || null, status: runs[0].status, stderr: runs[0].stderr };
}

/**
 * Runs several commands in turns (a, b, a, b, ...) and summarises each as measureRuns does: a ratio between
 * two of them then compares runs made under the same load, not one batch against a later one.
 */
export function measureAlternating(times, commands) {
  const runs = commands.map(() => []);
  for (let i = 0; i < times; i++) commands.forEach(({ command, args, options }, j) => runs[j].push(measure(command, args, options)));
  return runs.map((r) => ({ ms: median(r.map((x) => x.ms)), peakRssMb: Math.max(...r.map((x) => x.peakRssMb ?? 0)) || null, status: r[0].status, stderr: r[0].stderr }));
}

/** Like measureRuns, and keeps the first run's stdout for scenarios that report a figure of their own. */
export function measureRunsWithOutput(times, command, args, options) {
  const runs = Array.from({ length: times }, () => measure(command, args, options));
  return { ms: median(runs.map((r) => r.ms)), peakRssMb: Math.max(...runs.map((r) => r.peakRssMb ?? 0)) || null, stdout: runs[0].stdout };
}
