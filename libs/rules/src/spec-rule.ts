import { createFinding, NO_FINDINGS_TARGET, type EndpointRef, type Evidence, type Finding, type Rule, type RuleMeta } from '@apiaudit/domain';
import type { ApiModel, HttpMethod, MediaTypeView, NodeRef, OperationView, ResponseView } from '@apiaudit/openapi';
import { refOf, type Place } from './lazy-place';

/** A spec design rule: metadata as data, and a check over the model that only reports. */
export type SpecRule = Rule<ApiModel>;

/** A spec rule; its fix is proven when it stops reporting, unless its metadata names another target. */
export function defineRule(meta: Omit<RuleMeta, 'source'>, check: SpecRule['check']): SpecRule {
  return { meta: { target: NO_FINDINGS_TARGET, ...meta, source: 'spec' }, check };
}

// One string per method: findings list thousands of affected endpoints, and toUpperCase() makes a new one each call.
const UPPER_METHOD: Record<HttpMethod, string> = { get: 'GET', put: 'PUT', post: 'POST', delete: 'DELETE', options: 'OPTIONS', head: 'HEAD', patch: 'PATCH', trace: 'TRACE' };

export function endpointOf(op: OperationView): EndpointRef {
  return { method: UPPER_METHOD[op.method] ?? op.method.toUpperCase(), path: op.path };
}

export function specEvidence(model: ApiModel, at: NodeRef, note?: string): Evidence {
  const { file, line, column, pointer } = model.doc.locate(at);
  const logicalPointer = file === model.doc.entryFile ? pointer : model.doc.logicalPointer(at);
  return { kind: 'spec', file, line, column, pointer, ...(logicalPointer !== pointer ? { logicalPointer } : {}), ...(note ? { note } : {}) };
}

// Evidence lists stay readable: a root cause touching 300 operations shows the first few places.
const MAX_EVIDENCE = 5;

/** One finding per operation. */
export function perOperation(meta: RuleMeta, model: ApiModel, op: OperationView, message: string, at: NodeRef = op.at, note?: string): Finding {
  return createFinding(meta, { message, endpoint: endpointOf(op), evidence: [specEvidence(model, at, note)] });
}

/**
 * One finding for a cause shared by many operations (a convention not followed, a shared schema): it lists
 * every affected endpoint, so the plan counts reach without the report repeating itself.
 */
export function grouped(
  meta: RuleMeta,
  model: ApiModel,
  /** `at` may be a lazy place and `note` a function: only the hits shown as evidence are located and described. */
  hits: readonly Hit[],
  message: (count: number) => string,
  key?: string,
): Finding[] {
  if (hits.length === 0) return [];
  const affected: EndpointRef[] = [];
  let single: OperationView | undefined;
  for (let i = 0; i < hits.length; i++) {
    const op = hits[i].op;
    if (op) {
      affected.push(endpointOf(op));
      single = op;
    }
  }
  if (affected.length !== 1 || hits.length !== 1) single = undefined;
  const evidence: Evidence[] = [];
  for (let i = 0; i < hits.length && i < MAX_EVIDENCE; i++) {
    const h = hits[i];
    const note = typeof h.note === 'function' ? h.note() : h.note;
    evidence.push(specEvidence(model, typeof h.at === 'function' ? h.at() : refOf(h.at), note ?? (h.op ? `${h.op.method.toUpperCase()} ${h.op.path}` : undefined)));
  }
  return [
    createFinding(meta, {
      message: message(hits.length),
      endpoint: single ? endpointOf(single) : null,
      evidence,
      affected,
      // One cause, whichever operations show it first: adding, removing or reordering them keeps the finding.
      subject: 'grouped',
      ...(key ? { key } : {}),
    }),
  ];
}

/**
 * Findings about operations' request bodies: operations whose body is a shared component (reached through a
 * `$ref`) share one root cause and get one finding listing them all; the others get one finding each.
 */
