import { get, request, type Audit, type Person } from '../api';
import { h, mount } from '../dom';
import type { Screen } from '../router';
import { actionForm, field, formatDate, select, severityBadge, title } from '../ui';

const HORIZONS = ['now', 'next', 'later'] as const;

interface PlanItem {
  rank: number;
  horizon: string;
  title: string;
  ruleId: string;
  severity: string;
  notes?: string;
  hidden?: boolean;
  edited?: string[];
}

interface PlanDocument {
  version?: number;
  editedAt?: string;
  editedBy?: Person;
  items: PlanItem[];
}

type Change = { ruleId: string } & Partial<Record<'rank' | 'horizon' | 'title' | 'notes' | 'hidden', unknown>>;

/** What the form asks to change on the item: only fields that differ; an emptied note goes back to none. */
function changeOf(item: PlanItem, form: HTMLFormElement): Change | null {
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
  const change: Change = { ruleId: item.ruleId };
  const rank = Number(value('rank'));
  if (Number.isInteger(rank) && rank !== item.rank) change.rank = rank;
  if (value('horizon') !== item.horizon) change.horizon = value('horizon');
  if (value('title').trim() && value('title').trim() !== item.title) change.title = value('title').trim();
  const notes = value('notes').trim();
  if (notes !== (item.notes ?? '')) change.notes = notes || null;
  const hidden = (form.elements.namedItem('hidden') as HTMLInputElement).checked;
  if (hidden !== Boolean(item.hidden)) change.hidden = hidden;
  return Object.keys(change).length > 1 ? change : null;
}

function versionLine(plan: PlanDocument): string {
  const version = plan.version ?? 1;
  if (version === 1 || !plan.editedAt) return `Version ${version}, as the audit made it.`;
  return `Version ${version}, edited ${formatDate(plan.editedAt)}${plan.editedBy ? ` by ${plan.editedBy.name || plan.editedBy.email}` : ''}.`;
}

export async function renderPlan({ main, params, user }: Screen): Promise<void> {
  const audit = await get<Audit>(`/v1/audits/${params.auditId}`);
  let current = await request<PlanDocument>('GET', `/v1/audits/${audit.id}/plan`);
  const version = h('p', { class: 'muted', 'data-testid': 'plan-version' });
  const frame = h('iframe', { class: 'plan', src: `/v1/audits/${audit.id}/plan.html`, title: `Plan of ${audit.subject ?? 'the audit'}`, sandbox: '' });
  const editor = h('div', { class: 'plan-editor' });

  const show = () => {
    version.textContent = versionLine(current.body);
    if (user?.role === 'consultant') mount(editor, ...editForms());
  };

  // Consultants edit items here (rank, horizon, title, notes for the client, hidden); each save is a plan version.
  const editForms = () => [
    h('h2', null, 'Edit the plan'),
    h('p', { class: 'muted' }, 'Each save makes a new plan version; the PDF, Markdown and CSV follow it, and the next audit of the project keeps the edits of items still found.'),
    h(
      'ol',
      { class: 'plan-items' },
      current.body.items.map((item) => {
        const save = async () => {
          const change = changeOf(item, form);
          if (!change) return 'Nothing changed.';
          current = await request<PlanDocument>('PATCH', `/v1/audits/${audit.id}/plan`, { json: { items: [change] }, headers: { 'If-Match': current.etag ?? '' } });
          frame.src = `/v1/audits/${audit.id}/plan.html?version=${current.body.version ?? 1}`;
          show();
          // The list was drawn again in the new order: the item's new form says it was saved.
          editor.querySelector(`form[data-rule="${CSS.escape(item.ruleId)}"] .message`)?.replaceChildren(h('span', { role: 'status' }, `Saved as version ${current.body.version}.`));
        };
        const form = actionForm(
          `plan-item${item.hidden ? ' hidden-item' : ''}`,
          'Save',
          save,
          h('div', { class: 'plan-item-head' }, severityBadge(item.severity), h('code', null, item.ruleId), item.edited?.length ? h('span', { class: 'muted' }, `edited: ${item.edited.join(', ')}`) : null),
          h(
            'div',
            { class: 'plan-item-fields' },
            field('Rank', h('input', { name: 'rank', type: 'number', min: 1, max: current.body.items.length, value: item.rank, class: 'rank' })),
            field('Horizon', select('horizon', [...HORIZONS], item.horizon)),
            field('Title', h('input', { name: 'title', value: item.title, maxlength: 200, required: true })),
            field('Notes for the client', h('textarea', { name: 'notes', rows: 2, maxlength: 4000 }, item.notes ?? '')),
            h('label', { class: 'check' }, h('input', { name: 'hidden', type: 'checkbox', checked: Boolean(item.hidden) }), ' Hidden from the client'),
          ),
        );
        form.setAttribute('aria-label', `Action ${item.rank}: ${item.title}`);
        form.dataset.rule = item.ruleId;
        return h('li', null, form);
      }),
    ),
  ];

  show();
  mount(
    main,
    title('Plan', h('a', { href: `/app/audits/${audit.id}`, class: 'back' }, '← Audit overview')),
    h(
      'div',
      { class: 'actions' },
      h('a', { class: 'button primary', href: `/v1/audits/${audit.id}/plan.pdf`, download: `plan-${audit.id.slice(0, 8)}.pdf` }, 'Download PDF'),
      h('a', { class: 'button', href: `/v1/audits/${audit.id}/plan.html`, target: '_blank', rel: 'noopener' }, 'Open in a new tab'),
      h('a', { class: 'button', href: `/v1/audits/${audit.id}/plan.md`, download: `plan-${audit.id.slice(0, 8)}.md` }, 'Markdown'),
      h('a', { class: 'button', href: `/v1/audits/${audit.id}/plan.csv`, download: `plan-${audit.id.slice(0, 8)}.csv` }, 'CSV'),
    ),
    version,
    // The plan is the same HTML the PDF is printed from, shown as is; sandboxed, it runs no script of its own.
    frame,
    editor,
  );
}
