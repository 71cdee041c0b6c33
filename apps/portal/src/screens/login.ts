import { post, type User } from '../api';
import { h, mount } from '../dom';
import { signedIn } from '../state';
import { navigate, type Screen } from '../router';
import { actionForm, field, title } from '../ui';

/** Only paths inside the portal are followed after sign-in, never another site. */
const safeNext = (next: string | null) => (next && next.startsWith('/app/') && !next.startsWith('/app/login') ? next : '/app/');

export function renderLogin({ main, query }: Screen): void {
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const form = actionForm(
    'card narrow',
    'Sign in',
    async () => {
      const { user } = await post<{ user: User }>('/v1/auth/login', { email: email.value.trim(), password: password.value });
      signedIn(user);
      navigate(safeNext(query.get('next')), { replace: true });
    },
    field('Email', email),
    field('Password', password),
  );
  mount(main, title('Sign in'), form);
}

export function renderInvitation({ main, params }: Screen): void {
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'name', required: true, maxlength: 200 });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'new-password', required: true, minlength: 12 });
  const confirm = h('input', { type: 'password', name: 'confirm', autocomplete: 'new-password', required: true, minlength: 12 });
  const form = actionForm(
    'card narrow',
    'Create account',
    async () => {
      if (password.value !== confirm.value) throw new Error('The two passwords differ.');
      const { user } = await post<{ user: User }>(`/v1/invitations/${encodeURIComponent(params.token!)}/accept`, { name: name.value.trim(), password: password.value });
      signedIn(user);
      navigate('/app/', { replace: true });
    },
    h('p', null, 'You were invited to see your API audit. Choose your name and a password to create your account.'),
    field('Your name', name),
    field('Password', password, 'At least 12 characters.'),
    field('Repeat the password', confirm),
  );
  mount(main, title('Accept invitation'), form);
}
