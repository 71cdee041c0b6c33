/** Resources a request (or a fix) consumes; priced by the cost model. */
export interface Usage {
  requests: number;
  /** CPU-bound time in the service, from span self time. */
  computeUs: number;
  dbQueries: number;
  dbTimeUs: number;
  egressBytes: number;
}

export function emptyUsage(): Usage {
  return { requests: 0, computeUs: 0, dbQueries: 0, dbTimeUs: 0, egressBytes: 0 };
}

export function addUsage(into: Usage, from: Partial<Usage>): Usage {
  into.requests += from.requests ?? 0;
  into.computeUs += from.computeUs ?? 0;
  into.dbQueries += from.dbQueries ?? 0;
  into.dbTimeUs += from.dbTimeUs ?? 0;
  into.egressBytes += from.egressBytes ?? 0;
  return into;
}
