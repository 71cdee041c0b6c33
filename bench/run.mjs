// Runs every benchmark scenario in bench/ one after another (they compete for two cores otherwise) and
// collects their JSON lines into bench/results/<timestamp>.jsonl for side-by-side comparison.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const scenarios = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs')
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();

const lines = [];
let failed = 0;
for (const scenario of scenarios) {
  process.stdout.write(`\n=== ${scenario}\n`);
  const run = spawnSync(process.execPath, [join(here, scenario)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(run.stdout);
  for (const line of run.stdout.split('\n')) {
    if (line.startsWith('{')) lines.push(line);
  }
  if (run.status !== 0) {
    failed++;
    process.stdout.write(`${scenario} exited ${run.status}\n`);
  }
}
mkdirSync(join(here, 'results'), { recursive: true });
const file = join(here, 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
writeFileSync(file, lines.join('\n') + '\n');
process.stdout.write(`\n${scenarios.length} scenarios, ${lines.length} measurements -> ${file}\n`);
process.exitCode = failed ? 1 : 0;
