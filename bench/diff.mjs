// `apiaudit diff` of the largest corpus spec (Kubernetes 1.9, 3.8 MB JSON) against a modified copy, beside the floor of merely
// loading both documents. Targets (issue 4): under 1 s, within 3x of the load floor.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extraCaCerts, measureRuns, measureRunsWithOutput, startNote } from './measure.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const base = resolve(root, '../shared/corpus/specs/kubernetes-v1.9.12.json');
if (!existsSync(base)) {
  console.log('corpus not found; nothing to measure');
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), 'bench-diff-'));
const spec = JSON.parse(readFileSync(base, 'utf8'));
// A realistic release: one operation removed, one parameter added as required, one response property removed.
delete spec.paths['/api/v1/namespaces'].post;
spec.paths['/api/v1/pods'].get.parameters = [...(spec.paths['/api/v1/pods'].get.parameters ?? []), { name: 'tenant', in: 'query', required: true, type: 'string' }];
delete spec.definitions['io.k8s.api.core.v1.PodStatus'].properties.hostIP;
const revision = join(dir, 'kubernetes-revised.json');
writeFileSync(revision, JSON.stringify(spec, null, 1));

const script = (body) => ['-e', `const {loadSpec,buildApiModel}=require(${JSON.stringify(join(root, 'dist/libs/openapi/src/index.js'))});const {diffSpecs}=require(${JSON.stringify(join(root, 'dist/libs/diff/src/index.js'))});(async()=>{${body}})()`];
const load = `const a=buildApiModel(await loadSpec(${JSON.stringify(base)}));const b=buildApiModel(await loadSpec(${JSON.stringify(revision)}));`;
const runs = Number(process.env.BENCH_RUNS ?? 3);
// The floor: a process that merely reads and parses both documents. Loading (refs, model) is shown beside it.
const parseFloor = measureRuns(runs, process.execPath, ['-e', `const fs=require('fs');for (const f of ${JSON.stringify([base, revision])}) JSON.parse(fs.readFileSync(f,'utf8'));`]);
const floor = measureRuns(runs, process.execPath, script(load));
// The headline is the command a user runs; the library run beside it times the comparison alone.
const full = measureRunsWithOutput(runs, process.execPath, [join(root, 'bin/apiaudit.js'), 'diff', base, revision, '--format', 'json']);
const changes = JSON.parse(full.stdout ?? '{"changes":[]}').changes.length;
const diffOnlyMs = measureRunsWithOutput(1, process.execPath, script(`${load}const t=process.hrtime.bigint();diffSpecs(a,b,{now:new Date()});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6));`)).stdout;
rmSync(dir, { recursive: true, force: true });
const row = { name: 'diff:kubernetes-v1.9.12', extraCaCerts, inputBytes: readFileSync(base).length, ms: Math.round(full.ms), peakRssMb: full.peakRssMb, parseFloorMs: Math.round(parseFloor.ms), loadMs: Math.round(floor.ms), diffOnlyMs: Math.round(Number(diffOnlyMs)), changes: Number(changes), vsFloor: +(full.ms / parseFloor.ms).toFixed(2) };
console.log(JSON.stringify(row));
console.log(
  `diff kubernetes 3.8 MB vs modified copy: ${row.ms} ms whole process (diff itself ${row.diffOnlyMs} ms, ${row.changes} changes), peak RSS ${row.peakRssMb} MB; ` +
    `reading+parsing both ${row.parseFloorMs} ms -> ${row.vsFloor}x that floor; loading both into models ${row.loadMs} ms (target < 1000 ms and <= 3x the parse floor)`,
);
console.log(startNote);
