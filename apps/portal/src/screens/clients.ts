import { get, getAll, post, type Client, type Project } from '../api';
import { h, mount } from '../dom';
import { navigate, type Screen } from '../router';
import { canManage } from '../state';
import { actionForm, field, formatDate, select, title } from '../ui';

export async function renderClients({ main, user }: Screen): Promise<void> {
  const clients = await getAll<Client>('/v1/clients');
  const list = clients.length
    ? h('ul', { class: 'cards' }, ...clients.map((c) => h('li', null, h('a', { href: `/app/clients/${c.id}` }, c.name), h('small', { class: 'muted' }, `since ${formatDate(c.createdAt)}`))))
    : h('p', { class: 'muted' }, 'No clients yet.');
  let create: HTMLElement | null = null;
  if (canManage(user)) {
    const name = h('input', { type: 'text', name: 'name', required: true, maxlength: 200 });
    const form = actionForm(
      'inline-form',
      'Create client',
      async () => {
        const client = await post<Client>('/v1/clients', { name: name.value.trim() }, { 'Idempotency-Key': crypto.randomUUID() });
        navigate(`/app/clients/${client.id}`);
      },
      field('Client name', name),
    );
    create = h('section', { class: 'card', 'aria-labelledby': 'new-client' }, h('h2', { id: 'new-client' }, 'New client'), form);
  }
  mount(main, title('Clients'), create, h('section', { 'aria-label': 'All clients' }, list));
}

export async function renderClient({ main, user, params }: Screen): Promise<void> {
  const client = await get<Client>(`/v1/clients/${params.clientId}`);
  const projects = await getAll<Project>(`/v1/clients/${client.id}/projects`);
  const list = projects.length
    ? h('ul', { class: 'cards' }, ...projects.map((p) => h('li', null, h('a', { href: `/app/projects/${p.id}` }, p.name), h('small', { class: 'muted' }, `since ${formatDate(p.createdAt)}`))))
    : h('p', { class: 'muted' }, 'No projects yet.');
  const sections: HTMLElement[] = [h('section', { 'aria-labelledby': 'projects' }, h('h2', { id: 'projects' }, 'Projects'), list)];
  if (canManage(user)) sections.unshift(newProjectForm(client));
  if (user?.role === 'consultant' || user?.role === 'client-admin') sections.push(inviteForm(client, user.role));
  mount(main, title(client.name, user?.role === 'consultant' ? h('a', { href: '/app/clients', class: 'back' }, '← All clients') : null), ...sections);
}

function newProjectForm(client: Client): HTMLElement {
  const name = h('input', { type: 'text', name: 'name', required: true, maxlength: 200 });
  const form = actionForm(
    'inline-form',
    'Create project',
    async () => {
      const project = await post<Project>(`/v1/clients/${client.id}/projects`, { name: name.value.trim() }, { 'Idempotency-Key': crypto.randomUUID() });
      navigate(`/app/projects/${project.id}`);
    },
    field('Project name', name),
  );
  return h('section', { class: 'card', 'aria-labelledby': 'new-project' }, h('h2', { id: 'new-project' }, 'New project'), form);
}

function inviteForm(client: Client, role: string): HTMLElement {
  const email = h('input', { type: 'email', name: 'email', required: true, autocomplete: 'off' });
  // A client admin invites viewers of their own client; a consultant either role.
  const roles: Array<[string, string]> = role === 'consultant' ? [['client-admin', 'Client admin (can change statuses)'], ['client-viewer', 'Viewer (read and comment)']] : [['client-viewer', 'Viewer (read and comment)']];
  const roleSelect = select('role', roles, roles[0]![0]);
  const form = actionForm(
    'inline-form',
    'Invite',
    async () => {
      const invitation = await post<{ token: string; url: string; expiresAt: string }>(`/v1/clients/${client.id}/invitations`, { email: email.value.trim(), role: roleSelect.value });
      const url = new URL(invitation.url, location.origin).toString();
      const output = h('input', { type: 'text', readonly: true, value: url, class: 'invitation-url', 'aria-label': 'Invitation link' });
      const copy = h('button', { type: 'button', onClick: () => void navigator.clipboard?.writeText(url).then(() => (copy.textContent = 'Copied')) }, 'Copy link');
      return h('span', { class: 'invitation' }, `Send this link to ${email.value.trim()} (valid until ${new Date(invitation.expiresAt).toLocaleString()}):`, output, copy);
    },
    field('Email', email),
    field('Role', roleSelect),
  );
  return h('section', { class: 'card', 'aria-labelledby': 'invite' }, h('h2', { id: 'invite' }, `Invite someone from ${client.name}`), form);
}
