import { get, q, type Audit, type Finding, type Page } from '../api';
import { h, mount } from '../dom';
import { navigate, type Screen } from '../router';
import { CATEGORIES, SEVERITIES, STATUSES, endpointText, field, select, severityBadge, statusBadge, title } from '../ui';

const FILTERS = ['severity', 'category', 'status', 'endpoint', 'q', 'sort'] as const;
const SORTS: Array<[string, string]> = [
  ['', 'Priority (as the plan ranks them)'],
  ['-priority', 'Priority, lowest first'],
  ['category', 'Category'],
  ['rule', 'Rule'],
  ['endpoint', 'Endpoint'],
  ['title', 'Title'],
];
const PAGE_SIZE = 25;

function endpointsOf(audit: Audit): string[] {
  const keys = new Set((audit.inventory ?? []).map((e) => `${e.method.toUpperCase()} ${e.path}`));
  return [...keys].sort((a, b) => a.split(' ')[1]!.localeCompare(b.split(' ')[1]!) || a.localeCompare(b));
}

export async function renderFindings({ main, params, query }: Screen): Promise<void> {
  const audit = await get<Audit>(`/v1/audits/${params.auditId}`);
  const filters = Object.fromEntries(FILTERS.map((key) => [key, query.get(key) ?? '']));
  const cursor = query.get('cursor') ?? '';
  const page = await get<Page<Finding>>(`/v1/audits/${audit.id}/findings${q({ ...filters, limit: PAGE_SIZE, cursor })}`);

  const controls = {
    severity: select('severity', [['', 'Any severity'], ...SEVERITIES.map((s): [string, string] => [s, s])], filters.severity),
    category: select('category', [['', 'Any category'], ...CATEGORIES.map((c): [string, string] => [c, c])], filters.category),
    status: select('status', [['', 'Any status'], ...STATUSES.map((s): [string, string] => [s, s])], filters.status),
    // The API filters on the exact `METHOD /path`; the audit's inventory lists them.
    endpoint: select('endpoint', [['', 'Any endpoint'], ...endpointsOf(audit).map((e): [string, string] => [e, e])], filters.endpoint),
    q: h('input', { type: 'search', name: 'q', value: filters.q, placeholder: 'title, message or rule id' }),
    sort: select('sort', SORTS, filters.sort),
  };
  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    const next = Object.fromEntries(FILTERS.map((key) => [key, controls[key].value.trim()]));
    navigate(`/app/audits/${audit.id}/findings${q(next)}`);
  };
  const form = h(
    'form',
    { class: 'filters card', role: 'search', 'aria-label': 'Filter findings', onSubmit: apply },
    field('Severity', controls.severity),
    field('Category', controls.category),
    field('Status', controls.status),
    field('Endpoint', controls.endpoint),
    field('Search', controls.q),
    field('Sort by', controls.sort),
    h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'primary' }, 'Apply'), h('a', { class: 'button', href: `/app/audits/${audit.id}/findings` }, 'Clear')),
  );

  // The cursor trail lives in the URL (`back`), so Back and a reload keep the place.
  const trail = query.get('trail')?.split('.').filter(Boolean) ?? [];
  const nextCursor = page.next ? new URL(page.next, location.origin).searchParams.get('cursor') : null;
  const pager = h(
    'nav',
    { class: 'pager', 'aria-label': 'Pages' },
    cursor ? h('a', { class: 'button', href: `/app/audits/${audit.id}/findings${q({ ...filters, cursor: trail.at(-1) === '0' ? '' : trail.at(-1), trail: trail.slice(0, -1).join('.') })}` }, '← Previous') : null,
    nextCursor ? h('a', { class: 'button', href: `/app/audits/${audit.id}/findings${q({ ...filters, cursor: nextCursor, trail: [...trail, cursor || '0'].join('.') })}` }, 'Next →') : null,
  );

  const rows = page.items.map((f) =>
    h(
      'tr',
      null,
      h('td', { 'data-label': 'Severity' }, severityBadge(f.severity)),
      h('td', { 'data-label': 'Finding' }, h('a', { href: `/app/audits/${audit.id}/findings/${encodeURIComponent(f.id)}` }, f.title), h('small', { class: 'muted block' }, f.ruleId)),
      h('td', { 'data-label': 'Endpoint' }, h('code', null, endpointText(f.endpoint))),
      h('td', { 'data-label': 'Category' }, f.category),
      h('td', { 'data-label': 'Status' }, statusBadge(f.status ?? 'open')),
      h('td', { 'data-label': 'Comments' }, String(f.commentCount ?? 0)),
    ),
  );
  const table = rows.length
    ? h(
        'table',
        { class: 'list findings', 'data-testid': 'findings' },
        h('caption', { class: 'visually-hidden' }, 'Findings of this audit'),
        h('thead', null, h('tr', null, ...['Severity', 'Finding', 'Endpoint', 'Category', 'Status', 'Comments'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, ...rows),
      )
    : h('p', { class: 'muted', 'data-testid': 'no-findings' }, 'No finding matches these filters.');

  mount(main, title('Findings', h('a', { href: `/app/audits/${audit.id}`, class: 'back' }, '← Audit overview')), form, h('p', { role: 'status', class: 'muted' }, `${page.items.length} shown${page.next ? ', more on the next page' : ''}.`), table, pager);
}
