import type { Finding } from '@apiaudit/domain';
import { analyzeTraces } from '../../analyze-traces';
import type { Span } from '../../span';

export { FixtureTrace, fixtureTraces } from '../fixture-trace';

export async function findingsOf(spans: Span[], ruleId: string, config?: unknown): Promise<Finding[]> {
  const analysis = await analyzeTraces(spans, { now: new Date('2026-01-16T00:00:00Z'), config });
  return analysis.findings.filter((finding) => finding.ruleId === ruleId);
}
