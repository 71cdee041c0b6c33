// The portal's entry: who is signed in, the header, and which screen a URL shows.
import { ApiError, post, session, type User } from './api';
import { h, mount } from './dom';
import { listen, match, navigate, route, type Route } from './router';
import { renderAudit } from './screens/audit';
import { renderClient, renderClients } from './screens/clients';
import { renderFinding } from './screens/finding';
import { renderFindings } from './screens/findings';
import { renderInvitation, renderLogin } from './screens/login';
import { renderPlan } from './screens/plan';
import { renderProject } from './screens/project';
import { currentUser, leaving, signedIn } from './state';
import { errorBox, notFoundView } from './ui';

const routes: Route[] = [
  route('/app/login', renderLogin, { public: true }),
  route('/app/invitations/:token', renderInvitation, { public: true }),
  route('/app', ({ main, user }) => {
    mount(main);
    if (user?.clientId && user.role !== 'consultant') navigate(`/app/clients/${user.clientId}`, { replace: true });
    else navigate('/app/clients', { replace: true });
  }),
  route('/app/clients', renderClients),
  route('/app/clients/:clientId', renderClient),
  route('/app/projects/:projectId', renderProject),
  route('/app/audits/:auditId', renderAudit),
  route('/app/audits/:auditId/findings', renderFindings),
  route('/app/audits/:auditId/findings/:findingId', renderFinding),
  route('/app/audits/:auditId/plan', renderPlan),
];

function renderHeader(me: User | null): void {
  const top = document.getElementById('top')!;
  const signOut = async () => {
    try {
      await post('/v1/auth/logout');
    } finally {
      signedIn(null);
      navigate('/app/login');
    }
  };
  mount(
    top,
    h('a', { class: 'brand', href: '/app/' }, 'apiaudit'),
    me
      ? h(
          'nav',
          { 'aria-label': 'Account' },
          me.role === 'consultant' ? h('a', { href: '/app/clients' }, 'Clients') : me.clientId ? h('a', { href: `/app/clients/${me.clientId}` }, 'Projects') : null,
          h('span', { class: 'who' }, `${me.name || me.email} · ${me.role}`),
          h('button', { type: 'button', class: 'link', onClick: signOut }, 'Sign out'),
        )
      : null,
  );
}

let shown = 0;

async function show(): Promise<void> {
  // A screen may redirect while an earlier one is still loading: only the newest navigation draws.
  const current = ++shown;
  while (leaving.length) leaving.pop()!();
  const main = document.getElementById('main')!;
  const found = match(routes, location.pathname.replace(/\/+$/, '') || '/app');
  try {
    const me = await currentUser();
    if (current !== shown) return;
    renderHeader(me);
    if (!found) {
      mount(main, notFoundView('Page'));
      return;
    }
    if (!found.route.public && !me) {
      navigate(`/app/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
      return;
    }
    mount(main, h('p', { class: 'muted', role: 'status' }, 'Loading…'));
    // The screen draws off-page and is swapped in whole, unless the user went elsewhere meanwhile.
    const view = h('div', { class: 'view' });
    await found.route.render({ main: view, user: me, params: found.params, query: new URLSearchParams(location.search) });
    if (current !== shown) return;
    mount(main, view);
  } catch (error) {
    if (current !== shown) return;
    if (error instanceof ApiError && error.status === 404) mount(main, notFoundView('Page'));
    else if (!(error instanceof ApiError && error.status === 401)) mount(main, errorBox(error));
  }
  const heading = main.querySelector<HTMLElement>('h1');
  if (heading && document.activeElement === document.body) heading.focus();
}

session.onUnauthorized = () => {
  if (location.pathname.startsWith('/app/login') || location.pathname.startsWith('/app/invitations/')) return;
  signedIn(null);
  navigate(`/app/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
};

listen(() => void show());
void show();
