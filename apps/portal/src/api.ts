// The portal's only way to the server: same-origin fetch with the session cookie, problem+json turned into errors.

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  [key: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
  get status(): number {
    return this.problem.status;
  }
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: 'consultant' | 'client-admin' | 'client-viewer';
  clientId: string | null;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface Client {
  id: string;
  name: string;
  createdAt?: string;
}

export interface Project {
  id: string;
  clientId: string;
  name: string;
  createdAt?: string;
}

export interface AuditProgress {
  step: string;
  percent: number;
}

export interface Audit {
  id: string;
  projectId: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: AuditProgress;
  /** Set while the audit is unfinished and no worker is alive to run it. */
  waitingFor?: 'worker';
  error: string | null;
  subject: string | null;
  scores: { overall: number; byCategory: Record<string, number>; counts: Record<string, number> } | null;
  createdAt: string;
  finishedAt: string | null;
  inventory?: Array<{ method: string; path: string }> | null;
  /** Each source as the audit took it (libs/domain's AuditSourceReport); null until its ingest step ran. */
  sources?: Array<{ kind: 'spec' | 'traces' | 'repository'; status: 'read' | 'missing' | 'failed'; sourceId?: string; version?: number; label?: string; detail?: string }> | null;
  /** What started a re-audit (a schedule, someone's request, a push); null for a plain audit. */
  triggeredBy?: AuditTrigger | null;
}

// Shapes of libs/domain (AuditTrigger, AuditSchedule, ComparedFinding, TargetValidation) as the API sends them; the
// portal's tsconfig has no Node types, and libs/domain's index brings node:crypto along.
export type AuditTrigger =
  | { kind: 'manual'; userId: string }
  | { kind: 'schedule'; firedAt: string }
  | { kind: 'github'; delivery: string; repository: string; ref: string; commit: string | null };

export interface ComparedFinding {
  /** Absent from comparisons stored before findings were linked by id. */
  id?: string;
  ruleId: string;
  fingerprint: string;
  endpoint: { method: string; path: string } | null;
  severity: string;
  title: string;
  message?: string;
}

export interface TargetValidation {
  item: { rank: number; ruleId: string; title: string; endpoints: Array<{ method: string; path: string }> };
  metric: string;
  before: number | null;
  after: number | null;
  target: { metric: string; comparator: '<' | '<=' | '==' | '>=' | '>'; value: number; unit?: string };
  /** Null when the new audit did not measure it. */
  met: boolean | null;
  note: string;
}

type Delta = { before: number | null; after: number; delta: number | null };

/** GET /v1/audits/{id}/comparison: what changed since the baseline (null baseline: the project's first audit). */
export interface Comparison {
  auditId: string;
  baselineAuditId: string | null;
  regressed: ComparedFinding[];
  new: ComparedFinding[];
  resolved: ComparedFinding[];
  open: ComparedFinding[];
  scores: Delta & { byCategory: Record<string, Delta> };
  validation: TargetValidation[];
}

/** GET /v1/projects/{id}/schedule. */
export type Schedule = ({ cron: string; timezone: string } | { everyDays: number }) & { projectId: string; nextRunAt: string | null; createdAt: string; updatedAt: string };

export interface Webhook {
  id: string;
  projectId: string;
  url: string;
  events: string[];
  createdAt: string;
}

export interface WebhookDelivery {
  id: string;
  webhookId: string;
  auditId: string;
  event: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: Array<{ at: string; status?: number; error?: string; ms: number }>;
  createdAt: string;
  finishedAt: string | null;
}

export interface Evidence {
  kind: 'spec' | 'code' | 'trace';
  file?: string;
  line?: number;
  pointer?: string;
  traceId?: string;
  spanId?: string;
  note?: string;
}

export interface Finding {
  id: string;
  fingerprint: string;
  ruleId: string;
  category: string;
  severity: string;
  title: string;
  message: string;
  endpoint: { method: string; path: string } | null;
  evidence: Evidence[];
  status?: string;
  reason?: string | null;
  assignee?: Person | null;
  etag?: string;
  commentCount?: number;
  history?: Array<{ from: string; to: string; reason: string | null; actor: Person | null; at: string }>;
  metrics?: Record<string, number> | null;
  owasp?: string | null;
}

export interface Person {
  id: string;
  email: string;
  name: string;
}

export interface Comment {
  id: string;
  body: string;
  author: Person | null;
  createdAt: string;
}

export interface ApiResponse<T> {
  body: T;
  etag: string | null;
}

/** Set by the app: what to do when the server says the session is gone. */
export const session = { onUnauthorized: (): void => undefined };

export async function request<T>(method: string, path: string, options: { json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body = options.body;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError({ status: 0, title: 'Network error', detail: 'The server could not be reached. Check your connection and try again.' });
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text && /json/.test(res.headers.get('content-type') ?? '')) parsed = JSON.parse(text);
  if (!res.ok) {
    const problem = (parsed as Problem | undefined) ?? { status: res.status, title: res.statusText || `HTTP ${res.status}` };
    // A sign-in attempt or the who-am-I probe answer 401 as a matter of course; elsewhere it means the session ended.
    if (res.status === 401 && !path.startsWith('/v1/auth/')) session.onUnauthorized();
    throw new ApiError({ ...problem, status: res.status });
  }
  return { body: parsed as T, etag: res.headers.get('etag') };
}

export const get = async <T>(path: string): Promise<T> => (await request<T>('GET', path)).body;
export const post = async <T>(path: string, json?: unknown, headers?: Record<string, string>): Promise<T> =>
  (await request<T>('POST', path, { json: json ?? {}, ...(headers ? { headers } : {}) })).body;

/** Every page of a cursor-paginated listing, up to `max` items. */
export async function getAll<T>(path: string, max = 500): Promise<T[]> {
  const items: T[] = [];
  for (let next: string | null = path; next && items.length < max; ) {
    const page: Page<T> = await get<Page<T>>(next);
    items.push(...page.items);
    next = page.next;
  }
  return items;
}

export const q = (params: Record<string, string | number | undefined | null>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};
