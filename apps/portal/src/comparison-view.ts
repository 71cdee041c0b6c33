// An audit compared with its baseline: regressions first, then new and resolved findings, the baseline plan's
// targets checked, and the score deltas. Read-only: it is the same for consultants and the client's users.
import type { Audit, ComparedFinding, Comparison, TargetValidation } from './api';
import { h, type Child } from './dom';
import { navigate } from './router';
import { badge, endpointText, field, formatDate, select, severityBadge } from './ui';

// Longer lists open on request, so a re-audit with a hundred new findings does not bury the targets below.
const OPEN_UP_TO = 10;
const COMPARATORS: Record<string, string> = { '<': '<', '<=': '≤', '==': '=', '>=': '≥', '>': '>' };

const num = (n: number | null, unit?: string): string => (n === null ? '–' : `${n.toLocaleString(undefined, { maximumFractionDigits: 2 })}${unit ? ` ${unit}` : ''}`);

/** A signed change with its direction for colour: higher scores are better. */
function deltaText(delta: number | null): HTMLElement {
  if (delta === null) return h('span', { class: 'muted' }, 'new');
  const text = delta > 0 ? `+${delta}` : delta < 0 ? `−${-delta}` : '±0';
  return h('span', { class: `delta ${delta > 0 ? 'up' : delta < 0 ? 'down' : 'same'}` }, text);
}

/** The finding's own page in the audit it is listed from; the rule's findings there for an older stored comparison. */
function findingHref(f: ComparedFinding, auditId: string): string {
  return f.id ? `/app/audits/${auditId}/findings/${encodeURIComponent(f.id)}` : `/app/audits/${auditId}/findings?q=${encodeURIComponent(f.ruleId)}`;
}

function findingTable(list: ComparedFinding[], caption: string, testId: string, findingsOf: string): HTMLElement {
  return h(
    'table',
    { class: 'list compared', 'data-testid': testId },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', null, h('tr', null, ...['Severity', 'Finding', 'Endpoint'].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      null,
      ...list.map((f) =>
        h(
          'tr',
          null,
          h('td', { 'data-label': 'Severity' }, severityBadge(f.severity)),
          h('td', { 'data-label': 'Finding' }, h('a', { href: findingHref(f, findingsOf) }, f.title), h('small', { class: 'muted block' }, f.ruleId)),
          h('td', { 'data-label': 'Endpoint' }, h('code', null, endpointText(f.endpoint))),
        ),
      ),
    ),
  );
}

function findingGroup(title: string, list: ComparedFinding[], empty: string, testId: string, findingsOf: string, alwaysOpen = false): HTMLElement {
  const heading = h('h3', null, `${title} (${list.length})`);
  if (list.length === 0) return h('div', { class: 'group' }, heading, h('p', { class: 'muted' }, empty));
  const table = findingTable(list, title, testId, findingsOf);
  if (alwaysOpen || list.length <= OPEN_UP_TO) return h('div', { class: 'group' }, heading, table);
  return h('div', { class: 'group' }, heading, h('details', null, h('summary', null, `Show all ${list.length}`), table));
}

function targetText(v: TargetValidation): string {
  return `${COMPARATORS[v.target.comparator] ?? v.target.comparator} ${num(v.target.value, v.target.unit)}`;
}

function resultBadge(met: boolean | null): HTMLElement {
  return met === null ? badge('st-open', 'not measured') : met ? badge('st-succeeded', 'met') : badge('st-failed', 'not met');
}

const MAX_ENDPOINTS = 3;

function endpointsText(endpoints: TargetValidation['item']['endpoints']): string {
  const shown = endpoints.slice(0, MAX_ENDPOINTS).map((e) => endpointText(e)).join(', ');
  return endpoints.length > MAX_ENDPOINTS ? `${shown} and ${endpoints.length - MAX_ENDPOINTS} more` : shown;
}

