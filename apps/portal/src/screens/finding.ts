import { ApiError, get, post, request, type Audit, type Comment, type Finding } from '../api';
import { h, mount, svg } from '../dom';
import type { Screen } from '../router';
import { canChangeStatus } from '../state';
import { STATUSES, STATUSES_WITH_REASON, actionForm, endpointText, field, formatDate, select, severityBadge, statusBadge, title } from '../ui';
import { layoutWaterfall, type WaterfallSpan } from '../waterfall';

/** What GET /v1/audits/{id}/findings/{findingId}/evidence answers. */
export interface FindingEvidence {
  spec: Array<{ file: string; line: number; pointer?: string; note?: string; startLine: number; lines: string[] }>;
  code: Array<{ file?: string; line?: number; note?: string; startLine?: number; lines?: string[] }>;
  traces: Array<{ traceId: string; spans: Array<WaterfallSpan & { attributes?: Record<string, unknown> }>; highlight: string[]; truncated: boolean }>;
}

export async function renderFinding({ main, user, params }: Screen): Promise<void> {
  const audit = await get<Audit>(`/v1/audits/${params.auditId}`);
  const base = `/v1/audits/${audit.id}/findings/${encodeURIComponent(params.findingId!)}`;
  const [{ body: finding, etag }, evidence] = await Promise.all([request<Finding>('GET', base), get<FindingEvidence>(`${base}/evidence`)]);
  const history = h('div');
  const workflow = `/v1/projects/${audit.projectId}/findings/${encodeURIComponent(finding.fingerprint)}`;
  const comments = h('div');
  mount(
    main,
    title(finding.title, h('a', { href: `/app/audits/${audit.id}/findings`, class: 'back' }, '← Findings')),
    h(
      'p',
      { class: 'meta' },
      severityBadge(finding.severity),
      ' ',
      statusBadge(finding.status ?? 'open'),
      ' ',
      h('code', null, endpointText(finding.endpoint)),
      ` · ${finding.category} · `,
      h('code', null, finding.ruleId),
      finding.owasp ? ` · OWASP ${finding.owasp}` : '',
    ),
    h('p', { class: 'message-text' }, finding.message),
    metricsList(finding.metrics ?? null),
    evidenceView(evidence),
    canChangeStatus(user) ? statusForm(workflow, finding, finding.etag ?? etag, history) : null,
    history,
    h('section', { class: 'card', 'aria-labelledby': 'comments' }, h('h2', { id: 'comments' }, 'Comments'), comments),
  );
  renderHistory(history, finding.history ?? []);
  await renderComments(comments, workflow);
}

function renderHistory(region: HTMLElement, history: NonNullable<Finding['history']>): void {
  if (history.length === 0) {
    region.replaceChildren();
    return;
  }
  mount(
    region,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'history' },
      h('h2', { id: 'history' }, 'Status history'),
      h(
        'ol',
        { class: 'comments' },
        ...[...history].reverse().map((change) =>
          h('li', null, h('p', { class: 'comment-meta' }, h('strong', null, change.actor?.name ?? change.actor?.email ?? 'Someone'), ` · ${formatDate(change.at)}`), h('p', null, `${change.from} → ${change.to}`, change.reason ? `: ${change.reason}` : '')),
        ),
      ),
    ),
  );
}

function metricsList(metrics: Record<string, number> | null): HTMLElement | null {
  if (!metrics || Object.keys(metrics).length === 0) return null;
  return h('dl', { class: 'metrics' }, ...Object.entries(metrics).map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v.toLocaleString()))));
}

/** Numbered lines of a file with the finding's line marked, as a keyboard-reachable block. */
function linesView(file: string, line: number, excerpt: { startLine: number; lines: string[] }): HTMLElement {
  return h(
    'pre',
    { tabindex: 0, 'aria-label': `Lines ${excerpt.startLine} to ${excerpt.startLine + excerpt.lines.length - 1} of ${file}` },
    ...excerpt.lines.map((text, i) => {
      const number = excerpt.startLine + i;
      return h('span', { class: number === line ? 'line hit' : 'line', ...(number === line ? { 'aria-current': 'true' } : {}) }, h('span', { class: 'ln', 'aria-hidden': 'true' }, String(number)), text || ' ', '\n');
    }),
  );
}

function evidenceView(evidence: FindingEvidence): HTMLElement {
  const parts: HTMLElement[] = [];
  for (const excerpt of evidence.spec) {
    parts.push(
      h(
        'figure',
        { class: 'excerpt', 'data-testid': 'spec-excerpt' },
        h('figcaption', null, h('code', null, `${excerpt.file}:${excerpt.line}`), excerpt.pointer ? h('small', { class: 'muted' }, ` ${excerpt.pointer}`) : null, excerpt.note ? h('span', { class: 'note' }, excerpt.note) : null),
        linesView(excerpt.file, excerpt.line, excerpt),
      ),
    );
  }
  for (const code of evidence.code) {
    const where = code.file ? `${code.file}${code.line ? `:${code.line}` : ''}` : 'code';
    // Findings scanned before excerpts were kept have only their line, as a note.
    const body = code.lines && code.startLine && code.line ? linesView(code.file ?? 'code', code.line, { startLine: code.startLine, lines: code.lines }) : code.note ? h('pre', { tabindex: 0 }, h('span', { class: 'line hit' }, h('span', { class: 'ln', 'aria-hidden': 'true' }, String(code.line ?? '')), code.note)) : null;
    parts.push(h('figure', { class: 'excerpt', 'data-testid': 'code-excerpt' }, h('figcaption', null, h('code', null, where)), body));
  }
  for (const trace of evidence.traces) parts.push(waterfallView(trace));
  return h('section', { class: 'card', 'aria-labelledby': 'evidence' }, h('h2', { id: 'evidence' }, 'Evidence'), parts.length ? parts : h('p', { class: 'muted' }, 'This finding carries no evidence.'));
}

