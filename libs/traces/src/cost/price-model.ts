import type { CostBreakdown } from '@apiaudit/domain';

export type { CostBreakdown };
import type { Usage } from './usage';

export interface UnitPrices {
  /** $ per vCPU-second of service self time (≈ Fargate's $0.04048 per vCPU-hour). */
  computePerVcpuSecond: number;
  /** Share of self time that is CPU rather than waiting on something untraced. */
  cpuPerSelfSecond: number;
  dbPerQuery: number;
  /** $ per second of database time (a busy managed instance ≈ $0.36/hour). */
  dbPerSecond: number;
  egressPerGb: number;
  perMillionRequests: number;
}

export interface PriceModel extends UnitPrices {
  /** Share of requests the traces contain (1 = every request traced); used to extrapolate. */
  samplingRate: number;
  /** Prices that differ per service (a bigger instance type, a pricier database). */
  services: Record<string, Partial<UnitPrices>>;
}

export const DEFAULT_PRICE_MODEL: PriceModel = {
  computePerVcpuSecond: 0.04048 / 3600,
  cpuPerSelfSecond: 1,
  dbPerQuery: 0.2 / 1e6,
  dbPerSecond: 0.36 / 3600,
  egressPerGb: 0.09,
  perMillionRequests: 1,
  samplingRate: 1,
  services: {},
};

export function resolvePriceModel(partial: Partial<PriceModel> | undefined): PriceModel {
  const model: PriceModel = { ...DEFAULT_PRICE_MODEL, ...(partial ?? {}), services: { ...(partial?.services ?? {}) } };
  if (!(model.samplingRate > 0 && model.samplingRate <= 1)) model.samplingRate = 1;
  return model;
}


/** Prices usage at a service's rates; multiply by the extrapolation factor for a monthly figure. */
export function priceUsage(usage: Usage, service: string, model: PriceModel): CostBreakdown {
  const prices = { ...model, ...(model.services[service] ?? {}) };
  return {
    compute: (usage.computeUs / 1e6) * prices.cpuPerSelfSecond * prices.computePerVcpuSecond,
    db: usage.dbQueries * prices.dbPerQuery + (usage.dbTimeUs / 1e6) * prices.dbPerSecond,
    egress: (usage.egressBytes / 1e9) * prices.egressPerGb,
    requests: (usage.requests / 1e6) * prices.perMillionRequests,
  };
}

export function totalOf(cost: CostBreakdown): number {
  return cost.compute + cost.db + cost.egress + cost.requests;
}

const MONTH_US = 30 * 24 * 3600 * 1e6;

/** Scale from the sampled window to a 30-day month of full traffic. */
export function monthlyFactor(windowUs: number, samplingRate: number): number {
  return MONTH_US / Math.max(windowUs, 1e6) / samplingRate;
}