function validationTable(list: TargetValidation[]): HTMLElement[] {
  if (list.length === 0) return [h('p', { class: 'muted' }, 'The baseline plan had no measurable target.')];
  // Met targets first: they are the proof the fixes worked; then what could not be measured, then what is not met yet.
  const order = (v: TargetValidation) => (v.met === true ? 0 : v.met === null ? 1 : 2);
  const sorted = [...list].sort((a, b) => order(a) - order(b) || a.item.rank - b.item.rank);
  const met = list.filter((v) => v.met === true).length;
  const unmeasured = list.filter((v) => v.met === null).length;
  const summary = `${met} of ${list.length} target${list.length === 1 ? '' : 's'} met${unmeasured ? `, ${unmeasured} not measured` : ''}.`;
  const table = h(
    'table',
    { class: 'list validation', 'data-testid': 'validation' },
    h('caption', { class: 'visually-hidden' }, 'Targets of the baseline plan'),
    h('thead', null, h('tr', null, ...['Action', 'Metric', 'Before → after', 'Target', 'Result'].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      null,
      ...sorted.map((v) =>
        h(
          'tr',
          null,
          h('td', { 'data-label': 'Action' }, `${v.item.rank}. ${v.item.title}`, v.item.endpoints.length ? h('small', { class: 'muted block' }, endpointsText(v.item.endpoints)) : null),
          h('td', { 'data-label': 'Metric' }, h('code', null, v.metric)),
          h('td', { 'data-label': 'Before → after', class: 'num' }, `${num(v.before, v.target.unit)} → ${num(v.after, v.target.unit)}`),
          h('td', { 'data-label': 'Target', class: 'num' }, targetText(v)),
          // The note repeats the row unless the new audit lacked the figure: then it says how `met` was judged.
          h('td', { 'data-label': 'Result' }, resultBadge(v.met), v.after === null || v.met === null ? h('small', { class: 'muted block' }, v.note) : null),
        ),
      ),
    ),
  );
  return [h('p', { 'data-testid': 'validation-summary' }, summary), table];
}

function categoryTable(scores: Comparison['scores']): HTMLElement {
  // Biggest drops first; categories the baseline did not score go last.
  const rows = Object.entries(scores.byCategory).sort(([a, x], [b, y]) => (x.delta ?? Infinity) - (y.delta ?? Infinity) || a.localeCompare(b));
  return h(
    'table',
    { class: 'list deltas', 'data-testid': 'score-deltas' },
    h('caption', { class: 'visually-hidden' }, 'Score per category, before and after'),
    h('thead', null, h('tr', null, ...['Category', 'Before → after', 'Change'].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      null,
      ...rows.map(([category, d]) =>
        h('tr', null, h('td', { 'data-label': 'Category' }, category), h('td', { 'data-label': 'Before → after', class: 'num' }, `${num(d.before)} → ${num(d.after)}`), h('td', { 'data-label': 'Change', class: 'num' }, deltaText(d.delta))),
      ),
    ),
  );
}

/** The comparison card of an audit page; `audits` are the project's, to name the baseline by its date. */
export function comparisonView(audit: Audit, comparison: Comparison, audits: Audit[]): HTMLElement {
  const section = (...children: Child[]) => h('section', { class: 'card comparison', 'aria-labelledby': 'comparison', 'data-testid': 'comparison' }, h('h2', { id: 'comparison' }, 'Compared with the baseline'), ...children);
  if (!comparison.baselineAuditId) {
    return section(h('p', { 'data-testid': 'no-baseline' }, "This is the project's first audit: it has no baseline to compare with. The next audit is compared with this one."));
  }
  const baseline = audits.find((a) => a.id === comparison.baselineAuditId);
  const s = comparison.scores;
  // Any earlier succeeded audit can be the baseline (?baseline=), to show the progress since the first one, say.
  const candidates = audits.filter((a) => a.status === 'succeeded' && a.createdAt < audit.createdAt).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  let chooser: HTMLElement | null = null;
  if (candidates.length > 1) {
    const previous = candidates[0]!.id;
    const choice = select('baseline', candidates.map((a, i): [string, string] => [a.id, `${formatDate(a.createdAt)} · score ${a.scores?.overall ?? '–'}${i === 0 ? ' (previous)' : ''}`]), comparison.baselineAuditId);
    // A button, not the select's change event: arrow keys on a closed select fire a change per step.
    const compare = (event: SubmitEvent) => {
      event.preventDefault();
      navigate(`/app/audits/${audit.id}${choice.value === previous ? '' : `?baseline=${choice.value}`}`);
    };
    chooser = h('form', { class: 'inline-form baseline-choice', 'aria-label': 'Baseline', onSubmit: compare }, field('Compare with the audit of', choice), h('button', { type: 'submit' }, 'Compare'));
  }
  const tile = (label: string, count: number, kind: string) => h('div', { class: `tile ${kind}` }, h('dt', null, label), h('dd', null, String(count)));
  return section(
    chooser,
    chooser
      ? h('p', null, 'Findings are matched by fingerprint. ', h('a', { href: `/app/audits/${comparison.baselineAuditId}` }, 'Open the baseline audit'))
      : h('p', null, 'Compared with the audit of ', h('a', { href: `/app/audits/${comparison.baselineAuditId}` }, baseline ? formatDate(baseline.createdAt) : comparison.baselineAuditId.slice(0, 8)), ', matched by fingerprint.'),
    h(
      'dl',
      { class: 'tiles', 'data-testid': 'comparison-counts' },
      tile('Regressions', comparison.regressed.length, comparison.regressed.length ? 'bad' : ''),
      tile('New', comparison.new.length, ''),
      tile('Resolved', comparison.resolved.length, comparison.resolved.length ? 'good' : ''),
      tile('Still open', comparison.open.length, ''),
    ),
    h('p', { class: 'overall-delta', 'data-testid': 'overall-delta' }, 'Overall score ', h('strong', null, `${num(s.before)} → ${num(s.after)}`), ' ', deltaText(s.delta)),
    findingGroup('Regressions', comparison.regressed, 'Nothing fixed earlier has come back.', 'regressed', audit.id, true),
    findingGroup('New', comparison.new, 'No new finding.', 'new', audit.id),
    findingGroup('Resolved', comparison.resolved, 'Nothing from the baseline is gone yet.', 'resolved', comparison.baselineAuditId),
    h('div', { class: 'group' }, h('h3', null, 'Targets of the baseline plan'), ...validationTable(comparison.validation)),
    h('div', { class: 'group' }, h('h3', null, 'Score by category'), categoryTable(s)),
  );
}
