import { get, getAll, request, type Audit, type Client, type Project } from '../api';
import { h, mount } from '../dom';
import { navigate, type Screen } from '../router';
import { canManage } from '../state';
import { trendChart } from '../trend-view';
import { githubSection, reauditSection, scheduleSummary, webhooksSection } from './reaudits';
import { describeError, errorBox, field, formatDate, select, statusBadge, title, triggerText } from '../ui';

export async function renderProject({ main, user, params }: Screen): Promise<void> {
  const project = await get<Project>(`/v1/projects/${params.projectId}`);
  const manage = canManage(user);
  const [client, audits, reaudits, github] = await Promise.all([
    get<Client>(`/v1/clients/${project.clientId}`),
    getAll<Audit>(`/v1/projects/${project.id}/audits`),
    manage ? reauditSection(project) : scheduleSummary(project),
    manage ? githubSection(project) : null,
  ]);
  const results = [
    h('section', { class: 'card', 'aria-labelledby': 'trend' }, h('h2', { id: 'trend' }, 'Score trend'), trendChart(audits)),
    h('section', { 'aria-labelledby': 'audits' }, h('h2', { id: 'audits' }, 'Audits'), auditTable(audits)),
  ];
  // Consultants: what they do to the project, its results, then the integrations. The client's users: their
  // results, then when the next re-audit comes.
  const sections = manage ? [uploadSection(project), startSection(project), reaudits, ...results, webhooksSection(project), github] : [...results, reaudits];
  mount(main, title(project.name, h('a', { href: `/app/clients/${client.id}`, class: 'back' }, `← ${client.name}`)), ...sections);
}

function auditTable(audits: Audit[]): HTMLElement {
  if (audits.length === 0) return h('p', { class: 'muted' }, 'No audit yet.');
  const sorted = [...audits].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return h(
    'table',
    { class: 'list' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Started'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Score'), h('th', { scope: 'col' }, 'Findings'))),
    h(
      'tbody',
      null,
      ...sorted.map((a) =>
        h(
          'tr',
          null,
          h('td', { 'data-label': 'Started' }, h('a', { href: `/app/audits/${a.id}` }, formatDate(a.createdAt)), a.triggeredBy ? h('small', { class: 'muted block' }, triggerText(a)) : null),
          h('td', { 'data-label': 'Status' }, statusBadge(a.status), a.status === 'running' ? ` ${a.progress.step} ${a.progress.percent}%` : ''),
          h('td', { 'data-label': 'Score' }, a.scores ? String(a.scores.overall) : '–'),
          h('td', { 'data-label': 'Findings' }, a.scores ? String(Object.values(a.scores.counts).reduce((x, y) => x + y, 0)) : '–'),
        ),
      ),
    ),
  );
}

/** What an upload is, from the user's choice or else the file's name. */
export function guessKind(name: string): 'spec' | 'traces' {
  return /otlp|trace|jaeger|zipkin|\.jsonl$|\.pb$|\.ndjson$/i.test(name) ? 'traces' : 'spec';
}

type UploadKind = 'spec' | 'traces' | 'repository';

function mediaTypeOf(name: string, kind: UploadKind): string {
  if (kind === 'traces') return /\.gz$/i.test(name) ? 'application/gzip' : 'application/x-ndjson';
  if (/\.ya?ml$/i.test(name)) return 'application/yaml';
  if (/\.json$/i.test(name)) return 'application/json';
  if (/\.zip$/i.test(name)) return 'application/zip';
  if (/\.(tgz|tar\.gz|gz)$/i.test(name)) return 'application/gzip';
  return 'application/octet-stream';
}

function uploadSection(project: Project): HTMLElement {
  const input = h('input', { type: 'file', name: 'file', multiple: true, accept: '.yaml,.yml,.json,.jsonl,.ndjson,.zip,.gz,.tgz,.pb' });
  // An archive is taken for a multi-file spec unless the user says it holds source code.
  const kind = select('kind', [['auto', 'Decide from the file name'], ['spec', 'OpenAPI spec'], ['traces', 'Trace export'], ['repository', 'Source code (zip or tar.gz)']], 'auto');
  const results = h('ul', { class: 'uploads', 'aria-live': 'polite' });
  const upload = async (files: File[]) => {
    for (const file of files) {
      const sourceKind = kind.value === 'auto' ? guessKind(file.name) : (kind.value as UploadKind);
      const row = h('li', null, `${file.name} (${sourceKind}): uploading…`);
      results.appendChild(row);
      try {
        const { body: source } = await request<{ kind: string; version: number; size?: number }>('POST', `/v1/projects/${project.id}/sources?kind=${sourceKind}&filename=${encodeURIComponent(file.name)}`, {
          body: file,
          headers: { 'Content-Type': mediaTypeOf(file.name, sourceKind), 'Idempotency-Key': crypto.randomUUID() },
        });
        // A repository's answer describes the unpacked tree, not the upload's bytes.
        mount(row, `${file.name}: stored as ${source.kind} version ${source.version}${source.size === undefined ? '' : ` (${source.size.toLocaleString()} bytes)`}`);
        row.className = 'ok';
      } catch (error) {
        mount(row, `${file.name}: ${describeError(error)}`);
        row.className = 'failed';
      }
    }
  };
  input.addEventListener('change', () => {
    void upload([...(input.files ?? [])]).then(() => (input.value = ''));
  });
  const zone = h(
    'div',
    { class: 'dropzone', 'data-testid': 'dropzone' },
    h('p', null, h('strong', null, 'Drop a spec, a trace export or source code here'), ' or choose files:'),
    field('Files', input, 'OpenAPI YAML/JSON or a zip/tar.gz of a multi-file spec; OTLP JSON/JSONL/protobuf, Jaeger or Zipkin traces; a zip/tar.gz of the service\'s code (kind: source code).'),
    field('Kind', kind),
  );
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    void upload([...(event.dataTransfer?.files ?? [])]);
  });
  return h('section', { class: 'card', 'aria-labelledby': 'upload' }, h('h2', { id: 'upload' }, 'Sources'), zone, results);
}

function startSection(project: Project): HTMLElement {
  const message = h('div', { class: 'message', 'aria-live': 'polite' });
  // One key per intent: a retried click after a lost answer does not start a second audit.
  let key = crypto.randomUUID();
  const button = h('button', { type: 'button', class: 'primary' }, 'Start audit');
  button.addEventListener('click', async () => {
    button.disabled = true;
    message.replaceChildren();
    try {
      const { body: audit } = await request<Audit>('POST', `/v1/projects/${project.id}/audits`, { json: {}, headers: { 'Idempotency-Key': key } });
      key = crypto.randomUUID();
      navigate(`/app/audits/${audit.id}`);
    } catch (error) {
      message.replaceChildren(errorBox(error));
      button.disabled = false;
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'run' }, h('h2', { id: 'run' }, 'Run'), h('p', null, 'Audits the newest spec and every trace export of this project.'), button, message);
}
