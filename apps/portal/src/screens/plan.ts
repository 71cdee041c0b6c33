import { get, type Audit } from '../api';
import { h, mount } from '../dom';
import type { Screen } from '../router';
import { title } from '../ui';

export async function renderPlan({ main, params }: Screen): Promise<void> {
  const audit = await get<Audit>(`/v1/audits/${params.auditId}`);
  mount(
    main,
    title('Plan', h('a', { href: `/app/audits/${audit.id}`, class: 'back' }, '← Audit overview')),
    h(
      'div',
      { class: 'actions' },
      h('a', { class: 'button primary', href: `/v1/audits/${audit.id}/plan.pdf`, download: `plan-${audit.id.slice(0, 8)}.pdf` }, 'Download PDF'),
      h('a', { class: 'button', href: `/v1/audits/${audit.id}/plan.html`, target: '_blank', rel: 'noopener' }, 'Open in a new tab'),
    ),
    // The plan is the same HTML the PDF is printed from, shown as is; sandboxed, it runs no script of its own.
    h('iframe', { class: 'plan', src: `/v1/audits/${audit.id}/plan.html`, title: `Plan of ${audit.subject ?? 'the audit'}`, sandbox: '' }),
  );
}
