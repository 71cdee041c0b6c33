import type { EndpointRef } from '@apiaudit/domain';
import type { ApiModel, NodeRef, OperationView } from '@apiaudit/openapi';
import type { Change, DiffOptions } from './change';
import type { SchemaMemo } from './checks/schema-checks';
import { DIFF_CHECKS, phrase, type DiffCheckId } from './diff-checks';

export interface Locations {
  base?: NodeRef;
  revision?: NodeRef;
}

/** What every family of checks needs: both versions, the options, and a way to record a change. */
export interface DiffContext {
  base: ApiModel;
  revision: ApiModel;
  options: Required<DiffOptions>;
  /** Differences under each pair of schema nodes, shared by every comparison of this diff. */
  schemaMemo: SchemaMemo;
  add(checkId: DiffCheckId, op: OperationView | null, values: Record<string, string | number>, at: Locations): void;
}

export function createDiffContext(base: ApiModel, revision: ApiModel, options: DiffOptions, changes: Change[]): DiffContext {
  return {
    base,
    revision,
    options: { minDeprecationDays: 90, exhaustive: false, ...options },
    schemaMemo: new Map(),
    add(checkId, op, values, at) {
      const opText = op ? `${op.method.toUpperCase()} ${op.path}` : '';
      changes.push({
        checkId,
        level: DIFF_CHECKS[checkId].level,
        operation: op ? ({ method: op.method.toUpperCase(), path: op.path } satisfies EndpointRef) : null,
        ...(at.base ? { base: base.doc.locate(at.base) } : {}),
        ...(at.revision ? { revision: revision.doc.locate(at.revision) } : {}),
        message: phrase(checkId, { op: opText, ...values }),
      });
    },
  };
}
