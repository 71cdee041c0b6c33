import type { EndpointRef } from '@apiaudit/domain';
import type { ApiModel, JsonObject, NodeRef, OperationView, ParameterView, ResponseView } from '@apiaudit/openapi';
import { joinPointer } from '@apiaudit/openapi';
import type { Change, DiffOptions } from './change';
import { DIFF_CHECKS, phrase, type DiffCheckId } from './diff-checks';
import { diffSchemas, type Direction } from './diff-schemas';

const DAY_MS = 86_400_000;

/** Operations match by method and path shape: `/a/{id}` and `/a/{slug}` are the same operation. */
function operationKey(op: OperationView): string {
  return `${op.method} ${op.path.replace(/\{[^}]*\}/g, '{}')}`;
}

function typeOf(p: ParameterView): string | undefined {
  const t = p.schema?.value.type;
  return typeof t === 'string' ? t : undefined;
}

function sunsetOf(op: OperationView): Date | undefined {
  const raw = op.extensions['x-sunset'];
  if (typeof raw !== 'string') return undefined;
  const date = new Date(raw);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function pickJson<T extends { mediaType: string }>(list: T[]): T | undefined {
  return list.find((m) => /json/.test(m.mediaType)) ?? list[0];
}

/** Every change from `base` to `revision`, each with its check id, level, operation, locations and a sentence. */
export function diffSpecs(base: ApiModel, revision: ApiModel, options: DiffOptions): Change[] {
  const minDays = options.minDeprecationDays ?? 90;
  const changes: Change[] = [];
  const add = (checkId: DiffCheckId, op: OperationView | null, values: Record<string, string | number>, at: { base?: NodeRef; revision?: NodeRef }) => {
    const opText = op ? `${op.method.toUpperCase()} ${op.path}` : '';
    changes.push({
      checkId,
      level: DIFF_CHECKS[checkId].level,
      operation: op ? ({ method: op.method.toUpperCase(), path: op.path } satisfies EndpointRef) : null,
      ...(at.base ? { base: base.doc.locate(at.base) } : {}),
      ...(at.revision ? { revision: revision.doc.locate(at.revision) } : {}),
      message: phrase(checkId, { op: opText, ...values }),
    });
  };

  const schemaCache = new Map<string, ReturnType<typeof diffSchemas>>();
  const revisionOps = new Map(revision.operations.map((op) => [operationKey(op), op]));
  const baseOps = new Map(base.operations.map((op) => [operationKey(op), op]));

  for (const [key, before] of baseOps) {
    const after = revisionOps.get(key);
    if (!after) {
      const sunset = sunsetOf(before);
      if (!before.deprecated) add('operation-removed', before, {}, { base: before.at });
      else if (sunset && sunset.getTime() > options.now.getTime()) add('operation-removed-before-sunset', before, { sunset: sunset.toISOString().slice(0, 10) }, { base: before.at });
      else if (sunset) add('operation-removed-deprecated', before, { sunset: sunset.toISOString().slice(0, 10) }, { base: before.at });
      else add('operation-removed-too-soon', before, { days: minDays }, { base: before.at });
      continue;
    }
    diffOperation(before, after);
  }
  for (const [key, after] of revisionOps) if (!baseOps.has(key)) add('operation-added', after, {}, { revision: after.at });

  const baseUrls = base.servers.map((s) => s.url);
  const revisionUrls = revision.servers.map((s) => s.url);
  base.servers.forEach((server, i) => {
    if (revisionUrls.includes(server.url)) return;
    const replacement = revision.servers[i];
    if (replacement && !baseUrls.includes(replacement.url)) add('server-url-changed', null, { from: server.url, to: replacement.url }, { base: server.at, revision: replacement.at });
    else add('server-removed', null, { from: server.url }, { base: server.at });
  });
  return changes;

  function diffOperation(before: OperationView, after: OperationView): void {
    if (before.operationId && after.operationId && before.operationId !== after.operationId) {
      add('operation-id-changed', after, { from: before.operationId, to: after.operationId }, { base: before.at, revision: after.at });
    }
    if (!before.deprecated && after.deprecated) {
      const sunset = sunsetOf(after);
      const daysLeft = sunset ? Math.round((sunset.getTime() - options.now.getTime()) / DAY_MS) : undefined;
      const sunsetText = sunset ? ` with sunset ${sunset.toISOString().slice(0, 10)} (${daysLeft} days${daysLeft !== undefined && daysLeft < minDays ? `, shorter than the ${minDays}-day policy` : ''})` : ' without a sunset date';
      add('operation-deprecated', after, { sunsetText }, { revision: after.at });
    }
    diffParameters(before, after);
    diffRequestBody(before, after);
    diffResponses(before, after);
    diffSecurity(before, after);
  }

  function diffParameters(before: OperationView, after: OperationView): void {
    const beforePath = before.parameters.filter((p) => p.in === 'path');
    const afterPath = after.parameters.filter((p) => p.in === 'path');
    const names = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const beforeNames = names(before.path);
    const afterNames = names(after.path);
    beforeNames.forEach((name, i) => {
      if (afterNames[i] && afterNames[i] !== name) add('path-parameter-renamed', after, { from: name, to: afterNames[i] }, { base: before.pathItemAt, revision: after.pathItemAt });
    });
    const byKey = (list: ParameterView[]) => new Map(list.filter((p) => p.in !== 'path').map((p) => [`${p.in}:${p.name.toLowerCase()}`, p]));
    const b = byKey(before.parameters);
    const a = byKey(after.parameters);
    const byName = (list: ParameterView[], name: string) => list.find((p) => p.in !== 'path' && p.name.toLowerCase() === name.toLowerCase());
    for (const [key, p] of a) {
      if (b.has(key)) continue;
      const moved = byName(before.parameters, p.name);
      if (moved && !a.has(`${moved.in}:${moved.name.toLowerCase()}`)) {
        add('request-parameter-moved', after, { name: p.name, from: moved.in, to: p.in }, { base: moved.at, revision: p.at });
        continue;
      }
      add(p.required ? 'request-parameter-added-required' : 'request-parameter-added-optional', after, { in: p.in, name: p.name }, { revision: p.at });
    }
    for (const [key, p] of b) {
      const next = a.get(key);
      if (!next) {
        const moved = byName(after.parameters, p.name);
        if (!moved) add('request-parameter-removed', after, { in: p.in, name: p.name }, { base: p.at });
        continue;
      }
      comparePair(p, next);
    }
    beforePath.forEach((p, i) => {
      const next = afterPath.find((q) => q.name === p.name) ?? afterPath[i];
      if (next) comparePair(p, next);
    });

    function comparePair(p: ParameterView, next: ParameterView): void {
      const values = { in: p.in, name: p.name };
      if (!p.required && next.required) add('request-parameter-became-required', after, values, { base: p.at, revision: next.at });
      if (p.required && !next.required && p.in !== 'path') add('request-parameter-became-optional', after, values, { base: p.at, revision: next.at });
      const t1 = typeOf(p);
      const t2 = typeOf(next);
      if (t1 && t2 && t1 !== t2 && !(t1 === 'integer' && t2 === 'number')) add('request-parameter-type-changed', after, { ...values, from: t1, to: t2 }, { base: p.at, revision: next.at });
      const e1 = p.schema?.value.enum;
      const e2 = next.schema?.value.enum;
      if (Array.isArray(e2)) {
        const allowed = new Set(e2.map((v) => JSON.stringify(v)));
        for (const v of Array.isArray(e1) ? e1 : []) if (!allowed.has(JSON.stringify(v))) add('request-parameter-enum-value-removed', after, { ...values, value: JSON.stringify(v) }, { base: p.at, revision: next.at });
      }
      const s1 = p.schema?.value;
      const s2 = next.schema?.value;
      const min1 = s1?.minimum;
      const min2 = s2?.minimum;
      if (typeof min2 === 'number' && (typeof min1 !== 'number' || min2 > min1)) add('request-parameter-min-increased', after, { ...values, from: typeof min1 === 'number' ? min1 : 'none', to: min2 }, { base: p.at, revision: next.at });
      if (typeof s2?.pattern === 'string' && s2.pattern !== s1?.pattern) add('request-parameter-pattern-changed', after, { ...values, from: String(s1?.pattern ?? 'none'), to: s2.pattern }, { base: p.at, revision: next.at });
      if (typeof s1?.format === 'string' && typeof s2?.format === 'string' && s1.format !== s2.format) add('request-parameter-format-changed', after, { ...values, from: s1.format, to: s2.format }, { base: p.at, revision: next.at });
      if (s1?.default !== undefined && s2?.default !== undefined && JSON.stringify(s1.default) !== JSON.stringify(s2.default)) {
        add('request-parameter-default-changed', after, { ...values, from: JSON.stringify(s1.default), to: JSON.stringify(s2.default) }, { base: p.at, revision: next.at });
      }
      const m1 = p.schema?.value.maximum;
      const m2 = next.schema?.value.maximum;
      if (typeof m2 === 'number' && (typeof m1 !== 'number' || m2 < m1)) add('request-parameter-max-decreased', after, { ...values, from: typeof m1 === 'number' ? m1 : 'none', to: m2 }, { base: p.at, revision: next.at });
    }
  }

  function diffRequestBody(before: OperationView, after: OperationView): void {
    const b = before.requestBody;
    const a = after.requestBody;
    if (!a) return;
    if (!b) {
      if (a.required) add('request-body-added-required', after, {}, { revision: a.at });
      return;
    }
    if (!b.required && a.required) add('request-body-became-required', after, {}, { base: b.at, revision: a.at });
    const afterTypes = new Set(a.content.map((c) => c.mediaType));
    for (const media of b.content) if (!afterTypes.has(media.mediaType)) add('request-media-type-removed', after, { mediaType: media.mediaType }, { base: media.at });
    const beforeTypes = new Set(b.content.map((c) => c.mediaType));
    for (const media of a.content) if (!beforeTypes.has(media.mediaType)) add('request-media-type-added', after, { mediaType: media.mediaType }, { revision: media.at });
    const mb = pickJson(b.content.filter((c) => afterTypes.has(c.mediaType)));
    const ma = mb && a.content.find((c) => c.mediaType === mb.mediaType);
    if (mb?.schema && ma?.schema) schemaChanges(after, 'request', mb.schema, ma.schema, '');
  }

  function diffResponses(before: OperationView, after: OperationView): void {
    const a = new Map(after.responses.map((r) => [r.status, r]));
    const b = new Map(before.responses.map((r) => [r.status, r]));
    for (const [status, r] of b) {
      const next = a.get(status);
      if (!next) {
        if (/^2/.test(status)) add('response-success-status-removed', after, { status }, { base: r.at });
        continue;
      }
      compareResponse(r, next);
    }
    for (const [status, r] of a) if (!b.has(status)) add('response-status-added', after, { status }, { revision: r.at });

    function compareResponse(r: ResponseView, next: ResponseView): void {
      const types = new Set(next.content.map((c) => c.mediaType));
      for (const media of r.content) if (!types.has(media.mediaType)) add('response-media-type-removed', after, { status: r.status, mediaType: media.mediaType }, { base: media.at });
      const beforeTypes = new Set(r.content.map((c) => c.mediaType));
      for (const media of next.content) if (!beforeTypes.has(media.mediaType)) add('response-media-type-added', after, { status: r.status, mediaType: media.mediaType }, { revision: media.at });
      const headers = new Set(next.headers.map((h) => h.name.toLowerCase()));
      for (const h of r.headers) if (!headers.has(h.name.toLowerCase())) add('response-header-removed', after, { status: r.status, name: h.name }, { base: h.at });
      const mb = pickJson(r.content.filter((c) => types.has(c.mediaType)));
      const ma = mb && next.content.find((c) => c.mediaType === mb.mediaType);
      if (mb?.schema && ma?.schema) schemaChanges(after, 'response', mb.schema, ma.schema, r.status);
    }
  }

  function schemaChanges(op: OperationView, direction: Direction, b: { value: JsonObject; at: NodeRef }, a: { value: JsonObject; at: NodeRef }, status: string): void {
    // Many operations return the same component: compare each pair of schemas once and report it per operation.
    const key = `${direction}|${b.at.file}#${b.at.pointer}|${a.at.file}#${a.at.pointer}`;
    let differences = schemaCache.get(key);
    if (!differences) {
      differences = diffSchemas({ doc: base.doc, schema: b.value, at: b.at }, { doc: revision.doc, schema: a.value, at: a.at }, direction);
      schemaCache.set(key, differences);
    }
    for (const d of differences) {
      add(d.checkId, op, { ...d.values, path: d.path, status }, { ...(d.base ? { base: d.base } : {}), ...(d.revision ? { revision: d.revision } : {}) });
    }
  }

  function diffSecurity(before: OperationView, after: OperationView): void {
    const schemes = (op: OperationView) => {
      const map = new Map<string, Set<string>>();
      for (const req of op.security) for (const [name, scopes] of Object.entries(req)) map.set(name, new Set(Array.isArray(scopes) ? scopes : []));
      return map;
    };
    const b = schemes(before);
    const a = schemes(after);
    const at = { file: after.at.file, pointer: after.securityIsOwn ? joinPointer(after.at.pointer, 'security') : '/security' };
    const openBefore = before.security.length === 0 || before.security.some((r) => Object.keys(r).length === 0);
    const openAfter = after.security.length === 0 || after.security.some((r) => Object.keys(r).length === 0);
    if (openBefore && !openAfter) add('security-requirement-added', after, { scheme: [...a.keys()].join(' or ') }, { revision: at });
    if (!openBefore && openAfter) add('security-requirement-removed', after, { scheme: [...b.keys()].join(' or ') }, { revision: at });
    for (const [name, scopes] of a) {
      const previous = b.get(name);
      if (!previous) continue;
      for (const scope of scopes) if (!previous.has(scope)) add('security-scope-added', after, { scheme: name, scope }, { revision: at });
    }
  }
}
