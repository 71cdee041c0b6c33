// Code scan at scale: a generated 5,000-file repository (copies of the framework and rule fixtures under
// libs/code-scan/src/__fixtures__, each copy in its own folder so imports resolve within it), scanned end to end
// (list, parse, routes, all code rules), and each RealWorld back end found in BENCH_REALWORLD_DIR (default
// ../ext, where they are fetched outside the repository). Targets (issue 15): under 20 s for 5,000 files on
// the 2-core build machine, under 2 s for one RealWorld back end. Every scan runs in its own child process, so
// peak RSS is its own; wall time includes node start-up and loading the grammars.
// Run `npm run build` first (bench/run.mjs does).
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, measureRuns } from './measure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'libs/code-scan/src/__fixtures__');
const TARGET_FILES = Number(process.env.BENCH_CODE_FILES ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** Fixture projects: each framework folder and each rule's bad and good folder is one small service. */
function fixtureProjects() {
  const projects = [];
  for (const name of readdirSync(join(fixtures, 'frameworks'))) projects.push(join(fixtures, 'frameworks', name));
  for (const rule of readdirSync(join(fixtures, 'rules'))) for (const side of ['bad', 'good']) projects.push(join(fixtures, 'rules', rule, side));
  return projects;
}

function countFiles(dir) {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) n += entry.isDirectory() ? countFiles(join(dir, entry.name)) : 1;
  return n;
}

function generateRepository(dir) {
  const projects = fixtureProjects().map((p) => ({ path: p, files: countFiles(p) }));
  let files = 0;
  for (let copy = 0; files < TARGET_FILES; copy++) {
    for (const project of projects) {
      if (files >= TARGET_FILES) break;
      cpSync(project.path, join(dir, `copy-${String(copy).padStart(3, '0')}`, relative(fixtures, project.path)), { recursive: true });
      files += project.files;
    }
  }
  return files;
}

// The scan itself, in a child: prints one JSON object with what it found.
const SCAN = `
const { scanRepository } = require(${JSON.stringify(join(root, 'dist/libs/code-scan/src/index.js'))});
const started = process.hrtime.bigint();
const cpu = process.cpuUsage();
const result = scanRepository(process.argv[1], { maxFiles: 100000 });
const scanMs = Number(process.hrtime.bigint() - started) / 1e6;
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ files: result.files, endpoints: result.endpoints.length, findings: result.findings.length, scanMs, scanCpuMs: (used.user + used.system) / 1000 }));
`;

function bench(name, input, dir, targetMs) {
  // One run reports what the scan found; the timed runs after it only time it.
  const first = measure(process.execPath, ['-e', SCAN, dir]);
  if (first.status !== 0) throw new Error(`${name} failed: ${first.stderr}`);
  const found = JSON.parse(first.stdout);
  const run = measureRuns(RUNS, process.execPath, ['-e', SCAN, dir]);
  const line = {
    name,
    input,
    files: found.files,
    endpoints: found.endpoints,
    findings: found.findings,
    ms: Math.round(run.ms),
    scanMs: Math.round(found.scanMs),
    // CPU time of the scan (user + system): on a shared machine wall time follows the load, CPU time much less.
    scanCpuMs: Math.round(found.scanCpuMs),
    loadAverage: loadavg().map((l) => Number(l.toFixed(1))),
    filesPerSecond: Math.round((found.files / run.ms) * 1000),
    peakRssMb: run.peakRssMb,
    targetMs,
    met: run.ms < targetMs,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

const work = mkdtempSync(join(tmpdir(), 'bench-code-scan-'));
try {
  const generated = generateRepository(work);
  bench('code-scan-generated', `${generated} fixture files in ${readdirSync(work).length} copies`, work, 20_000);
} finally {
  rmSync(work, { recursive: true, force: true });
}

const realworld = process.env.BENCH_REALWORLD_DIR ?? join(root, '..', 'ext');
// The nine back ends of ../shared/corpus/repos/README.md that the scan reads (Rails, ASP.NET and Laravel are not parsed).
const NAMES = ['nestjs-realworld-example-app', 'node-express-realworld-example-app', 'fastify-realworld-example-app', 'koa-knex-realworld-example', 'fastapi-realworld-example-app', 'flask-realworld-example-app', 'django-realworld-example-app', 'spring-boot-realworld-example-app', 'golang-gin-realworld-example-app'];
const backEnds = NAMES.filter((n) => existsSync(join(realworld, n)) && statSync(join(realworld, n)).isDirectory());
if (!backEnds.length) process.stdout.write(`no RealWorld back end under ${realworld}: set BENCH_REALWORLD_DIR (see ../shared/corpus/repos/README.md)\n`);
for (const name of backEnds) bench('code-scan-realworld', name, join(realworld, name), 2_000);
