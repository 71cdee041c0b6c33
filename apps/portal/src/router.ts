// History-API routing under /app/: links stay real links (open in a new tab, copy), clicks are handled here.
import type { User } from './api';

export interface Screen {
  main: HTMLElement;
  user: User | null;
  params: Record<string, string>;
  query: URLSearchParams;
}

export type Render = (screen: Screen) => Promise<void> | void;

export interface Route {
  pattern: RegExp;
  keys: string[];
  render: Render;
  public?: boolean;
}

export function route(path: string, render: Render, options: { public?: boolean } = {}): Route {
  const keys: string[] = [];
  const source = path.replace(/:(\w+)/g, (_m, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  return { pattern: new RegExp(`^${source}/?$`), keys, render, ...options };
}

export function match(routes: Route[], pathname: string): { route: Route; params: Record<string, string> } | null {
  for (const candidate of routes) {
    const found = candidate.pattern.exec(pathname);
    if (found) return { route: candidate, params: Object.fromEntries(candidate.keys.map((key, i) => [key, decodeURIComponent(found[i + 1]!)])) };
  }
  return null;
}

let onNavigate: () => void = () => undefined;

export function listen(handler: () => void): void {
  onNavigate = handler;
  window.addEventListener('popstate', handler);
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (link.target || link.hasAttribute('download') || link.origin !== location.origin || !link.pathname.startsWith('/app/')) return;
    event.preventDefault();
    navigate(link.pathname + link.search);
  });
}

export function navigate(url: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  onNavigate();
}
