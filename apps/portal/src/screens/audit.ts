import { get, getAll, q, type Audit, type Comparison, type Project } from '../api';
import { comparisonView } from '../comparison-view';
import { h, mount } from '../dom';
import type { Screen } from '../router';
import { leaving } from '../state';
import { trendChart } from '../trend-view';
import { SEVERITIES, badge, errorBox, formatDate, severityBadge, statusBadge, title, triggerText } from '../ui';

const TERMINAL = new Set(['succeeded', 'failed']);
const STEP_TEXT: Record<string, string> = { ingest: 'Reading the sources', analyze: 'Analysing', plan: 'Building the plan', render: 'Rendering the PDF', done: 'Done' };

export async function renderAudit({ main, params, query }: Screen): Promise<void> {
  const audit = await get<Audit>(`/v1/audits/${params.auditId}`);
  const project = await get<Project>(`/v1/projects/${audit.projectId}`);
  const body = h('div');
  mount(main, title(`Audit of ${project.name}`, h('a', { href: `/app/projects/${project.id}`, class: 'back' }, `← ${project.name}`)), h('p', { class: 'muted' }, `Started ${formatDate(audit.createdAt)}${audit.triggeredBy ? ` · ${triggerText(audit)}` : ''}`), body);
  if (TERMINAL.has(audit.status)) await showResult(body, audit, project, query.get('baseline'));
  else watch(body, audit, project);
}

const SOURCE_KINDS: Record<string, string> = { spec: 'Spec', traces: 'Traces', repository: 'Code' };

/** What the audit read, and what it had to do without (a kind the project lacks, a repository that failed). */
function sourcesView(audit: Audit): HTMLElement | null {
  const sources = audit.sources ?? [];
  if (sources.length === 0) return null;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'sources' },
    h('h2', { id: 'sources' }, 'Sources of this audit'),
    h(
      'ul',
      { class: 'sources', 'data-testid': 'audit-sources' },
      ...sources.map((s) =>
        h(
          'li',
          { class: s.status },
          h('strong', null, SOURCE_KINDS[s.kind] ?? s.kind),
          ' ',
          s.status === 'read' ? null : badge(s.status === 'failed' ? 'st-failed' : 'st-open', s.status),
          ' ',
          s.label ?? '',
          s.version ? ` (version ${s.version})` : '',
          s.detail ? h('small', { class: 'muted block' }, s.detail) : null,
        ),
      ),
    ),
  );
}

/** The comparison card, or what kept it from loading: the rest of the overview stands either way. */
async function comparisonOf(audit: Audit, audits: Promise<Audit[]>, baseline: string | null): Promise<HTMLElement> {
  try {
    const [comparison, all] = await Promise.all([get<Comparison>(`/v1/audits/${audit.id}/comparison${q({ baseline })}`), audits]);
    return comparisonView(audit, comparison, all);
  } catch (error) {
    return h('section', { class: 'card', 'aria-labelledby': 'comparison' }, h('h2', { id: 'comparison' }, 'Compared with the baseline'), errorBox(error));
  }
}

/** Live progress from the api's event stream; the finished audit replaces it. */
function watch(region: HTMLElement, audit: Audit, project: Project): void {
  const bar = h('progress', { max: 100, value: audit.progress.percent, 'aria-labelledby': 'progress-label' });
  const label = h('p', { id: 'progress-label', role: 'status', 'aria-live': 'polite' }, audit.waitingFor === 'worker' ? NO_WORKER : describe(audit.status, audit.progress.step, audit.progress.percent));
  mount(region, h('section', { class: 'card progress', 'aria-labelledby': 'progress-title', 'data-testid': 'audit-progress' }, h('h2', { id: 'progress-title' }, 'Progress'), bar, label));
  const events = new EventSource(`/v1/audits/${audit.id}/events`);
  const stop = () => events.close();
  leaving.push(stop);
  events.addEventListener('progress', (event) => {
    const progress = JSON.parse((event as MessageEvent<string>).data) as { status: string; step: string; percent: number; error?: string };
    bar.value = progress.percent;
    label.textContent = describe(progress.status, progress.step, progress.percent);
    if (TERMINAL.has(progress.status)) {
      stop();
      void get<Audit>(`/v1/audits/${audit.id}`).then((done) => showResult(region, done, project));
    }
  });
  events.addEventListener('error', () => {
    // EventSource reconnects by itself; say so instead of leaving a frozen bar.
    if (events.readyState === EventSource.CONNECTING) label.textContent = `${label.textContent?.replace(/ \(reconnecting…\)$/, '')} (reconnecting…)`;
  });
}

