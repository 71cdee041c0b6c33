import { type RequestView, statementOf } from '../assemble/request-view';
import type { TraceNode } from '../assemble/trace-tree';
import { normaliseStatement } from '../attribute/normalise-statement';

/** Database calls of one request that share a statement shape. */
export interface StatementGroup {
  shape: string;
  calls: TraceNode[];
  failed: number;
  /**
   * Failures first, then at most one success that ends it (or a request that failed in the end): the same statement
   * tried again until it worked or gave up. Anything else (all failing in a request that succeeded, failures and
   * successes mixed) is one statement per item: N+1, whether or not the items fail.
   */
  isRetry: boolean;
}

const groupsByView = new WeakMap<RequestView, StatementGroup[]>();

/**
 * Shapes run at least twice in the request, computed once per request and shared by the N+1 and retry-storm
 * detectors, so one group of spans is either an N+1 or a retry, never both.
 */
export function repeatedStatements(view: RequestView): StatementGroup[] {
  let groups = groupsByView.get(view);
  if (groups) return groups;
  const byShape = new Map<string, TraceNode[]>();
  for (const call of view.dbCalls) {
    const shape = normaliseStatement(statementOf(call));
    const list = byShape.get(shape);
    if (list) list.push(call);
    else byShape.set(shape, [call]);
  }
  groups = [];
  for (const [shape, calls] of byShape) {
    if (calls.length < 2) continue;
    const failed = calls.filter((call) => call.span.isError).length;
    const leadingFailures = calls.findIndex((call) => !call.span.isError);
    const isRetry =
      failed > 0 &&
      ((leadingFailures === calls.length - 1 && failed === calls.length - 1) || (failed === calls.length && view.isError));
    groups.push({ shape, calls, failed, isRetry });
  }
  groupsByView.set(view, groups);
  return groups;
}
