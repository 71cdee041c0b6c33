import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { diffSpecs, groupChanges, renderChangelogMarkdown } from '@apiaudit/diff';
import { buildApiModel, loadSpec, loadSpecFromFiles, type SpecDocument } from '@apiaudit/openapi';
import { parseAuditConfig } from '@apiaudit/rules';
import { EXIT_GATE_FAILED, EXIT_OK, UsageError, type CliCommand, type CliIo } from '../cli-command';
import { readSpecAtRef } from '../git-spec';

/** A spec from disk, or with `--git` from `REF:PATH` with every file its relative `$ref`s reach at that ref. */
async function load(spec: string, git: boolean, cwd: string): Promise<SpecDocument> {
  if (!git) return loadSpec(resolve(cwd, spec));
  const { files, entry } = readSpecAtRef(spec, cwd);
  return loadSpecFromFiles(files, entry);
}

export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'list changes between two spec versions and flag the breaking ones',
  usage: `usage: apiaudit diff BASE REVISION [--format json|markdown] [--fail-on breaking] [--config apiaudit.yaml] [--min-deprecation-days N]
       apiaudit diff --git REF:PATH REF:PATH ...

Compares two versions of an OpenAPI description (2.0, 3.0, 3.1, any mix; folders for multi-file specs).
  --git                 read BASE and REVISION from git, e.g. main:openapi.yaml HEAD:openapi.yaml
  --fail-on breaking    exit 1 when a breaking change is found (a CI gate)
  --config FILE         read diff.minDeprecationDays from an audit config (apiaudit.yaml)
  --min-deprecation-days N   how long an operation must be deprecated before removal
                        (default: the config's value, else 90)`,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { format: { type: 'string', default: 'markdown' }, 'fail-on': { type: 'string' }, git: { type: 'boolean', default: false }, 'min-deprecation-days': { type: 'string' }, config: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 2) throw new UsageError('give exactly two specs: BASE and REVISION');
    if (values.format !== 'json' && values.format !== 'markdown') throw new UsageError(`--format takes json or markdown, not '${values.format}'`);
    if (values['fail-on'] !== undefined && values['fail-on'] !== 'breaking') throw new UsageError(`--fail-on takes 'breaking', not '${values['fail-on']}'`);
    const config = values.config ? parseAuditConfig(readFileSync(resolve(io.cwd, values.config), 'utf8'), values.config) : undefined;
    const days = values['min-deprecation-days'] === undefined ? (config?.diff?.minDeprecationDays ?? 90) : Number(values['min-deprecation-days']);
    if (!Number.isInteger(days) || days < 0) throw new UsageError('--min-deprecation-days takes a whole number of days');

    const base = buildApiModel(await load(positionals[0], values.git, io.cwd));
    const revision = buildApiModel(await load(positionals[1], values.git, io.cwd));
    const changes = diffSpecs(base, revision, { now: new Date(), minDeprecationDays: days });
    if (values.format === 'json') io.stdout.write(`${JSON.stringify({ schemaVersion: 1, changes, byOperation: groupChanges(changes) }, null, 2)}\n`);
    else io.stdout.write(renderChangelogMarkdown(changes));
    return values['fail-on'] === 'breaking' && changes.some((c) => c.level === 'breaking') ? EXIT_GATE_FAILED : EXIT_OK;
  },
};
