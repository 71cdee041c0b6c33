import type { Evidence } from '@apiaudit/domain';
import type { RequestView } from '../assemble/request-view';
import { addUsage, emptyUsage, type Usage } from '../cost/usage';

/** What one detector saw for one endpoint (and one statement, target …), summed over requests; mergeable. */
export interface Observation {
  ruleId: string;
  method: string;
  path: string;
  service: string;
  key: string;
  /** Describes the occurrence with the largest value (the longest chain, the most retries …). */
  label?: string;
  /** A detail worth quoting, the first one seen (e.g. the error a failing call returned). */
  detail?: string;
  /** Requests in which the pattern occurred. */
  requests: number;
  /** Occurrences summed over those requests (calls, executions, retries). */
  occurrences: number;
  /** Time the involved spans took, summed. */
  totalUs: number;
  /** The largest single value seen (calls in one request, one execution's duration …). */
  maxValue: number;
  counters: Record<string, number>;
  /** What the fix would no longer consume. */
  savings: Usage;
  examples: Evidence[];
}

export interface ObservationInput {
  label?: string;
  detail?: string;
  occurrences?: number;
  totalUs?: number;
  value?: number;
  counters?: Record<string, number>;
  savings?: Partial<Usage>;
  /** Called only while the finding still wants examples. */
  evidence: () => Evidence;
}

export class ObservationStore {
  private readonly byKey = new Map<string, Observation>();

  constructor(private readonly examples: number) {}

  record(ruleId: string, view: RequestView, key: string, input: ObservationInput): void {
    const id = `${ruleId}\u0000${view.service}\u0000${view.endpoint.method} ${view.endpoint.path}\u0000${key}`;
    let observation = this.byKey.get(id);
    if (!observation) {
      observation = {
        ruleId,
        method: view.endpoint.method,
        path: view.endpoint.path,
        service: view.service,
        key,
        requests: 0,
        occurrences: 0,
        totalUs: 0,
        maxValue: 0,
        counters: {},
        savings: emptyUsage(),
        examples: [],
      };
      this.byKey.set(id, observation);
    }
    if (input.label && (observation.label === undefined || (input.value ?? 0) > observation.maxValue)) observation.label = input.label;
    if (input.detail && observation.detail === undefined) observation.detail = input.detail;
    observation.requests++;
    observation.occurrences += input.occurrences ?? 1;
    observation.totalUs += input.totalUs ?? 0;
    observation.maxValue = Math.max(observation.maxValue, input.value ?? 0);
    for (const [name, value] of Object.entries(input.counters ?? {})) observation.counters[name] = (observation.counters[name] ?? 0) + value;
    if (input.savings) addUsage(observation.savings, input.savings);
    if (observation.examples.length < this.examples) observation.examples.push(input.evidence());
  }

  merge(observations: Observation[]): void {
    for (const other of observations) {
      const id = `${other.ruleId}\u0000${other.service}\u0000${other.method} ${other.path}\u0000${other.key}`;
      const mine = this.byKey.get(id);
      if (!mine) {
        this.byKey.set(id, structuredClone(other));
        continue;
      }
      if (other.label && (mine.label === undefined || other.maxValue > mine.maxValue)) mine.label = other.label;
      if (other.detail && mine.detail === undefined) mine.detail = other.detail;
      mine.requests += other.requests;
      mine.occurrences += other.occurrences;
      mine.totalUs += other.totalUs;
      mine.maxValue = Math.max(mine.maxValue, other.maxValue);
      for (const [name, value] of Object.entries(other.counters)) mine.counters[name] = (mine.counters[name] ?? 0) + value;
      addUsage(mine.savings, other.savings);
      for (const example of other.examples) if (mine.examples.length < this.examples) mine.examples.push(example);
    }
  }

  forRule(ruleId: string): Observation[] {
    return [...this.byKey.values()].filter((observation) => observation.ruleId === ruleId);
  }

  all(): Observation[] {
    return [...this.byKey.values()];
  }
}
