import type { CostDriver, CostFix, Finding } from '@apiaudit/domain';

export type { CostDriver, CostFix };
import type { Observation } from '../detectors/observation-store';
import { type CostBreakdown, monthlyFactor, type PriceModel, priceUsage, totalOf } from './price-model';
import type { Usage } from './usage';

export interface CostRow {
  /** The entry endpoint whose requests caused the work. */
  method: string;
  path: string;
  /** The workload that did (and pays for) the work. */
  service: string;
  workloadKey: string;
  usage: Usage;
}


export interface CostReport {
  totalMonthlyCostUsd: number;
  drivers: CostDriver[];
}

const cents = (value: number) => Math.round(value * 100) / 100;

/**
 * Turns usage per endpoint × workload into monthly dollars and hangs each finding's avoidable usage on the driver
 * it would shrink (same endpoint and service), so the plan can say how much of the bill a fix removes.
 */
export function buildCostReport(
  rows: CostRow[],
  findings: Finding[],
  observations: Observation[],
  windowUs: number,
  model: PriceModel,
): CostReport {
  const factor = monthlyFactor(windowUs, model.samplingRate);
  const drivers: CostDriver[] = rows.map((row) => {
    const monthly = priceUsage(row.usage, row.service, model);
    const breakdown: CostBreakdown = {
      compute: cents(monthly.compute * factor),
      db: cents(monthly.db * factor),
      egress: cents(monthly.egress * factor),
      requests: cents(monthly.requests * factor),
    };
    return {
      method: row.method,
      path: row.path,
      service: row.service,
      workload: row.workloadKey,
      monthlyCostUsd: cents(totalOf(monthly) * factor),
      breakdown,
      shareOfTotal: 0,
      monthlyRequests: Math.round(row.usage.requests * factor),
      fixes: [],
    };
  });
  const total = drivers.reduce((sum, driver) => sum + driver.monthlyCostUsd, 0);
  for (const driver of drivers) driver.shareOfTotal = total > 0 ? Math.round((driver.monthlyCostUsd / total) * 10000) / 10000 : 0;

  const savingsByFinding = new Map<string, number>();
  for (const observation of observations) {
    const saving = totalOf(priceUsage(observation.savings, observation.service, model)) * factor;
    if (saving <= 0) continue;
    const finding = findings.find(
      (candidate) =>
        candidate.ruleId === observation.ruleId &&
        candidate.service === observation.service &&
        candidate.endpoint?.method === observation.method &&
        candidate.endpoint?.path === observation.path &&
        candidate.evidence[0]?.spanId === observation.examples[0]?.spanId,
    );
    if (!finding) continue;
    savingsByFinding.set(finding.id, (savingsByFinding.get(finding.id) ?? 0) + saving);
    const driver = drivers
      .filter((candidate) => candidate.method === observation.method && candidate.path === observation.path && candidate.service === observation.service)
      .sort((a, b) => b.monthlyCostUsd - a.monthlyCostUsd)[0];
    if (driver && driver.monthlyCostUsd > 0) {
      driver.fixes.push({
        ruleId: finding.ruleId,
        findingId: finding.id,
        monthlySavingUsd: cents(saving),
        shareOfDriver: Math.min(1, Math.round((saving / driver.monthlyCostUsd) * 10000) / 10000),
      });
    }
  }
  for (const finding of findings) {
    const saving = savingsByFinding.get(finding.id);
    if (saving) finding.metrics = { ...(finding.metrics ?? {}), monthlySavingUsd: cents(saving), shareOfTotalCost: total > 0 ? Math.round((saving / total) * 10000) / 10000 : 0 };
  }
  drivers.sort((a, b) => b.monthlyCostUsd - a.monthlyCostUsd || a.path.localeCompare(b.path));
  return { totalMonthlyCostUsd: cents(total), drivers };
}
