import type { Finding } from './finding';
import { isSeverity } from './severity';

// What a code scan hands over: libs/code-scan computes it, the platform stores one per repository commit, and the
// audit pipeline reads it instead of the tree. Shapes and the stored form's check only; the logic stays in libs/code-scan.

/** The frameworks whose routes we read. */
export const FRAMEWORKS = ['express', 'koa', 'fastify', 'nestjs', 'fastapi', 'flask', 'django', 'spring', 'gin', 'echo', 'chi', 'net/http'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export interface CodeEndpoint {
  method: string;
  /** OpenAPI path template: `:id`, `<int:id>`, `{id:[0-9]+}` all become `{id}`; prefixes applied. */
  path: string;
  /** The handler (or, when the handler is elsewhere, the route declaration): file relative to the scanned root and 1-based line. */
  file: string;
  line: number;
  framework: Framework;
  /** The handler's name where it is a named function or method (`getArticles`, `ctrl.get`, `ArticleApi.getArticle`). */
  handler?: string;
}

/** A file left out of a scan, and why. */
export interface SkippedFile {
  path: string;
  reason: string;
}

export interface CodeScan {
  endpoints: CodeEndpoint[];
  findings: Finding[];
  files: number;
  /** Files left out of the scan, with the reason (only when there are any). */
  skipped?: SkippedFile[];
}

/**
 * The version of the stored form of a code scan. Raise it when CodeScan changes shape: a scan stored in another
 * version is not read back, the repository is scanned again.
 */
export const CODE_SCAN_SCHEMA_VERSION = 1;

/** A code scan as the platform stores it. */
export interface StoredCodeScan extends CodeScan {
  schemaVersion: typeof CODE_SCAN_SCHEMA_VERSION;
}

export function storedCodeScanOf(scan: CodeScan): StoredCodeScan {
  return { schemaVersion: CODE_SCAN_SCHEMA_VERSION, ...scan };
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isOptional = (value: unknown, test: (v: unknown) => boolean) => value === undefined || test(value);
const isEndpointRef = (value: unknown) => isObject(value) && isString(value['method']) && isString(value['path']);
const isEvidence = (value: unknown) => isObject(value) && (value['kind'] === 'spec' || value['kind'] === 'code' || value['kind'] === 'trace');

function isCodeEndpoint(value: unknown): boolean {
  return (
    isObject(value) &&
    isString(value['method']) &&
    isString(value['path']) &&
    isString(value['file']) &&
    isCount(value['line']) &&
    (FRAMEWORKS as readonly unknown[]).includes(value['framework']) &&
    isOptional(value['handler'], isString)
  );
}

/** The fields every reader of a finding relies on; the rest (metrics, excerpts) are shown as they are. */
function isFinding(value: unknown): boolean {
  return (
    isObject(value) &&
    ['id', 'fingerprint', 'ruleId', 'category', 'title', 'message'].every((key) => isString(value[key])) &&
    isSeverity(value['severity']) &&
    (value['endpoint'] === null || isEndpointRef(value['endpoint'])) &&
    (value['service'] === null || isString(value['service'])) &&
    Array.isArray(value['evidence']) &&
    value['evidence'].every(isEvidence) &&
    isOptional(value['affected'], (a) => Array.isArray(a) && a.every(isEndpointRef))
  );
}

const isSkippedFile = (value: unknown) => isObject(value) && isString(value['path']) && isString(value['reason']);

/**
 * A stored code scan read back from JSON: the scan when it is of this schema version and well formed, else
 * undefined (a scan stored before versions, by another version, or damaged), so its repository is scanned again
 * rather than trusted.
 */
export function parseStoredCodeScan(json: unknown): CodeScan | undefined {
  if (!isObject(json) || json['schemaVersion'] !== CODE_SCAN_SCHEMA_VERSION) return undefined;
  const { endpoints, findings, files, skipped } = json;
  if (!Array.isArray(endpoints) || !endpoints.every(isCodeEndpoint)) return undefined;
  if (!Array.isArray(findings) || !findings.every(isFinding)) return undefined;
  if (!isCount(files) || !isOptional(skipped, (s) => Array.isArray(s) && s.every(isSkippedFile))) return undefined;
  return { endpoints: endpoints as CodeEndpoint[], findings: findings as Finding[], files, ...(skipped ? { skipped: skipped as SkippedFile[] } : {}) };
}
