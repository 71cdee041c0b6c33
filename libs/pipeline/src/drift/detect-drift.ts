import { createFinding, type DriftStatus, type Finding, type RuleMeta } from '@apiaudit/domain';
import { alignToSpec } from './align-prefix';
import { meta as shadow } from './drift-shadow-endpoint';
import { meta as undocumented } from './drift-undocumented-endpoint';
import { meta as unused } from './drift-unused-endpoint';
import { meta as zombie } from './drift-zombie-endpoint';
import { templateKey, type ObservedEndpoint } from './observed-endpoint';

export interface DriftInputs {
  spec: ObservedEndpoint[];
  /** Endpoints routed in code; absent when no repository was audited (then nothing can be a zombie or shadow). */
  code?: ObservedEndpoint[];
  /** Endpoints seen in traffic; absent when no traces were given (then nothing can be unused). */
  traffic?: ObservedEndpoint[];
}

export interface DriftResult {
  findings: Finding[];
  /** Drift of each endpoint, by `templateKey` of its spec-aligned method and path. */
  statuses: Map<string, DriftStatus>;
  /** Puts a code path into the spec's spelling (`/api/articles` -> `/articles` when the spec has no `/api`). */
  alignCode: (path: string) => string;
  alignTraffic: (path: string) => string;
}

interface Seen {
  method: string;
  path: string;
  spec?: ObservedEndpoint;
  code?: ObservedEndpoint;
  traffic?: ObservedEndpoint;
}

const METAS: Record<DriftStatus, RuleMeta> = { undocumented, zombie, shadow, unused };

function message(status: DriftStatus, seen: Seen): string {
  const name = `${seen.method} ${seen.path}`;
  switch (status) {
    case 'undocumented':
      return seen.code ? `${name} is routed in code${seen.traffic ? ` and served ${seen.traffic.requests ?? 0} requests` : ''} but no spec describes it.` : `${name} served ${seen.traffic?.requests ?? 0} requests but no spec describes it.`;
    case 'shadow':
      return `${name} served ${seen.traffic?.requests ?? 0} requests${seen.traffic?.service ? ` (service ${seen.traffic.service})` : ''}, but neither the spec nor the audited code declares it.`;
    case 'zombie':
      return `${name} is documented but no route in the audited code serves it.`;
    case 'unused':
      return `${name} is documented${seen.code ? ' and routed in code' : ''} but received no request in the traces.`;
  }
}

/**
 * One inventory keyed by method and path template across spec, code and traffic, and its drift: undocumented
 * (in code or traffic, not in the spec), zombie (in the spec, not in the code), shadow (in traffic, in neither),
 * unused (in the spec and the code, never called). Code and traffic paths are first aligned to the spec's
 * prefix, and a code route for ANY method stands for every method the spec lists on its path.
 */
export function detectDrift(inputs: DriftInputs): DriftResult {
  const alignCode = inputs.code ? alignToSpec(inputs.spec, inputs.code) : (p: string) => p;
  const alignTraffic = inputs.traffic ? alignToSpec(inputs.spec, inputs.traffic) : (p: string) => p;
  const seen = new Map<string, Seen>();
  const specMethods = new Map<string, string[]>();
  const record = (method: string, path: string, source: 'spec' | 'code' | 'traffic', endpoint: ObservedEndpoint) => {
    const key = templateKey(method, path);
    const entry = seen.get(key) ?? { method: method.toUpperCase(), path };
    if (!entry[source]) entry[source] = endpoint;
    seen.set(key, entry);
  };
  for (const e of inputs.spec) {
    record(e.method, e.path, 'spec', e);
    const pathKey = templateKey('X', e.path);
    specMethods.set(pathKey, [...(specMethods.get(pathKey) ?? []), e.method.toUpperCase()]);
  }
  for (const e of inputs.code ?? []) {
    const path = alignCode(e.path);
    const methods = e.method === 'ANY' ? (specMethods.get(templateKey('X', path)) ?? ['ANY']) : [e.method];
    for (const method of methods) record(method, path, 'code', { ...e, method, path });
  }
  for (const e of inputs.traffic ?? []) record(e.method, alignTraffic(e.path), 'traffic', e);

  const statuses = new Map<string, DriftStatus>();
  const findings: Finding[] = [];
  const hasSpec = inputs.spec.length > 0;
  const hasCode = !!inputs.code?.length;
  const hasTraffic = !!inputs.traffic?.length;
  for (const [key, entry] of seen) {
    let status: DriftStatus | undefined;
    if (hasSpec && !entry.spec && entry.code) status = 'undocumented';
    else if (hasSpec && !entry.spec && entry.traffic) status = hasCode ? 'shadow' : 'undocumented';
    else if (entry.spec && hasCode && !entry.code) status = 'zombie';
    else if (entry.spec && hasTraffic && !entry.traffic) status = 'unused';
    if (!status) continue;
    statuses.set(key, status);
    const evidence = [entry.code, entry.traffic, entry.spec].flatMap((e) => e?.evidence ?? []);
    const requests = entry.traffic?.requests;
    findings.push(
      createFinding(METAS[status], {
        message: message(status, entry),
        endpoint: { method: entry.method, path: entry.path },
        service: entry.traffic?.service ?? null,
        evidence: status === 'zombie' || status === 'unused' ? (entry.spec?.evidence ?? []) : evidence,
        ...(requests !== undefined && status !== 'unused' && status !== 'zombie' ? { metrics: { requests } } : {}),
      }),
    );
  }
  return { findings, statuses, alignCode, alignTraffic };
}
