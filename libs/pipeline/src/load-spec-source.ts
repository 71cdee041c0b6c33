import { dirname, join } from 'node:path';
import { statSync } from 'node:fs';
import type { Finding } from '@apiaudit/domain';
import { loadSpec, loadSpecFromFiles, type SpecDocument } from '@apiaudit/openapi';
import type { SpecSource } from './audit-inputs';

export async function loadSpecSource(source: SpecSource): Promise<SpecDocument> {
  return source.kind === 'path' ? loadSpec(source.path) : loadSpecFromFiles(source.files, source.entry);
}

/**
 * Where a spec's files are, as the user named them: evidence then reads `examples/shop/openapi.yaml:12`
 * rather than a bare `openapi.yaml`, so it opens from where the audit was run.
 */
export function evidencePrefix(source: SpecSource): string {
  if (source.kind !== 'path' || !source.label) return '';
  try {
    return statSync(source.path).isDirectory() ? source.label : dirname(source.label);
  } catch {
    return '';
  }
}

export function prefixSpecEvidence(findings: Finding[], prefix: string): Finding[] {
  if (!prefix || prefix === '.') return findings;
  return findings.map((f) => ({
    ...f,
    evidence: f.evidence.map((e) => (e.kind === 'spec' && e.file ? { ...e, file: join(prefix, e.file) } : e)),
  }));
}
