// The contract between OpenAPI ingest and everything that reads specs (rules, diff, code-scan, pipeline).
// Ingest implements it; consumers depend on these types only. Extend, do not break.

export type OasVersion = '2.0' | '3.0' | '3.1';
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A node's address: the file it lives in (relative to the spec root folder) and its JSON pointer there. */
export interface NodeRef {
  file: string;
  pointer: string;
}

/** A node's address plus where it starts in the text (1-based line and column). */
export interface SourceLocation extends NodeRef {
  line: number;
  column: number;
}

/** A defect of the input that is not fatal: it becomes a finding (rule id `spec-<code>`), never a crash. */
export interface IngestProblem {
  code: 'ref-unresolved' | 'ref-remote' | 'ref-file-missing' | 'ref-not-json' | 'empty-path-item' | 'duplicate-key';
  message: string;
  at: NodeRef;
}

/** A value reached through zero or more `$ref`s, with the address of where it really lives. */
export interface Resolved<T = JsonValue> {
  value: T;
  at: NodeRef;
  /** The `$ref` strings followed to get here, outermost first. */
  via: string[];
}

/** The whole loaded description: every file it reaches, unchanged, plus lazy location lookup. */
export interface SpecDocument {
  version: OasVersion;
  /** The raw `openapi` / `swagger` string, e.g. "3.0.2". */
  versionString: string;
  /** Entry file, relative to `rootDir`. */
  entryFile: string;
  rootDir: string;
  /** The entry file's content as plain data. */
  root: JsonObject;
  problems: IngestProblem[];
  /** Total bytes read across all files. */
  bytes: number;
  /** Plain data of any loaded file (relative name), or undefined. */
  file(name: string): JsonValue | undefined;
  /** Follows `$ref`s from `value` (found at `at`) until a non-ref node; undefined when a ref is broken. */
  deref<T = JsonValue>(value: JsonValue | undefined, at: NodeRef): Resolved<T> | undefined;
  /** Line and column of a node; computed lazily (only findings pay for it). */
  locate(at: NodeRef): SourceLocation;
  /**
   * The node's pointer in the description read as one document (the entry file with external `$ref`s in place),
   * so it does not change when the spec is split into files, merged, renamed or converted between YAML and JSON.
   * A node several refs reach takes the shortest such pointer (`/components/schemas/Pet` over the place of an
   * operation's response), ties broken by code-unit order, so it does not depend on key order either. A node no
   * ref chain from the entry reaches keeps `file#pointer`.
   */
  logicalPointer(at: NodeRef): string;
}

export interface ParameterView {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie' | 'formData';
  required: boolean;
  deprecated: boolean;
  /** Resolved schema (OAS 2 non-body parameters are turned into a schema); undefined when absent. */
  schema?: Resolved<JsonObject>;
  value: JsonObject;
  at: NodeRef;
}

export interface MediaTypeView {
  mediaType: string;
  schema?: Resolved<JsonObject>;
  examples: Array<{ value: JsonValue; at: NodeRef }>;
  at: NodeRef;
}

export interface RequestBodyView {
  required: boolean;
  content: MediaTypeView[];
  at: NodeRef;
}

export interface HeaderView {
  name: string;
  required: boolean;
  schema?: Resolved<JsonObject>;
  value: JsonObject;
  at: NodeRef;
}

export interface ResponseView {
  /** "200", "4XX", "default". */
  status: string;
  description?: string;
  headers: HeaderView[];
  content: MediaTypeView[];
  at: NodeRef;
}

export type SecurityRequirement = Record<string, string[]>;

export interface SecuritySchemeView {
  name: string;
  /** OAS 3 types; OAS 2 `basic` becomes http/basic, `apiKey` stays, `oauth2` stays. */
  type: 'apiKey' | 'http' | 'oauth2' | 'openIdConnect' | 'mutualTLS';
  in?: 'query' | 'header' | 'cookie';
  scheme?: string;
  /** Every scope any flow declares. */
  scopes: string[];
  value: JsonObject;
  at: NodeRef;
}

/**
 * One operation in a version-neutral shape: OAS 2 body/formData parameters become `requestBody`,
 * response schemas become `content`, path-level parameters are merged in (operation wins).
 */
export interface OperationView {
  method: HttpMethod;
  path: string;
  operationId?: string;
  summary?: string;
  tags: string[];
  deprecated: boolean;
  parameters: ParameterView[];
  requestBody?: RequestBodyView;
  responses: ResponseView[];
  /** Effective security: the operation's own, else the document's; [] means explicitly none. */
  security: SecurityRequirement[];
  /** True when `security` came from the operation itself. */
  securityIsOwn: boolean;
  /** `x-*` keys of the operation. */
  extensions: Record<string, JsonValue>;
  value: JsonObject;
  at: NodeRef;
  /** Address of the path item that holds it. */
  pathItemAt: NodeRef;
}

/** The normalized view rules and diff read. Built once per document. */
export interface ApiModel {
  doc: SpecDocument;
  operations: OperationView[];
  /** Server URLs (OAS 2: scheme + host + basePath). */
  servers: Array<{ url: string; at: NodeRef }>;
  securitySchemes: SecuritySchemeView[];
  /** Named schemas: components/schemas (3.x) or definitions (2.0). */
  schemas: Array<{ name: string; value: JsonObject; at: NodeRef }>;
  globalSecurity: SecurityRequirement[] | undefined;
}

/** Raised for input that is not a usable OpenAPI description; carries where the problem is. */
export class SpecInputError extends Error {
  constructor(
    message: string,
    readonly location?: { file: string; line?: number; column?: number },
  ) {
    super(location ? `${location.file}${location.line ? `:${location.line}:${location.column ?? 1}` : ''}: ${message}` : message);
    this.name = 'SpecInputError';
  }
}

export interface LoadOptions {
  /** Largest total input accepted, in bytes. Default 64 MiB. */
  maxBytes?: number;
}