const NO_WORKER = 'Waiting for a worker: none is running. It starts as soon as one does.';
const describe = (status: string, step: string, percent: number) =>
  status === 'failed' ? 'The audit failed.' : status === 'queued' ? 'Waiting for a worker…' : `${STEP_TEXT[step] ?? step}: ${percent}%`;

async function showResult(region: HTMLElement, audit: Audit, project: Project, baseline: string | null = null): Promise<void> {
  if (audit.status === 'failed') {
    mount(region, h('section', { class: 'card' }, h('h2', null, 'The audit failed'), h('p', { class: 'error', role: 'alert' }, audit.error ?? 'No reason was recorded.')));
    return;
  }
  const loading = getAll<Audit>(`/v1/projects/${project.id}/audits`);
  const [audits, comparison] = await Promise.all([loading, comparisonOf(audit, loading, baseline)]);
  const scores = audit.scores!;
  const total = Object.values(scores.counts).reduce((a, b) => a + b, 0);
  const maxCount = Math.max(1, ...Object.values(scores.counts));
  const categories = Object.entries(scores.byCategory).sort((a, b) => a[1] - b[1]);
  const bar = (percent: number, kind: string) => {
    const el = h('span', { class: `bar ${kind}` });
    el.style.width = `${Math.max(0, Math.min(100, percent))}%`;
    return h('span', { class: 'track', 'aria-hidden': 'true' }, el);
  };
  mount(
    region,
    h(
      'div',
      { class: 'actions' },
      statusBadge(audit.status),
      h('a', { class: 'button primary', href: `/app/audits/${audit.id}/findings` }, `Browse ${total} findings`),
      h('a', { class: 'button', href: `/app/audits/${audit.id}/plan` }, 'View the plan'),
      h('a', { class: 'button', href: `/v1/audits/${audit.id}/plan.pdf`, download: `plan-${audit.id.slice(0, 8)}.pdf` }, 'Download PDF'),
    ),
    h(
      'div',
      { class: 'grid' },
      h('section', { class: 'card score' }, h('h2', null, 'Overall score'), h('p', { class: 'big', 'data-testid': 'overall-score' }, String(scores.overall)), h('p', { class: 'muted' }, '0–100, higher is better')),
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'by-severity' },
        h('h2', { id: 'by-severity' }, 'Findings by severity'),
        h(
          'dl',
          { class: 'bars' },
          ...SEVERITIES.map((s) => [
            h('dt', null, h('a', { href: `/app/audits/${audit.id}/findings?severity=${s}` }, severityBadge(s))),
            h('dd', null, bar(((scores.counts[s] ?? 0) / maxCount) * 100, `sev-${s}`), h('span', { class: 'count' }, String(scores.counts[s] ?? 0))),
          ]),
        ),
      ),
    ),
    comparison,
    sourcesView(audit),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'by-category' },
      h('h2', { id: 'by-category' }, 'Score per category'),
      h(
        'dl',
        { class: 'bars' },
        ...categories.map(([category, score]) => [
          h('dt', null, h('a', { href: `/app/audits/${audit.id}/findings?category=${category}` }, category)),
          h('dd', null, bar(score, score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor'), h('span', { class: 'count' }, String(score))),
        ]),
      ),
    ),
    h('section', { class: 'card', 'aria-labelledby': 'trend' }, h('h2', { id: 'trend' }, 'Trend across audits'), trendChart(audits)),
  );
}
