import { HORIZONS, type Evidence, type Finding, type PlanItem } from '@apiaudit/domain';
import { badge, esc } from '../html';
import { visibleItems } from '../plan-document';
import { HORIZON_TITLE } from './roadmap.section';
import type { TocEntry } from '../plan-section';
import type { PlanReportInput } from '../report-input';


export function formatEvidence(e: Evidence): string {
  if (e.kind === 'trace') return `trace ${esc(e.traceId)}${e.spanId ? ` span ${esc(e.spanId)}` : ''}${e.note ? ` — ${esc(e.note)}` : ''}`;
  const place = `${esc(e.file ?? '')}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''}`;
  return `<code>${place}</code>${e.pointer ? ` <span class="ptr">${esc(e.pointer)}</span>` : ''}${e.note ? ` — ${esc(e.note)}` : ''}`;
}

function itemCard(item: PlanItem, findings: Map<string, Finding>): string {
  const own = item.findingIds.map((id) => findings.get(id)).filter((f): f is Finding => Boolean(f));
  const evidence = own.flatMap((f) => f.evidence).slice(0, 4);
  const messages = own.slice(0, 3).map((f) => `<li>${esc(f.message)}</li>`).join('');
  const endpoints = item.endpoints.slice(0, 8).map((e) => `<code>${esc(e.method)} ${esc(e.path)}</code>`).join(' ');
  return `<article class="item">
  <header><span class="rank">${item.rank}</span> ${badge(item.severity)} <b>${esc(item.title)}</b>
  <span class="muted">${esc(item.ruleId)} · ${esc(item.category)} · effort ${item.effort} · ${item.endpoints.length} endpoint(s)</span></header>
  <ul class="messages">${messages}${own.length > 3 ? `<li class="muted">… ${own.length - 3} more finding(s)</li>` : ''}</ul>
  <dl>
    ${item.notes ? `<dt>Notes</dt><dd class="notes">${esc(item.notes)}</dd>` : ''}
    <dt>Why</dt><dd>${esc(item.why)}</dd>
    <dt>Change</dt><dd>${esc(item.change)}</dd>
    <dt>Measure</dt><dd>${esc(item.measure)}${item.target ? ` <code class="target">${esc(item.target.metric)} ${esc(item.target.comparator)} ${item.target.value}${item.target.unit ? ` ${esc(item.target.unit)}` : ''}</code>` : ''}</dd>
    <dt>Validate</dt><dd>${esc(item.validate)}</dd>
    ${endpoints ? `<dt>Endpoints</dt><dd>${endpoints}${item.endpoints.length > 8 ? ` <span class="muted">+${item.endpoints.length - 8}</span>` : ''}</dd>` : ''}
    ${evidence.length ? `<dt>Evidence</dt><dd><ul class="evidence">${evidence.map((e) => `<li>${formatEvidence(e)}</li>`).join('')}</ul></dd>` : ''}
  </dl>
</article>`;
}

function laterTable(items: PlanItem[]): string {
  const rows = items
    .map((i) => `<tr><td class="num">${i.rank}</td><td>${badge(i.severity)}</td><td><b>${esc(i.title)}</b><br><span class="muted">${esc(i.ruleId)} · ${i.endpoints.length} endpoint(s)</span>${i.notes ? `<br><span class="notes">${esc(i.notes)}</span>` : ''}</td><td>${esc(i.change)}</td><td>${esc(i.measure)}</td></tr>`)
    .join('');
  return `<table class="fixed"><colgroup><col style="width:5%"><col style="width:10%"><col style="width:27%"><col style="width:30%"><col style="width:28%"></colgroup><tr><th class="num">#</th><th>severity</th><th>action</th><th>change</th><th>measure</th></tr>${rows}</table>`;
}

/** Contents entries: one per horizon that has actions. */
export function planItemEntries({ plan }: PlanReportInput): TocEntry[] {
  const visible = visibleItems(plan);
  return HORIZONS.filter((h) => visible.some((i) => i.horizon === h)).map((h) => ({ id: `actions-${h}`, title: HORIZON_TITLE[h], level: 2 as const }));
}

export function renderPlanItems({ plan, result }: PlanReportInput): string {
  const findings = new Map(result.findings.map((f) => [f.id, f]));
  const visible = visibleItems(plan);
  const horizons = HORIZONS.filter((h) => visible.some((i) => i.horizon === h));
  return horizons
    .map((horizon) => {
      const items = visible.filter((i) => i.horizon === horizon);
      // Low-stakes items read better as one table than as a card each: the plan stays short enough to discuss.
      const body = horizon === 'later' ? laterTable(items) : items.map((i) => itemCard(i, findings)).join('');
      return `<div class="horizon"><h3 class="horizon-title" id="actions-${horizon}">${HORIZON_TITLE[horizon]}</h3>${body}</div>`;
    })
    .join('');
}
