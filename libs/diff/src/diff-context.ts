import type { EndpointRef } from '@apiaudit/domain';
import type { ApiModel } from '@apiaudit/openapi';
import type { Change, DiffOptions } from './change';
import type { DiffContext } from './check-definition';
import { DIFF_CHECKS, phrase, type DiffCheckId } from './diff-checks';

export function createDiffContext(base: ApiModel, revision: ApiModel, options: DiffOptions, changes: Change[]): DiffContext<DiffCheckId> {
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
