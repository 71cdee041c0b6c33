import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isAtLeast, isSeverity, type AuditResult, type Plan, type Severity } from '@apiaudit/domain';
import { fetchGithubRepository, parseGithubRef } from '@apiaudit/github';
import { runAudit, type AuditInputs, type RepoSource } from '@apiaudit/pipeline';
import { renderPlanFiles, type PlanReportInput } from '@apiaudit/report';
import { findChromium, renderPdf } from '@apiaudit/pdf';
import { EXIT_GATE_FAILED, EXIT_OK, UsageError, type CliCommand, type CliIo } from '../cli-command';
import { createProgress } from '../progress';
import { formatAuditSummary, formatComparison } from '../summary-table';

const usage = `usage: apiaudit audit [--spec FILE|DIR]... [--repo DIR|github:owner/name@ref]... [--traces FILE]... [--previous-spec FILE]
                      [--baseline DIR] [--config apiaudit.yaml] --out DIR [--fail-on SEVERITY] [--no-pdf]
                      [--paper a4|letter] [--client NAME] [--project NAME]

Runs a whole audit and writes DIR/findings.json, DIR/plan.{json,md,csv,html} and, when Chromium is available,
DIR/plan.pdf.
  --spec FILE|DIR       OpenAPI 2.0/3.0/3.1 document (YAML or JSON; a folder for multi-file specs)
  --repo DIR|github:owner/name@ref
                        source tree of the API (GitHub through its API; GITHUB_TOKEN, GITHUB_API_URL)
  --traces FILE         trace export: OTLP JSON/JSON Lines/protobuf, Jaeger JSON, Zipkin v2 (gzip accepted)
  --previous-spec FILE  the spec's previous version: breaking changes join the findings
  --baseline DIR        a previous audit's output folder: prints and writes (comparison.json, plan) what was
                        fixed, what is new or regressed, which plan targets are met, and score changes
  --config FILE         apiaudit.yaml (rule switches, severities, suppressions, thresholds, prices)
  --fail-on SEVERITY    exit 1 when a finding is at or above info|low|medium|high|critical
  --no-pdf              write the HTML plan only
  --paper a4|letter     page size of plan.pdf (default a4)
  --client NAME         client named in the PDF's running header
  --project NAME        project named there (default: the audited API's title)`;

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new UsageError(`--baseline ${file}: not valid JSON (${(error as Error).message})`);
  }
}

/**
 * A previous audit's output folder: its findings, its plan (whose targets are checked) when plan.json is there,
 * and every fingerprint audits before it had (its comparison.json), so a finding fixed two audits ago and back
 * now reads as regressed.
 */
function readBaseline(dir: string): Pick<AuditInputs, 'baseline' | 'baselinePlan' | 'earlierFingerprints'> {
  const file = join(dir, 'findings.json');
  if (!existsSync(file)) throw new UsageError(`--baseline ${dir}: no findings.json there`);
  const baseline = readJson<AuditResult>(file);
  if (!Array.isArray(baseline.findings) || !baseline.scores) throw new UsageError(`--baseline ${file}: not an apiaudit findings.json`);
  const plan = join(dir, 'plan.json');
  const history = join(dir, 'comparison.json');
  return {
    baseline,
    ...(existsSync(plan) ? { baselinePlan: readJson<Plan>(plan) } : {}),
    ...(existsSync(history) ? { earlierFingerprints: readJson<{ seen?: string[] }>(history).seen ?? [] } : {}),
  };
}

function requireExisting(flag: string, path: string, cwd: string): string {
  const absolute = resolve(cwd, path);
  if (!existsSync(absolute)) throw new UsageError(`${flag} ${path}: no such file or folder`);
  return absolute;
}

