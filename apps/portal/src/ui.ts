// Pieces every screen uses: headings that take focus, labelled fields, problem messages, badges.
import { ApiError, type Audit } from './api';
import { h, type Child, type Props } from './dom';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const CATEGORIES = ['contract', 'errors', 'pagination', 'idempotency', 'versioning', 'security', 'performance', 'naming', 'evolution', 'resilience', 'cost', 'drift', 'ingest'] as const;
export const STATUSES = ['open', 'acknowledged', 'in-progress', 'fixed', 'wont-fix', 'false-positive'] as const;
/** Statuses that need a reason, as the findings workflow API requires. */
export const STATUSES_WITH_REASON = new Set(['wont-fix', 'false-positive']);

let fieldSeq = 0;

/** A label bound to its control; the control gets a generated id unless it has one. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLElement {
  if (!control.id) control.id = `f${++fieldSeq}`;
  const hintEl = hint ? h('small', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl);
}

export function select(name: string, options: Array<string | [string, string]>, value = '', props: Props = {}): HTMLSelectElement {
  const el = h('select', { name, ...props }, ...options.map((o) => (Array.isArray(o) ? h('option', { value: o[0] }, o[1]) : h('option', { value: o }, o))));
  el.value = value;
  return el;
}

/** The screen's heading; it takes focus after navigation so screen readers announce the new page. */
export function title(text: string, ...extra: Child[]): HTMLElement {
  return h('div', { class: 'title-row' }, h('h1', { tabindex: -1 }, text), ...extra);
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const p = error.problem;
    return p.detail && p.title && p.detail !== p.title ? `${p.title}: ${p.detail}` : (p.detail ?? p.title ?? `HTTP ${p.status}`);
  }
  return error instanceof Error ? error.message : String(error);
}

export function errorBox(error: unknown): HTMLElement {
  return h('p', { class: 'error', role: 'alert' }, describeError(error));
}

export function notFoundView(what: string): HTMLElement {
  return h('section', { class: 'empty' }, title(`${what} not found`), h('p', null, 'It does not exist, or your account cannot see it.'), h('p', null, h('a', { href: '/app/' }, 'Back to the start')));
}

export const badge = (kind: string, text: string): HTMLElement => h('span', { class: `badge ${kind}` }, text);
export const severityBadge = (severity: string): HTMLElement => badge(`sev-${severity}`, severity);
export const statusBadge = (status: string): HTMLElement => badge(`st-${status}`, status);

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Runs a form's action with its submit button disabled and its message region updated. */
export async function submitting(form: HTMLFormElement, message: HTMLElement, action: () => Promise<Child | void>): Promise<void> {
  const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
  if (button) button.disabled = true;
  message.replaceChildren();
  message.className = 'message';
  try {
    const done = await action();
    if (done) message.replaceChildren(h('span', { role: 'status' }, done));
  } catch (error) {
    message.replaceChildren(errorBox(error));
  } finally {
    if (button) button.disabled = false;
  }
}

/**
 * A form that runs `action` when submitted: its fields, a primary submit button, and a live region below that
 * shows what the action returns or the error it throws.
 */
export function actionForm(className: string, submitLabel: string, action: () => Promise<Child | void>, ...fields: Child[]): HTMLFormElement {
  const message = h('div', { class: 'message', 'aria-live': 'polite' });
  const form: HTMLFormElement = h(
    'form',
    {
      class: className,
      onSubmit: (event: SubmitEvent) => {
        event.preventDefault();
        void submitting(form, message, action);
      },
    },
    ...fields,
    h('button', { type: 'submit', class: 'primary' }, submitLabel),
    message,
  );
  return form;
}

// A no-break space keeps the method with its path when a narrow column wraps.
export const endpointText = (e: { method: string; path: string } | null | undefined): string => (e ? `${e.method.toUpperCase()}\u00a0${e.path}` : '–');

/** What started a re-audit, in a few words ('' for a plain audit). */
export function triggerText(audit: Pick<Audit, 'triggeredBy'>): string {
  switch (audit.triggeredBy?.kind) {
    case 'schedule':
      return 're-audit by the schedule';
    case 'manual':
      return 're-audit on request';
    case 'github':
      return `re-audit after a push to ${audit.triggeredBy.ref.replace(/^refs\/heads\//, '')}`;
    default:
      return '';
  }
}
