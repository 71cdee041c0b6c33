import type { EndpointRef } from './finding';

export type InventorySource = 'spec' | 'code' | 'trace';

/** One endpoint as the audit knows it, merged across spec, code and traffic. */
export interface Endpoint extends EndpointRef {
  operationId?: string;
  service?: string;
  /** Where this endpoint was seen; drift is an endpoint missing from one of these. */
  seenIn: InventorySource[];
  deprecated?: boolean;
  /** Traffic figures when traces were given. */
  traffic?: { requests: number; errorRate: number; p50Ms: number; p95Ms: number; p99Ms: number };
}

export function endpointKey(endpoint: EndpointRef): string {
  return `${endpoint.method.toUpperCase()} ${endpoint.path}`;
}
