import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { diffSpecs, groupChanges, renderChangelogMarkdown } from '@apiaudit/diff';
import { buildApiModel, loadSpec } from '@apiaudit/openapi';
import { EXIT_GATE_FAILED, EXIT_OK, UsageError, type CliCommand, type CliIo } from '../cli-command';

/** Writes `ref:path` from git into a temp folder and returns the file's path there (single-file specs). */
function materialise(spec: string, cwd: string, dir: string): string {
  const colon = spec.indexOf(':');
  if (colon <= 0) throw new UsageError(`--git takes REF:PATH, not '${spec}'`);
  try {
    const content = execFileSync('git', ['show', spec], { cwd, maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
    const file = join(dir, `${spec.slice(0, colon).replace(/[^\w.-]/g, '_')}-${basename(spec.slice(colon + 1))}`);
    writeFileSync(file, content);
    return file;
  } catch (error) {
    throw new UsageError(`git show ${spec} failed: ${String((error as { stderr?: Buffer }).stderr ?? error).trim().split('\n')[0]}`);
  }
}

export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'list changes between two spec versions and flag the breaking ones',
  usage: `usage: apiaudit diff BASE REVISION [--format json|markdown] [--fail-on breaking] [--min-deprecation-days N]
       apiaudit diff --git REF:PATH REF:PATH ...

Compares two versions of an OpenAPI description (2.0, 3.0, 3.1, any mix; folders for multi-file specs).
  --git                 read BASE and REVISION from git, e.g. main:openapi.yaml HEAD:openapi.yaml
  --fail-on breaking    exit 1 when a breaking change is found (a CI gate)
  --min-deprecation-days N   how long an operation must be deprecated before removal (default 90)`,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { format: { type: 'string', default: 'markdown' }, 'fail-on': { type: 'string' }, git: { type: 'boolean', default: false }, 'min-deprecation-days': { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 2) throw new UsageError('give exactly two specs: BASE and REVISION');
    if (values.format !== 'json' && values.format !== 'markdown') throw new UsageError(`--format takes json or markdown, not '${values.format}'`);
    if (values['fail-on'] !== undefined && values['fail-on'] !== 'breaking') throw new UsageError(`--fail-on takes 'breaking', not '${values['fail-on']}'`);
    const days = values['min-deprecation-days'] === undefined ? 90 : Number(values['min-deprecation-days']);
    if (!Number.isInteger(days) || days < 0) throw new UsageError('--min-deprecation-days takes a whole number of days');

    const temp = values.git ? mkdtempSync(join(tmpdir(), 'apiaudit-diff-')) : undefined;
    try {
      const [basePath, revisionPath] = positionals.map((p) => (temp ? materialise(p, io.cwd, temp) : resolve(io.cwd, p)));
      const base = buildApiModel(await loadSpec(basePath));
      const revision = buildApiModel(await loadSpec(revisionPath));
      const changes = diffSpecs(base, revision, { now: new Date(), minDeprecationDays: days });
      if (values.format === 'json') io.stdout.write(`${JSON.stringify({ schemaVersion: 1, changes, byOperation: groupChanges(changes) }, null, 2)}\n`);
      else io.stdout.write(renderChangelogMarkdown(changes));
      return values['fail-on'] === 'breaking' && changes.some((c) => c.level === 'breaking') ? EXIT_GATE_FAILED : EXIT_OK;
    } finally {
      if (temp) rmSync(temp, { recursive: true, force: true });
    }
  },
};