export function perRequestBodySchema(
  meta: RuleMeta,
  model: ApiModel,
  ops: OperationView[],
  message: { single: (op: OperationView) => string; shared: (count: number, component: string) => string },
): Finding[] {
  const findings: Finding[] = [];
  const byComponent = new Map<string, { at: NodeRef; ops: OperationView[] }>();
  for (const op of ops) {
    const shared = op.requestBody?.content.find((c) => c.schema && c.schema.via.length > 0)?.schema;
    if (!shared) {
      findings.push(perOperation(meta, model, op, message.single(op), op.requestBody?.at ?? op.at));
      continue;
    }
    const key = model.doc.logicalPointer(shared.at);
    const group = byComponent.get(key);
    if (group) group.ops.push(op);
    else byComponent.set(key, { at: shared.at, ops: [op] });
  }
  for (const [key, { at, ops: sharing }] of byComponent) {
    const component = at.pointer.split('/').pop() ?? at.pointer;
    const hits = [{ at, note: 'shared schema' }, ...sharing.map((op) => ({ op, at: op.requestBody!.at }))];
    findings.push(...grouped(meta, model, hits, () => message.shared(sharing.length, component), key));
  }
  return findings;
}

/** Whether a path ends in a collection: a plural-looking literal segment (`/orders`), not `/status` or `/{id}`. */
export function endsInCollection(path: string): boolean {
  const last = path.replace(/\/+$/, '').split('/').pop() ?? '';
  return !last.startsWith('{') && /[a-z]s$/i.test(last) && !/(ss|us|is)$/i.test(last);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

const describeResponse = (r: ResponseView, op: OperationView): string => `${op.method.toUpperCase()} ${op.path} ${r.status}`;

/** A response as a hit for grouped(): its note is a getter, written only when the hit is shown (no closure per hit). */
class ResponseHit implements Hit {
  constructor(
    readonly op: OperationView,
    private readonly response: ResponseView,
    private readonly describe: (response: ResponseView, op: OperationView) => string,
  ) {}

  get at(): NodeRef {
    return this.response.at;
  }

  get note(): string {
    return this.describe(this.response, this.op);
  }
}

/**
 * Responses of every operation for which `matches` holds, as hits for grouped(), each located at its response.
 * A plain loop (it runs over every response, several rules call it); notes are written only for the hits shown.
 */
export function responseHits(
  model: ApiModel,
  matches: (response: ResponseView, op: OperationView) => boolean,
  note: (response: ResponseView, op: OperationView) => string = describeResponse,
): Hit[] {
  const hits: Hit[] = [];
  const operations = model.operations;
  for (let i = 0; i < operations.length; i++) {
    const op = operations[i];
    const responses = op.responses;
    for (let j = 0; j < responses.length; j++) {
      const r = responses[j];
      if (matches(r, op)) hits.push(new ResponseHit(op, r, note));
    }
  }
  return hits;
}

/**
 * The class of a response status, its first digit as a number: 4 for `404` and `4XX`. Reads one char code (no regex,
 * no substring) because rules ask it of every response; `default` gives a number outside 1 to 5.
 */
export function statusClass(status: string): number {
  return status.charCodeAt(0) - 48; // '0'
}

/** `/^[45]/.test(status)`: 4xx and 5xx codes and ranges. */
export function isErrorStatus(status: string): boolean {
  const c = statusClass(status);
  return c === 4 || c === 5;
}

/** `/^2/.test(status)`: 2xx codes and the 2XX range. */
export function isSuccessStatus(status: string): boolean {
  return statusClass(status) === 2;
}

/** Whether any media type of a body declares a schema. */
export function hasSchema(content: readonly MediaTypeView[]): boolean {
  for (let i = 0; i < content.length; i++) if (content[i].schema) return true;
  return false;
}

/** What grouped() takes per affected place; `at` and `note` may be deferred until the hit is shown. */
export interface Hit {
  op?: OperationView;
  /** A NodeRef, a place whose pointer is joined when shown, or a function that locates it then. */
  at: NodeRef | Place | (() => NodeRef);
  note?: string | (() => string);
}
