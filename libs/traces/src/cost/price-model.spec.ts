import { monthlyFactor, priceUsage, resolvePriceModel, totalOf } from './price-model';

describe('price model', () => {
  const usage = { requests: 1e6, computeUs: 3600e6, dbQueries: 1e6, dbTimeUs: 3600e6, egressBytes: 2e9 };

  it('prices each resource at the default rates', () => {
    const cost = priceUsage(usage, 'api', resolvePriceModel(undefined));
    expect(cost.compute).toBeCloseTo(0.04048, 5);
    expect(cost.db).toBeCloseTo(0.2 + 0.36, 5);
    expect(cost.egress).toBeCloseTo(0.18, 5);
    expect(cost.requests).toBeCloseTo(1, 5);
  });

  it('applies per-service overrides over the base prices', () => {
    const model = resolvePriceModel({ dbPerQuery: 0, services: { payments: { dbPerSecond: 0, egressPerGb: 0, perMillionRequests: 10 } } });
    expect(totalOf(priceUsage(usage, 'payments', model))).toBeCloseTo(0.04048 + 10, 5);
    expect(priceUsage(usage, 'api', model).db).toBeCloseTo(0.36, 5);
  });

  it('extrapolates a window to a month and divides by the sampling rate', () => {
    expect(monthlyFactor(3600e6, 1)).toBeCloseTo(720, 6);
    expect(monthlyFactor(3600e6, 0.1)).toBeCloseTo(7200, 6);
    expect(resolvePriceModel({ samplingRate: 7 }).samplingRate).toBe(1);
  });
});
