import type { RequestView } from '../assemble/request-view';
import { EndpointAccumulator } from '../stats/endpoint-stats';
import { proposeSlo } from './propose-slos';

function accumulatorOf(requests: number, errors: number, latencyMs: (i: number) => number): EndpointAccumulator {
  const accumulator = new EndpointAccumulator('GET', '/x', 'api', { service: 'api' });
  for (let i = 0; i < requests; i++) {
    const durationUs = latencyMs(i) * 1000;
    accumulator.add({ isError: i < errors, durationUs, selfUs: durationUs, downstreamUs: 0, dbCalls: [], outboundCalls: [] } as unknown as RequestView);
  }
  return accumulator;
}

describe('proposeSlo', () => {
  it('proposes objectives met with headroom and reports the budget the data burns', () => {
    const slo = proposeSlo(accumulatorOf(10000, 20, (i) => 40 + (i % 100)), 50000);
    expect(slo.availability.objective).toBe(0.995);
    expect(slo.availability.errorBudgetBurn).toBeCloseTo(0.4, 2);
    expect(slo.latency.thresholdMs).toBe(200);
    expect(slo.latency.observed).toBe(1);
  });

  it('does not promise more nines than the sample can show', () => {
    expect(proposeSlo(accumulatorOf(111, 0, () => 30), 1000).availability.objective).toBe(0.99);
  });

  it('shows a burn above 1 when the endpoint already fails more than the loosest objective allows', () => {
    const slo = proposeSlo(accumulatorOf(1000, 300, () => 30), 1000);
    expect(slo.availability.objective).toBe(0.9);
    expect(slo.availability.errorBudgetBurn).toBeCloseTo(3, 1);
  });
});
