import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FINDINGS_SCHEMA_VERSION, isAtLeast, isSeverity, type Finding, type Severity } from '@apiaudit/domain';
import { buildApiModel, loadSpec } from '@apiaudit/openapi';
import { formatJunit, formatSarif } from '@apiaudit/report';
import { applyConfig, compareFindings, DEFAULT_CONFIG, lintSpec, parseAuditConfig, prefixSpecEvidence, specFolderLabel, specRuleMetas } from '@apiaudit/rules';
import { EXIT_GATE_FAILED, EXIT_OK, UsageError, type CliCommand, type CliIo } from '../cli-command';
import { packageVersion } from '../package-version';
import { formatTable } from '../summary-table';

const FORMATS = ['table', 'json', 'sarif', 'junit'] as const;
type Format = (typeof FORMATS)[number];

function where(f: Finding): string {
  const e = f.evidence[0];
  return e?.file ? `${e.file}:${e.line ?? 1}:${e.column ?? 1}` : '';
}

export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'check OpenAPI documents against the spec rules',
  usage: `usage: apiaudit lint SPEC... [--config apiaudit.yaml] [--format table|json|sarif|junit] [--fail-on SEVERITY]

Spec rules only: no traces, no plan, no browser. For CI and editors.
  --format   table (default), json (findings.json shape), sarif (SARIF 2.1.0), junit (JUnit XML)
  --fail-on  exit 1 when a finding is at or above info|low|medium|high|critical`,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { config: { type: 'string' }, format: { type: 'string', default: 'table' }, 'fail-on': { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length === 0) throw new UsageError('give at least one spec file or folder');
    const format = values.format as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format takes ${FORMATS.join(', ')}, not '${values.format}'`);
    const failOn = values['fail-on'];
    if (failOn !== undefined && !isSeverity(failOn)) throw new UsageError(`--fail-on takes info, low, medium, high or critical, not '${failOn}'`);
    const config = values.config ? parseAuditConfig(readFileSync(resolve(io.cwd, values.config), 'utf8'), values.config) : DEFAULT_CONFIG;

    const byFile = new Map<string, Finding[]>();
    let suppressed = 0;
    for (const spec of positionals) {
      const path = resolve(io.cwd, spec);
      const model = buildApiModel(await loadSpec(path));
      const findings = prefixSpecEvidence(lintSpec(model, (id) => config.rules[id]?.enabled !== false), specFolderLabel(path, spec));
      const configured = applyConfig(findings, config);
      suppressed += configured.suppressed;
      byFile.set(spec, configured.findings);
    }
    const all = [...byFile.values()].flat().sort(compareFindings);

    if (format === 'json') {
      io.stdout.write(`${JSON.stringify({ schemaVersion: FINDINGS_SCHEMA_VERSION, findings: all, ...(suppressed ? { suppressed } : {}) }, null, 2)}\n`);
    } else if (format === 'sarif') {
      io.stdout.write(formatSarif(all, specRuleMetas, packageVersion()));
    } else if (format === 'junit') {
      io.stdout.write(formatJunit(byFile, specRuleMetas.map((m) => m.id), (failOn as Severity | undefined) ?? 'medium'));
    } else {
      for (const [spec, findings] of byFile) {
        io.stdout.write(`${spec}: ${findings.length} finding(s)\n`);
        if (findings.length) {
          io.stdout.write(`${formatTable(['severity', 'rule', 'where', 'message'], findings.sort(compareFindings).map((f) => [f.severity, f.ruleId, where(f), f.message]))}\n\n`);
        }
      }
      if (suppressed) io.stdout.write(`${suppressed} finding(s) suppressed by ${values.config}\n`);
    }
    const gate = failOn as Severity | undefined;
    return gate && all.some((f) => isAtLeast(f.severity, gate)) ? EXIT_GATE_FAILED : EXIT_OK;
  },
};
