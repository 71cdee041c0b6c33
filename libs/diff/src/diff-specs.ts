import type { ApiModel, OperationView } from '@apiaudit/openapi';
import type { Change, DiffOptions } from './change';
import { diffDocument } from './checks/document-checks';
import { diffOperationLifecycle, diffRemovedOperation } from './checks/operation-checks';
import { diffParameters } from './checks/parameter-checks';
import { diffRequestBody } from './checks/request-body-checks';
import { diffResponses } from './checks/response-checks';
import { diffOperationSecurity, diffSecuritySchemes } from './checks/security-checks';
import { createDiffContext } from './diff-context';
import { unchangedOperations } from './unchanged-operations';

/** Operations match by method and path shape: `/a/{id}` and `/a/{slug}` are the same operation. */
function operationKey(op: OperationView): string {
  return `${op.method} ${op.path.replace(/\{[^}]*\}/g, '{}')}`;
}

/** Every change from `base` to `revision`, each with its check id, level, operation, locations and a sentence. */
export function diffSpecs(base: ApiModel, revision: ApiModel, options: DiffOptions): Change[] {
  const changes: Change[] = [];
  const ctx = createDiffContext(base, revision, options, changes);
  const revisionOps = new Map(revision.operations.map((op) => [operationKey(op), op]));
  const baseOps = new Map(base.operations.map((op) => [operationKey(op), op]));
  const unchanged = options.exhaustive ? () => false : unchangedOperations(base, revision);
  for (const [key, before] of baseOps) {
    const after = revisionOps.get(key);
    if (!after) {
      diffRemovedOperation(ctx, before);
      continue;
    }
    if (unchanged(before, after)) continue;
    diffOperationLifecycle(ctx, before, after);
    diffParameters(ctx, before, after);
    diffRequestBody(ctx, before, after);
    diffResponses(ctx, before, after);
    diffOperationSecurity(ctx, before, after);
  }
  for (const [key, after] of revisionOps) if (!baseOps.has(key)) ctx.add('operation-added', after, {}, { revision: after.at });
  diffSecuritySchemes(ctx, base, revision);
  diffDocument(ctx, base, revision);
  return changes;
}
