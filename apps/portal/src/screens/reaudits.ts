// A project's re-audits: the schedule, "re-audit now", and the outbound webhooks told when an audit ends.
import { ApiError, get, getAll, q, request, type Audit, type Project, type Schedule, type Webhook, type WebhookDelivery } from '../api';
import { h, mount, type Child } from '../dom';
import { navigate } from '../router';
import { actionForm, badge, errorBox, field, formatDate, select, submitting } from '../ui';

const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The next run in the schedule's own zone, and in the reader's when that differs. */
function nextRunText(schedule: Schedule): string {
  if (!schedule.nextRunAt) return 'Next run: not known yet.';
  const zone = 'timezone' in schedule ? schedule.timezone : null;
  if (!zone || zone === localZone()) return `Next run: ${formatDate(schedule.nextRunAt)}.`;
  const there = new Date(schedule.nextRunAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  return `Next run: ${there} ${zone} (${formatDate(schedule.nextRunAt)} your time).`;
}

function describeSchedule(schedule: Schedule | null): string {
  if (!schedule) return 'No schedule: this project is re-audited only when someone starts one.';
  const when = 'cron' in schedule ? `On the cron schedule ${schedule.cron} (${schedule.timezone}).` : `Every ${schedule.everyDays === 1 ? 'day' : `${schedule.everyDays} days`}.`;
  return `${when} ${nextRunText(schedule)}`;
}

/** The schedule, or null when the project has none (the API answers 404). */
async function loadSchedule(projectId: string): Promise<Schedule | null> {
  try {
    return await get<Schedule>(`/v1/projects/${projectId}/schedule`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** What a client's users see: when the project is re-audited next, nothing to change. */
export async function scheduleSummary(project: Project): Promise<HTMLElement> {
  const schedule = await loadSchedule(project.id);
  return h('section', { class: 'card', 'aria-labelledby': 'reaudits' }, h('h2', { id: 'reaudits' }, 'Re-audits'), h('p', { 'data-testid': 'schedule-summary' }, describeSchedule(schedule)));
}

/** The consultant's re-audit card: the schedule form, removing it, and a re-audit started now. */
export async function reauditSection(project: Project): Promise<HTMLElement> {
  let schedule = await loadSchedule(project.id);
  const url = `/v1/projects/${project.id}/schedule`;
  const summary = h('p', { 'data-testid': 'schedule-summary', role: 'status' });

  const mode = select('mode', [['cron', 'On a cron schedule'], ['days', 'Every few days']], schedule && 'everyDays' in schedule ? 'days' : 'cron');
  const cron = h('input', { name: 'cron', value: schedule && 'cron' in schedule ? schedule.cron : '0 6 * * 1', maxlength: 100, autocomplete: 'off', spellcheck: false, class: 'mono' });
  const zone = h('input', { name: 'timezone', value: schedule && 'timezone' in schedule ? schedule.timezone : localZone(), maxlength: 64, list: 'time-zones', autocomplete: 'off', spellcheck: false });
  const zones = h('datalist', { id: 'time-zones' }, ...['UTC', ...Intl.supportedValuesOf('timeZone')].map((z) => h('option', { value: z })));
  const days = h('input', { name: 'everyDays', type: 'number', min: 1, max: 366, value: schedule && 'everyDays' in schedule ? schedule.everyDays : 7, class: 'short' });
  const cronFields = h('div', { class: 'pair' }, field('Cron expression', cron, 'Minute, hour, day of month, month, weekday: 0 6 * * 1 is Mondays at 06:00.'), field('Time zone', zone, 'An IANA name such as Europe/Paris; the cron is read in it.'));
  const dayFields = h('div', { class: 'pair' }, field('Every how many days', days, '1 to 366; the first run is that many days after saving.'));
  const showMode = () => {
    cronFields.hidden = mode.value !== 'cron';
    dayFields.hidden = mode.value === 'cron';
  };
  mode.addEventListener('change', showMode);

  const remove = h('button', { type: 'button' }, 'Remove schedule');
  const show = () => {
    summary.textContent = describeSchedule(schedule);
    remove.hidden = !schedule;
  };

  const form = actionForm(
    'schedule-form',
    'Save schedule',
    async () => {
      const body = mode.value === 'cron' ? { cron: cron.value.trim(), timezone: zone.value.trim() || 'UTC' } : { everyDays: Number(days.value) };
      schedule = (await request<Schedule>('PUT', url, { json: body })).body;
      show();
      return `Saved. ${nextRunText(schedule)}`;
    },
    field('Repeat', mode),
    cronFields,
    dayFields,
    zones,
  );
  form.setAttribute('aria-label', 'Re-audit schedule');
  // Removing sits beside saving and answers in the same message region.
  const message = form.querySelector<HTMLElement>('.message')!;
  form.insertBefore(remove, message);
  remove.addEventListener('click', () =>
    void submitting(form, message, async () => {
      await request('DELETE', url);
      schedule = null;
      show();
      return 'Schedule removed.';
    }),
  );
  showMode();
  show();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'reaudits' },
    h('h2', { id: 'reaudits' }, 'Re-audits'),
    h('p', null, 'A re-audit takes the newest version of every source and is compared with the previous audit: what was fixed, what is new, which plan targets were met.'),
    reauditNow(project),
    h('h3', null, 'Schedule'),
    summary,
    form,
  );
}

function reauditNow(project: Project): HTMLElement {
  // One key per intent, as for "Start audit": a retried click after a lost answer queues no second re-audit.
  let key = crypto.randomUUID();
  const message = h('div', { class: 'message', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'primary' }, 'Re-audit now');
  button.addEventListener('click', async () => {
    button.disabled = true;
    message.replaceChildren();
    try {
      const { body: audit } = await request<Audit>('POST', `/v1/projects/${project.id}/reaudits`, { json: {}, headers: { 'Idempotency-Key': key } });
      key = crypto.randomUUID();
      navigate(`/app/audits/${audit.id}`);
    } catch (error) {
      message.replaceChildren(errorBox(error));
      button.disabled = false;
    }
  });
  return h('div', { class: 'now' }, button, message);
}

/** A signing secret the consultant can copy to the receiver: 32 random bytes, hex. */
const newSecret = (): string => [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** What a saved secret's form answers: the secret once more, to copy, since the API never shows it again. */
function secretToCopy(text: string, secret: string, label: string): HTMLElement {
  const output = h('input', { type: 'text', readonly: true, value: secret, class: 'invitation-url', 'aria-label': label });
  const copy = h('button', { type: 'button', onClick: () => void navigator.clipboard?.writeText(secret).then(() => (copy.textContent = 'Copied')) }, 'Copy secret');
  return h('span', { class: 'invitation' }, text, output, copy);
}

/** The consultant's webhooks card: each webhook with its delivery log, and a form to add one. */
export function webhooksSection(project: Project): HTMLElement {
  const list = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading…'));
  const refresh = async () => {
    try {
      const [hooks, deliveries] = await Promise.all([getAll<Webhook>(`/v1/projects/${project.id}/webhooks`), getAll<WebhookDelivery>(`/v1/projects/${project.id}/webhook-deliveries${q({ limit: 100 })}`, 100)]);
      mount(list, hooks.length ? h('ul', { class: 'webhooks' }, ...hooks.map((hook) => webhookItem(project, hook, deliveries.filter((d) => d.webhookId === hook.id), refresh))) : h('p', { class: 'muted' }, 'No webhook yet.'));
    } catch (error) {
      mount(list, errorBox(error));
    }
  };
  const url = h('input', { name: 'url', type: 'url', required: true, maxlength: 2000, placeholder: 'https://ci.example.com/hooks/apiaudit', autocomplete: 'off' });
  const secret = h('input', { name: 'secret', required: true, minlength: 16, maxlength: 200, value: newSecret(), autocomplete: 'off', spellcheck: false, class: 'mono' });
  const form = actionForm(
    'stack-form',
    'Add webhook',
    async () => {
      await request('POST', `/v1/projects/${project.id}/webhooks`, { json: { url: url.value.trim(), secret: secret.value.trim() }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      const [added, used] = [url.value.trim(), secret.value.trim()];
      url.value = '';
      secret.value = newSecret();
      await refresh();
      return secretToCopy(`Added ${added}. Give its receiver this signing secret now; it is never shown again:`, used, 'Signing secret of the new webhook');
    },
    field('URL', url, 'Each audit of this project that ends is POSTed here as JSON, regressions first.'),
    field('Signing secret', secret, '16 to 200 characters; one is generated for you. Deliveries carry X-Apiaudit-Signature: t=<unix time>,v1=<HMAC-SHA256 of "t.body">.'),
  );
  form.setAttribute('aria-label', 'Add a webhook');
  void refresh();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'webhooks' },
    h('h2', { id: 'webhooks' }, 'Outbound webhooks'),
    h('p', null, 'Told when each audit of this project ends, with its comparison. A delivery that fails is retried with growing pauses; every attempt is logged.'),
    list,
    h('h3', null, 'Add a webhook'),
    form,
  );
}

function webhookItem(project: Project, hook: Webhook, deliveries: WebhookDelivery[], refresh: () => Promise<void>): HTMLElement {
  const message = h('div', { class: 'message', 'aria-live': 'polite' });
  const remove = h('button', { type: 'button', 'aria-label': `Remove the webhook to ${hook.url}` }, 'Remove');
  const form = h('form', { class: 'inline-actions' }, remove, message);
  form.addEventListener('submit', (event) => event.preventDefault());
  remove.addEventListener('click', () => {
    if (!confirm(`Remove the webhook to ${hook.url} and its delivery log?`)) return;
    void submitting(form, message, async () => {
      await request('DELETE', `/v1/projects/${project.id}/webhooks/${hook.id}`);
      await refresh();
    });
  });
  const refreshLog = h('button', { type: 'button', class: 'link', onClick: () => void refresh() }, 'Refresh');
  return h(
    'li',
    { class: 'webhook', 'data-testid': 'webhook' },
    h('div', { class: 'webhook-head' }, h('div', null, h('code', { class: 'url' }, hook.url), h('small', { class: 'muted block' }, `${hook.events.join(', ')} · added ${formatDate(hook.createdAt)}`)), form),
    h('details', { open: true }, h('summary', null, `Delivery log (${deliveries.length}${deliveries.length === 100 ? '+' : ''})`, ' '), deliveryLog(deliveries), refreshLog),
  );
}

const deliveryBadge = (status: WebhookDelivery['status']): HTMLElement => badge(status === 'delivered' ? 'st-succeeded' : status === 'failed' ? 'st-failed' : 'st-queued', status);

/** What the receiver answered an attempt: its HTTP status, or the network error when there was no answer. */
const answerOf = (attempt: WebhookDelivery['attempts'][number]): string => (attempt.status !== undefined ? `HTTP ${attempt.status}` : (attempt.error ?? 'no answer'));

/** The last attempt's answer; a delivery that got through after failures still says why the earlier ones failed. */
function lastAnswer(delivery: WebhookDelivery): Child {
  const last = delivery.attempts.at(-1);
  if (!last) return h('span', { class: 'muted' }, 'not tried yet');
  const failed = delivery.attempts.filter((a) => a !== last && (a.status === undefined || a.status >= 300)).at(-1);
  return [`${answerOf(last)} in ${last.ms} ms`, failed ? h('small', { class: 'muted block', 'data-testid': 'earlier-error' }, `Earlier: ${answerOf(failed)}`) : null];
}

function deliveryLog(deliveries: WebhookDelivery[]): HTMLElement {
  if (deliveries.length === 0) return h('p', { class: 'muted' }, 'Nothing sent yet: the first delivery follows the next audit that ends.');
  return h(
    'table',
    { class: 'list deliveries', 'data-testid': 'deliveries' },
    h('caption', { class: 'visually-hidden' }, 'Deliveries, newest first'),
    h('thead', null, h('tr', null, ...['Sent', 'Audit', 'Status', 'Attempts', 'Last answer'].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      null,
      ...deliveries.map((d) =>
        h(
          'tr',
          null,
          h('td', { 'data-label': 'Sent' }, formatDate(d.createdAt), h('small', { class: 'muted block' }, d.event)),
          h('td', { 'data-label': 'Audit' }, h('a', { href: `/app/audits/${d.auditId}` }, d.auditId.slice(0, 8))),
          h('td', { 'data-label': 'Status' }, deliveryBadge(d.status)),
          h('td', { 'data-label': 'Attempts', class: 'num' }, String(d.attempts.length)),
          h('td', { 'data-label': 'Last answer', class: 'wrap' }, lastAnswer(d)),
        ),
      ),
    ),
  );
}

/** GET /v1/projects/{id}/github-webhook-secret: whether pushes can re-audit the project, never the secret. */
interface GithubSecret {
  projectId: string;
  webhookUrl: string;
  setAt: string;
}

/** The consultant's GitHub push webhook card: what to set on GitHub, and the project's secret (set, rotated, removed). */
export async function githubSection(project: Project): Promise<HTMLElement> {
  const url = `/v1/projects/${project.id}/github-webhook-secret`;
  let current: GithubSecret | null = null;
  try {
    current = await get<GithubSecret>(url);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  const payloadUrl = new URL(current?.webhookUrl ?? '/v1/webhooks/github', location.origin).toString();
  const state = h('p', { 'data-testid': 'github-secret-state' });
  const secret = h('input', { name: 'secret', required: true, minlength: 16, maxlength: 200, value: newSecret(), autocomplete: 'off', spellcheck: false, class: 'mono' });
  const remove = h('button', { type: 'button' }, 'Remove secret');
  const form = actionForm(
    'stack-form',
    'Set secret',
    async () => {
      current = (await request<GithubSecret>('PUT', url, { json: { secret: secret.value.trim() } })).body;
      show();
      const used = secret.value.trim();
      secret.value = newSecret();
      return secretToCopy("Secret set. Paste it into the GitHub webhook's Secret field now; it is never shown again:", used, 'GitHub webhook secret to copy');
    },
    field('Secret', secret, '16 to 200 characters; a new one is generated for you. Setting another rotates it: pushes signed with the old one are refused.'),
  );
  form.setAttribute('aria-label', 'GitHub webhook secret');
  const message = form.querySelector<HTMLElement>('.message')!;
  form.insertBefore(remove, message);
  remove.addEventListener('click', () =>
    void submitting(form, message, async () => {
      await request('DELETE', url);
      current = null;
      show();
      return 'Secret removed: pushes no longer re-audit this project.';
    }),
  );
  const submit = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
  const show = () => {
    state.textContent = current ? `A secret is set since ${formatDate(current.setAt)}: pushes re-audit this project.` : 'No secret yet: pushes do not re-audit this project.';
    submit.textContent = current ? 'Rotate secret' : 'Set secret';
    remove.hidden = !current;
  };
  show();
  const copy = h('button', { type: 'button', class: 'link', onClick: () => void navigator.clipboard?.writeText(payloadUrl).then(() => (copy.textContent = 'Copied')) }, 'Copy');
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'github' },
    h('h2', { id: 'github' }, 'GitHub push webhook'),
    h('p', null, "A push to the branch a GitHub repository source of this project reads re-audits it. On GitHub, in the repository's Settings → Webhooks → Add webhook:"),
    h(
      'dl',
      { class: 'setup' },
      h('dt', null, 'Payload URL'),
      h('dd', null, h('code', { 'data-testid': 'github-payload-url' }, payloadUrl), ' ', copy),
      h('dt', null, 'Content type'),
      h('dd', null, h('code', null, 'application/json')),
      h('dt', null, 'Events'),
      h('dd', null, 'Just the push event'),
      h('dt', null, 'Secret'),
      h('dd', null, 'the one set here'),
    ),
    state,
    form,
  );
}
