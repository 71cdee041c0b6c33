import type { Endpoint, InventorySource } from '@apiaudit/domain';
import { templateKey } from './drift';

export interface InventoryEntry {
  method: string;
  path: string;
  source: InventorySource;
  operationId?: string;
  service?: string;
  deprecated?: boolean;
  traffic?: Endpoint['traffic'];
}

/**
 * Merges what spec, code and traffic say about endpoints into one list. Entries match by method and path
 * template (parameter names ignored); the spec's spelling of a path wins, then code's, then traffic's.
 */
export function buildInventory(entries: InventoryEntry[]): Endpoint[] {
  const rank: Record<InventorySource, number> = { spec: 0, code: 1, trace: 2 };
  const sorted = [...entries].sort((a, b) => rank[a.source] - rank[b.source]);
  const byKey = new Map<string, Endpoint>();
  for (const entry of sorted) {
    const key = templateKey(entry.method, entry.path);
    let endpoint = byKey.get(key);
    if (!endpoint) {
      endpoint = { method: entry.method.toUpperCase(), path: entry.path, seenIn: [] };
      byKey.set(key, endpoint);
    }
    if (!endpoint.seenIn.includes(entry.source)) endpoint.seenIn.push(entry.source);
    if (entry.operationId && !endpoint.operationId) endpoint.operationId = entry.operationId;
    if (entry.service && !endpoint.service) endpoint.service = entry.service;
    if (entry.deprecated) endpoint.deprecated = true;
    if (entry.traffic) endpoint.traffic = entry.traffic;
  }
  return [...byKey.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
