import type { ApiModel, JsonObject } from '@apiaudit/openapi';
import { joinPointer } from '@apiaudit/openapi';
import type { CheckDefinition } from '../change';
import type { DiffContext } from '../check-definition';

export const DOCUMENT_CHECKS = {
  'server-url-changed': { level: 'potentially-breaking', title: 'Server URL changed', message: 'Server {from} is now {to}.' },
  'server-base-path-changed': { level: 'breaking', title: 'Base path changed', message: 'Every operation moved from {from} to {to}; clients with the old base URL get 404.' },
  'server-removed': { level: 'breaking', title: 'Server removed', message: 'Server {from} is no longer listed.' },
  'server-added': { level: 'non-breaking', title: 'Server added', message: 'Server {to} is now listed.' },
  'server-variable-default-changed': { level: 'potentially-breaking', title: 'Server variable default changed', message: 'Server {url}: variable {name} now defaults to {to} instead of {from}.' },
  'server-variable-enum-value-removed': { level: 'breaking', title: 'Server variable value removed', message: 'Server {url}: variable {name} no longer allows {value}.' },
  'api-version-changed': { level: 'info', title: 'API version changed', message: 'info.version changed from {from} to {to}.' },
  'openapi-version-changed': { level: 'info', title: 'OpenAPI version changed', message: 'The description moved from {from} to {to}; tooling that generates clients may need updating.' },
  'webhook-removed': { level: 'breaking', title: 'Webhook removed', message: 'Webhook {name} is no longer sent; subscribers stop receiving it.' },
  'webhook-added': { level: 'non-breaking', title: 'Webhook added', message: 'Webhook {name} is new.' },
} satisfies Record<string, CheckDefinition>;

type Ctx = DiffContext<keyof typeof DOCUMENT_CHECKS>;

function pathOf(url: string): string {
  const match = /^(?:[a-z][a-z0-9+.-]*:)?\/\/[^/]*(\/.*)?$/i.exec(url);
  const path = match ? (match[1] ?? '/') : url;
  return path.replace(/\/+$/, '') || '/';
}

function objectAt(root: unknown, key: string): JsonObject {
  const value = (root as JsonObject | undefined)?.[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}

const versionOf = (model: ApiModel) => {
  const root = model.doc.root as JsonObject;
  return typeof root.openapi === 'string' ? `OpenAPI ${root.openapi}` : `Swagger ${String(root.swagger)}`;
};

// `https://api.example.com/v1/` and `https://api.example.com/v1` reach the same operations.
const sameServer = (url: string) => url.replace(/\/+$/, '');

export function diffDocument(ctx: Ctx, base: ApiModel, revision: ApiModel): void {
  const baseUrls = base.servers.map((s) => sameServer(s.url));
  const revisionUrls = revision.servers.map((s) => sameServer(s.url));
  base.servers.forEach((server, i) => {
    if (revisionUrls.includes(sameServer(server.url))) return;
    const replacement = revision.servers[i];
    if (!replacement || baseUrls.includes(sameServer(replacement.url))) {
      ctx.add('server-removed', null, { from: server.url }, { base: server.at });
      return;
    }
    const at = { base: server.at, revision: replacement.at };
    if (pathOf(server.url) !== pathOf(replacement.url)) ctx.add('server-base-path-changed', null, { from: pathOf(server.url), to: pathOf(replacement.url) }, at);
    else ctx.add('server-url-changed', null, { from: server.url, to: replacement.url }, at);
  });
  revision.servers.forEach((server, i) => {
    if (!baseUrls.includes(sameServer(server.url)) && i >= base.servers.length) ctx.add('server-added', null, { to: server.url }, { revision: server.at });
  });
  diffServerVariables(ctx, base, revision);

  const [info1, info2] = [objectAt(base.doc.root, 'info'), objectAt(revision.doc.root, 'info')];
  if (typeof info1.version === 'string' && typeof info2.version === 'string' && info1.version !== info2.version) {
    ctx.add('api-version-changed', null, { from: info1.version, to: info2.version }, { base: { file: base.doc.entryFile, pointer: '/info/version' }, revision: { file: revision.doc.entryFile, pointer: '/info/version' } });
  }
  const [v1, v2] = [versionOf(base), versionOf(revision)];
  if (v1.split('.').slice(0, 2).join('.') !== v2.split('.').slice(0, 2).join('.')) ctx.add('openapi-version-changed', null, { from: v1, to: v2 }, { revision: { file: revision.doc.entryFile, pointer: '' } });

  const [hooks1, hooks2] = [objectAt(base.doc.root, 'webhooks'), objectAt(revision.doc.root, 'webhooks')];
  for (const name of Object.keys(hooks1)) if (!(name in hooks2)) ctx.add('webhook-removed', null, { name }, { base: { file: base.doc.entryFile, pointer: joinPointer('', 'webhooks', name) } });
  for (const name of Object.keys(hooks2)) if (!(name in hooks1)) ctx.add('webhook-added', null, { name }, { revision: { file: revision.doc.entryFile, pointer: joinPointer('', 'webhooks', name) } });
}

function diffServerVariables(ctx: Ctx, base: ApiModel, revision: ApiModel): void {
  const servers = (model: ApiModel) => (Array.isArray((model.doc.root as JsonObject).servers) ? ((model.doc.root as JsonObject).servers as JsonObject[]) : []);
  const after = new Map(servers(revision).map((s, i) => [String(s.url), { server: s, i }]));
  servers(base).forEach((server, i) => {
    const match = after.get(String(server.url));
    if (!match) return;
    const [vars1, vars2] = [objectAt(server, 'variables'), objectAt(match.server, 'variables')];
    for (const [name, raw] of Object.entries(vars1)) {
      const [v1, v2] = [raw as JsonObject, vars2[name] as JsonObject | undefined];
      if (!v2) continue;
      const at = {
        base: { file: base.doc.entryFile, pointer: joinPointer('', 'servers', i, 'variables', name) },
        revision: { file: revision.doc.entryFile, pointer: joinPointer('', 'servers', match.i, 'variables', name) },
      };
      const values = { url: String(server.url), name };
      if (v1.default !== undefined && v2.default !== undefined && v1.default !== v2.default) ctx.add('server-variable-default-changed', null, { ...values, from: String(v1.default), to: String(v2.default) }, at);
      if (Array.isArray(v1.enum) && Array.isArray(v2.enum)) for (const value of v1.enum) if (!v2.enum.includes(value)) ctx.add('server-variable-enum-value-removed', null, { ...values, value: String(value) }, at);
    }
  });
}
