import type { EndpointRef } from './finding';

export type InventorySource = 'spec' | 'code' | 'trace';

/**
 * How an endpoint drifts between spec, code and traffic: undocumented (in code or traffic, not in the spec),
 * zombie (in the spec, not in the code), shadow (in traffic, in neither), unused (in spec and code, no traffic).
 */
export type DriftStatus = 'undocumented' | 'zombie' | 'shadow' | 'unused';

/** One endpoint as the audit knows it, merged across spec, code and traffic. */
export interface Endpoint extends EndpointRef {
  operationId?: string;
  service?: string;
  /** Where this endpoint was seen; drift is an endpoint missing from one of these. */
  seenIn: InventorySource[];
  deprecated?: boolean;
  /** Set when the endpoint is missing from a source where it should be; absent when spec, code and traffic agree. */
  drift?: DriftStatus;
  /** Traffic figures when traces were given. */
  traffic?: { requests: number; errorRate: number; p50Ms: number; p95Ms: number; p99Ms: number };
}

export function endpointKey(endpoint: EndpointRef): string {
  return `${endpoint.method.toUpperCase()} ${endpoint.path}`;
}