/** A local folder as is; `github:owner/name@ref` downloaded through the GitHub API into a temp folder. */
async function resolveRepo(repo: string, io: CliIo): Promise<RepoSource> {
  if (repo.startsWith('github:')) {
    const fetched = await fetchGithubRepository(parseGithubRef(repo), {
      ...(io.env.GITHUB_API_URL ? { baseUrl: io.env.GITHUB_API_URL } : {}),
      ...(io.env.GITHUB_TOKEN ? { token: io.env.GITHUB_TOKEN } : {}),
    });
    return { path: fetched.path, label: `${repo}#${fetched.sha.slice(0, 12)}` };
  }
  const absolute = requireExisting('--repo', repo, io.cwd);
  if (!statSync(absolute).isDirectory()) throw new UsageError(`--repo ${repo}: not a folder`);
  return { path: absolute, label: repo };
}

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'run a whole audit and write findings and the plan (JSON, Markdown, CSV, HTML, PDF)',
  usage,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parseArgs({
      args: argv,
      options: {
        spec: { type: 'string', multiple: true, default: [] },
        repo: { type: 'string', multiple: true, default: [] },
        traces: { type: 'string', multiple: true, default: [] },
        'previous-spec': { type: 'string' },
        baseline: { type: 'string' },
        config: { type: 'string' },
        out: { type: 'string' },
        'fail-on': { type: 'string' },
        'no-pdf': { type: 'boolean', default: false },
        paper: { type: 'string', default: 'a4' },
        client: { type: 'string' },
        project: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (!values.out) throw new UsageError('--out DIR is required');
    const failOn = values['fail-on'];
    if (failOn !== undefined && !isSeverity(failOn)) {
      throw new UsageError(`--fail-on takes info, low, medium, high or critical, not '${failOn}'`);
    }
    const paper = values.paper;
    if (paper !== 'a4' && paper !== 'letter') throw new UsageError(`--paper takes a4 or letter, not '${paper}'`);
    const specs = values.spec ?? [];
    const traces = values.traces ?? [];
    const repos = values.repo ?? [];
    if (specs.length + traces.length + repos.length === 0) {
      throw new UsageError('nothing to audit: give at least one --spec, --repo or --traces');
    }

    const inputs: AuditInputs = {
      subject: '',
      specs: specs.map((path) => ({ kind: 'path', path: requireExisting('--spec', path, io.cwd), label: path })),
      traces: traces.map((path) => ({ path: requireExisting('--traces', path, io.cwd), label: path })),
      repos: await Promise.all(repos.map((repo) => resolveRepo(repo, io))),
      ...(values['previous-spec']
        ? { previousSpec: { kind: 'path' as const, path: requireExisting('--previous-spec', values['previous-spec'], io.cwd), label: values['previous-spec'] } }
        : {}),
      ...(values.baseline ? readBaseline(resolve(io.cwd, values.baseline)) : {}),
      ...(values.config
        ? {
            configText: {
              text: readFileSync(requireExisting('--config', values.config, io.cwd), 'utf8'),
              file: values.config,
            },
          }
        : {}),
    };

    const progress = createProgress(io);
    const outcome = await runAudit(inputs, {
      now: new Date(),
      onProgress: (step, done, total) => progress.update(step, done, total),
    });
    progress.finish();
    for (const warning of outcome.warnings) io.stderr.write(`apiaudit audit: ${warning}\n`);

    const out = resolve(io.cwd, values.out);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'findings.json'), `${JSON.stringify(outcome.result, null, 2)}\n`);
    const written = ['findings.json'];
    const report: PlanReportInput = {
      ...outcome.report,
      party: { ...(values.client ? { client: values.client } : {}), project: values.project ?? outcome.plan.subject },
      ...(inputs.baseline ? { history: [{ label: 'baseline', score: inputs.baseline.scores.overall }, { label: outcome.plan.generatedAt.slice(0, 10), score: outcome.result.scores.overall }] } : {}),
    };
    const files = renderPlanFiles(report, { paper });
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(out, name), text);
      written.push(name);
    }
    const comparison = outcome.report.comparison;
    if (comparison) {
      // `seen`: every fingerprint of this audit and the ones before it, read back by the next --baseline.
      const seen = new Set([...(inputs.earlierFingerprints ?? []), ...(inputs.baseline?.findings.map((f) => f.fingerprint) ?? []), ...outcome.result.findings.map((f) => f.fingerprint)]);
      writeFileSync(join(out, 'comparison.json'), `${JSON.stringify({ ...comparison, seen: [...seen].sort() }, null, 2)}\n`);
      written.push('comparison.json');
    }

    if (!values['no-pdf']) {
      const chromium = findChromium(io.env.PUPPETEER_EXECUTABLE_PATH);
      if (chromium) {
        if (io.interactive) io.stderr.write('rendering plan.pdf …');
        const pdf = await renderPdf(files['plan.html'], {
          executablePath: chromium,
          paper,
          headerLeft: [values.client, report.party?.project].filter(Boolean).join(' · '),
          headerRight: outcome.plan.generatedAt.slice(0, 10),
          footerText: 'apiaudit plan',
        });
        writeFileSync(join(out, 'plan.pdf'), pdf);
        if (io.interactive) io.stderr.write('\r\x1b[2K');
        written.push('plan.pdf');
      } else {
        io.stderr.write('apiaudit audit: no Chromium found (set PUPPETEER_EXECUTABLE_PATH); wrote the HTML plan only\n');
      }
    }

    io.stdout.write(`${formatAuditSummary(outcome.result)}\n\n${comparison ? `${formatComparison(comparison)}\n\n` : ''}wrote ${written.map((f) => join(values.out!, f)).join(', ')}\n`);
    const gate = failOn as Severity | undefined;
    if (gate && outcome.result.findings.some((f) => isAtLeast(f.severity, gate))) {
      io.stderr.write(`apiaudit audit: findings at or above '${gate}' — failing as asked by --fail-on\n`);
      return EXIT_GATE_FAILED;
    }
    return EXIT_OK;
  },
};