function waterfallView(trace: FindingEvidence['traces'][number]): HTMLElement {
  const waterfall = layoutWaterfall(trace.spans);
  const highlight = new Set(trace.highlight);
  const ms = (us: number) => (us >= 1000 ? `${(us / 1000).toFixed(us >= 100_000 ? 0 : 1)} ms` : `${us} µs`);
  return h(
    'figure',
    { class: 'waterfall', 'data-testid': 'waterfall' },
    h('figcaption', null, 'Trace ', h('code', null, trace.traceId), ` · ${trace.spans.length} spans · ${ms(waterfall.durationUs)}`, trace.truncated ? ' (first spans only)' : ''),
    h(
      'ol',
      { class: 'spans' },
      ...waterfall.rows.map((row) => {
        const bar = h('span', { class: `span-bar${row.span.isError ? ' error' : ''}${highlight.has(row.span.spanId) ? ' hit' : ''}` });
        bar.style.left = `${row.offsetPercent}%`;
        bar.style.width = `${row.widthPercent}%`;
        const label = h('span', { class: 'span-name', title: `${row.span.service}: ${row.span.name}` }, row.span.name);
        label.style.paddingLeft = `${Math.min(row.depth, 8) * 0.75}rem`;
        return h(
          'li',
          { class: highlight.has(row.span.spanId) ? 'hit' : '' },
          label,
          h('span', { class: 'span-track' }, bar),
          h('span', { class: 'span-time' }, ms(row.span.durationUs)),
          h('span', { class: 'visually-hidden' }, ` ${row.span.service}, starts ${ms(row.span.startUs - waterfall.startUs)} in, depth ${row.depth}${row.span.isError ? ', error' : ''}`),
        );
      }),
    ),
    svg('svg', { class: 'legend', viewBox: '0 0 10 10', width: 10, height: 10, 'aria-hidden': 'true' }, svg('rect', { width: 10, height: 10, class: 'legend-hit' })),
    h('small', { class: 'muted' }, ' spans named by the finding'),
  );
}

function statusForm(workflow: string, finding: Finding, initialEtag: string | null, history: HTMLElement): HTMLElement {
  let etag = initialEtag;
  const status = select('status', [...STATUSES], finding.status ?? 'open');
  const reason = h('textarea', { name: 'reason', rows: 2, maxlength: 2000, value: finding.reason ?? '' });
  const form = actionForm(
    'stack-form',
    'Save status',
    async () => {
      if (STATUSES_WITH_REASON.has(status.value) && !reason.value.trim()) throw new Error(`A reason is required for ${status.value}.`);
      const body = { status: status.value, ...(reason.value.trim() ? { reason: reason.value.trim() } : {}) };
      let answer;
      try {
        answer = await request<{ etag?: string; history?: Finding['history'] }>('PATCH', workflow, { json: body, headers: etag ? { 'If-Match': etag } : {} });
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 412)) throw error;
        // Someone else changed it meanwhile: show what it is now and let the user decide again.
        const current = await request<{ status: string; etag?: string; history?: Finding['history'] }>('GET', workflow);
        etag = current.body.etag ?? current.etag;
        status.value = current.body.status;
        document.querySelector('.meta .badge[class*="st-"]')?.replaceWith(statusBadge(current.body.status));
        renderHistory(history, current.body.history ?? []);
        throw new Error(`Someone changed this finding meanwhile; it is now ${current.body.status}. Choose again and save.`);
      }
      etag = answer.body.etag ?? answer.etag ?? etag;
      renderHistory(history, answer.body.history ?? []);
      const badgeEl = document.querySelector('.meta .badge[class*="st-"]');
      badgeEl?.replaceWith(statusBadge(status.value));
      return `Status set to ${status.value}.`;
    },
    field('Status', status),
    field('Reason', reason, 'Required for wont-fix and false-positive.'),
  );
  return h('section', { class: 'card', 'aria-labelledby': 'status' }, h('h2', { id: 'status' }, 'Triage'), form);
}

async function renderComments(region: HTMLElement, workflow: string): Promise<void> {
  const list = (await get<{ items: Comment[] }>(`${workflow}/comments`)).items;
  const body = h('textarea', { name: 'body', rows: 3, required: true, maxlength: 5000 });
  const form = actionForm(
    'comment-form',
    'Comment',
    async () => {
      await post(`${workflow}/comments`, { body: body.value.trim() });
      await renderComments(region, workflow);
    },
    field('Add a comment', body),
  );
  mount(
    region,
    list.length
      ? h('ol', { class: 'comments', 'data-testid': 'comments' }, ...list.map((c) => h('li', null, h('p', { class: 'comment-meta' }, h('strong', null, c.author?.name || c.author?.email || 'Someone'), ` · ${formatDate(c.createdAt)}`), h('p', null, c.body))))
      : h('p', { class: 'muted' }, 'No comment yet.'),
    form,
  );
}
