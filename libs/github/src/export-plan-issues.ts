import type { PlanItem } from '@apiaudit/domain';
import { formatGithubRef, GithubSourceInputError } from './github-ref';
import { createGithubClient } from './github-client';

export interface PlanIssueExportOptions {
  owner: string;
  repo: string;
  /** API root; a local stand-in in tests, GitHub Enterprise's `/api/v3` in production. */
  baseUrl?: string;
  token?: string;
  /** Names the audited API in every issue, so two plans exported into one repository keep their own issues. */
  subject: string;
  /** Tests only: `false` lifts GitHub's one write per second (see createGithubClient). */
  throttle?: boolean;
  /** Where the whole plan can be read (the portal or the PDF), linked from every issue. */
  planUrl?: string;
  /**
   * Told once the repository's earlier issues are read (so the repository and token work) with the number of
   * issues to file, then after each issue: a long export (GitHub wants a second between writes) can show progress.
   */
  onProgress?: (event: { kind: 'listed'; total: number } | { kind: 'issue'; issue: ExportedIssue }) => void | Promise<void>;
}

export interface ExportedIssue {
  rank: number;
  ruleId: string;
  number: number;
  url: string;
  action: 'created' | 'updated' | 'unchanged';
}

/** Label every exported issue carries; the search for earlier exports is narrowed to it. */
export const PLAN_LABEL = 'apiaudit';

/** The marker that identifies an item's issue on the next export; a hidden HTML comment in the body. */
export function itemMarker(subject: string, ruleId: string): string {
  return `<!-- apiaudit:plan-item subject=${encodeURIComponent(subject)} rule=${encodeURIComponent(ruleId)} -->`;
}

function issueBody(item: PlanItem, options: PlanIssueExportOptions): string {
  const endpoints = item.endpoints.slice(0, 20).map((e) => `- \`${e.method} ${e.path}\``);
  return [
    `**${item.severity}** · horizon **${item.horizon}** · rank ${item.rank} · effort ${item.effort} · rule \`${item.ruleId}\` · ${options.subject}`,
    '',
    `**Why.** ${item.why}`,
    '',
    `**Change.** ${item.change}`,
    '',
    `**Measure.** ${item.measure}`,
    '',
    `Target: \`${item.target.metric} ${item.target.comparator} ${item.target.value}${item.target.unit ? ` ${item.target.unit}` : ''}\` (now: ${item.target.current ?? 'not measured'})`,
    '',
    `**Validate.** ${item.validate}`,
    ...(item.notes ? ['', `**Notes.** ${item.notes}`] : []),
    ...(endpoints.length ? ['', `**Endpoints (${item.endpoints.length})**`, ...endpoints, ...(item.endpoints.length > 20 ? [`- … ${item.endpoints.length - 20} more`] : [])] : []),
    ...(options.planUrl ? ['', `From the audit plan: ${options.planUrl}`] : []),
    '',
    itemMarker(options.subject, item.ruleId),
  ].join('\n');
}

function labelsOf(item: PlanItem): string[] {
  return [PLAN_LABEL, `severity:${item.severity}`, `horizon:${item.horizon}`];
}

interface ExistingIssue {
  number: number;
  html_url: string;
  title: string;
  body?: string | null;
  state?: string;
  labels: Array<string | { name?: string }>;
  pull_request?: unknown;
}

const sameLabels = (issue: ExistingIssue, wanted: string[]) => {
  const names = issue.labels.map((l) => (typeof l === 'string' ? l : l.name ?? '')).sort();
  return names.join('\n') === [...wanted].sort().join('\n');
};

/**
 * One GitHub issue per visible plan item, labelled with severity and horizon. Idempotent: an earlier export's
 * issue is found by the marker in its body and updated (and reopened) in place, never duplicated; an issue that
 * already says the same is left alone.
 */
export async function exportPlanIssues(items: PlanItem[], options: PlanIssueExportOptions): Promise<ExportedIssue[]> {
  const octokit = await createGithubClient(options);
  const { owner, repo } = options;
  const label = formatGithubRef({ owner, name: repo });
  try {
    const existing = (await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, state: 'all', labels: PLAN_LABEL, per_page: 100 })) as ExistingIssue[];
    const byMarker = new Map<string, ExistingIssue>();
    for (const issue of existing) {
      if (issue.pull_request) continue;
      const marker = issue.body?.match(/<!-- apiaudit:plan-item [^>]*-->/)?.[0];
      if (marker && !byMarker.has(marker)) byMarker.set(marker, issue);
    }
    const exported: ExportedIssue[] = [];
    const visible = items.filter((i) => !i.hidden);
    await options.onProgress?.({ kind: 'listed', total: visible.length });
    for (const item of visible) {
      const title = `[${item.severity}] ${item.title}`;
      const body = issueBody(item, options);
      const labels = labelsOf(item);
      const issue = byMarker.get(itemMarker(options.subject, item.ruleId));
      if (!issue) {
        const created = await octokit.rest.issues.create({ owner, repo, title, body, labels });
        exported.push({ rank: item.rank, ruleId: item.ruleId, number: created.data.number, url: created.data.html_url, action: 'created' });
      } else if (issue.title === title && issue.body === body && sameLabels(issue, labels) && issue.state !== 'closed') {
        exported.push({ rank: item.rank, ruleId: item.ruleId, number: issue.number, url: issue.html_url, action: 'unchanged' });
      } else {
        await octokit.rest.issues.update({ owner, repo, issue_number: issue.number, title, body, labels, state: 'open' });
        exported.push({ rank: item.rank, ruleId: item.ruleId, number: issue.number, url: issue.html_url, action: 'updated' });
      }
      await options.onProgress?.({ kind: 'issue', issue: exported[exported.length - 1] });
    }
    return exported;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404) throw new GithubSourceInputError(`${label}: repository not found (or no access with this token)`);
    if (status === 401) throw new GithubSourceInputError(`${label}: GitHub rejected the token (HTTP 401)`);
    if (status === 403 || status === 429) throw new GithubSourceInputError(`${label}: GitHub refused the request (HTTP ${status}, rate limit or permissions)`);
    throw error;
  }
}
