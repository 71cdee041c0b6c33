// What the specs of the RealWorld captures share: a capture analysed as an audit would, naming endpoints by the spec.
import type { Finding } from '@apiaudit/domain';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { analyzeTraces } from '../src/analyze-traces';
import type { TraceAnalysis } from '../src/trace-aggregate';

/** The paths of the RealWorld spec both services implement; they lack the `/api` base the services serve them under. */
function realworldSpecPaths(): string[] {
  const spec = resolve(__dirname, '../../../..', 'shared/corpus/specs/realworld-conduit-1.1.0.yml');
  return Object.keys((load(readFileSync(spec, 'utf8')) as { paths: Record<string, unknown> }).paths);
}

/** A capture of this folder, analysed on a fixed day. Over ten thousand spans take a second or more. */
export function analyzeCapture(name: string): Promise<TraceAnalysis> {
  return analyzeTraces(join(__dirname, name), { now: new Date('2026-12-07T00:00:00Z'), specPaths: realworldSpecPaths() });
}

export function findingsIn(analysis: TraceAnalysis, ruleId: string): Finding[] {
  return analysis.findings.filter((finding) => finding.ruleId === ruleId);
}

/** `METHOD /path` of each finding, sorted. */
export function endpointsOf(findings: Finding[]): string[] {
  return findings.map((finding) => `${finding.endpoint?.method} ${finding.endpoint?.path}`).sort();
}
