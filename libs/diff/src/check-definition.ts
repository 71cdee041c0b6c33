import type { ApiModel, NodeRef, OperationView } from '@apiaudit/openapi';
import type { DiffOptions } from './change';
import type { SchemaMemo } from './checks/schema-checks';

export type { CheckDefinition } from './change';

export interface Locations {
  base?: NodeRef;
  revision?: NodeRef;
}

/**
 * What every family of checks needs: both versions, the options, and a way to record a change. `Id` is the
 * family's own check ids, so a family can only record checks it defines (and the registry never has to be
 * imported by the checks it registers).
 */
export interface DiffContext<Id extends string = string> {
  base: ApiModel;
  revision: ApiModel;
  options: Required<DiffOptions>;
  /** Differences under each pair of schema nodes, shared by every comparison of this diff. */
  schemaMemo: SchemaMemo;
  add(checkId: Id, op: OperationView | null, values: Record<string, string | number>, at: Locations): void;
}
