import type { EndpointRef } from './finding';

/**
 * What an audit's trace step needs of a spec version: its operations (method and path template, in the spec's order),
 * which name the requests in traces. The platform keeps one per stored spec version, made when the upload is
 * validated, so the trace step reads it instead of parsing the spec; the analyze step parses the spec once.
 */
export interface SpecOutline {
  operations: EndpointRef[];
}

/** Raise it when SpecOutline changes shape: an outline stored in another version is made again from the spec. */
export const SPEC_OUTLINE_SCHEMA_VERSION = 1;

export interface StoredSpecOutline extends SpecOutline {
  schemaVersion: typeof SPEC_OUTLINE_SCHEMA_VERSION;
}

export function storedSpecOutlineOf(outline: SpecOutline): StoredSpecOutline {
  return { schemaVersion: SPEC_OUTLINE_SCHEMA_VERSION, operations: outline.operations };
}

const isEndpointRef = (value: unknown): value is EndpointRef =>
  typeof value === 'object' && value !== null && typeof (value as EndpointRef).method === 'string' && typeof (value as EndpointRef).path === 'string';

/** A stored outline read back from JSON; undefined when there is none, it is of another version or malformed. */
export function parseStoredSpecOutline(json: unknown): SpecOutline | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const { schemaVersion, operations } = json as { schemaVersion?: unknown; operations?: unknown };
  if (schemaVersion !== SPEC_OUTLINE_SCHEMA_VERSION || !Array.isArray(operations) || !operations.every(isEndpointRef)) return undefined;
  return { operations: operations.map(({ method, path }) => ({ method, path })) };
}
