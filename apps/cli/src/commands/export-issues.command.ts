import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { PlanDocument } from '@apiaudit/domain';
import { exportPlanIssues, parseGithubRef } from '@apiaudit/github';
import { EXIT_OK, UsageError, type CliCommand, type CliIo } from '../cli-command';

const usage = `usage: apiaudit export-issues --plan DIR|plan.json --repo owner/name [--plan-url URL]

Opens one GitHub issue per plan item (labels apiaudit, severity:*, horizon:*). Running it again updates the same
issues, found by a marker in their body, and reopens closed ones; it never duplicates them.
  --plan DIR|FILE   an audit's output folder or its plan.json
  --repo owner/name the repository to file the issues in (GITHUB_TOKEN, GITHUB_API_URL)
  --plan-url URL    where readers find the whole plan, linked from every issue`;

function readPlan(path: string, cwd: string): PlanDocument {
  const absolute = resolve(cwd, path);
  const file = existsSync(absolute) && statSync(absolute).isDirectory() ? join(absolute, 'plan.json') : absolute;
  if (!existsSync(file)) throw new UsageError(`--plan ${path}: no plan.json there`);
  let plan: PlanDocument;
  try {
    plan = JSON.parse(readFileSync(file, 'utf8')) as PlanDocument;
  } catch (error) {
    throw new UsageError(`--plan ${file}: not valid JSON (${(error as Error).message})`);
  }
  if (plan.schemaVersion !== 1 || !Array.isArray(plan.items)) throw new UsageError(`--plan ${file}: not an apiaudit plan.json (schemaVersion 1 with items)`);
  return plan;
}

export const exportIssuesCommand: CliCommand = {
  name: 'export-issues',
  summary: 'file the plan as GitHub issues, one per item, idempotently',
  usage,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parseArgs({ args: argv, options: { plan: { type: 'string' }, repo: { type: 'string' }, 'plan-url': { type: 'string' } }, strict: true, allowPositionals: false });
    if (!values.plan) throw new UsageError('--plan DIR|plan.json is required');
    if (!values.repo) throw new UsageError('--repo owner/name is required');
    const repo = parseGithubRef(values.repo.startsWith('github:') ? values.repo : `github:${values.repo}`);
    const plan = readPlan(values.plan, io.cwd);
    const exported = await exportPlanIssues(plan.items, {
      owner: repo.owner,
      repo: repo.name,
      subject: plan.subject,
      ...(io.env.GITHUB_API_URL ? { baseUrl: io.env.GITHUB_API_URL } : {}),
      ...(io.env.GITHUB_TOKEN ? { token: io.env.GITHUB_TOKEN } : {}),
      ...(values['plan-url'] ? { planUrl: values['plan-url'] } : {}),
    });
    const count = (action: string) => exported.filter((e) => e.action === action).length;
    for (const e of exported) io.stdout.write(`${e.action.padEnd(9)} #${e.number} ${e.url} (action ${e.rank}, ${e.ruleId})\n`);
    io.stdout.write(`${exported.length} issues: ${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged\n`);
    return EXIT_OK;
  },
};
