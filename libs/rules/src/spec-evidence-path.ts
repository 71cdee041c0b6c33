import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Finding } from '@apiaudit/domain';

/**
 * The folder a spec was named by: evidence then reads `examples/shop/openapi.yaml:12` rather than a bare
 * `openapi.yaml`, so it opens from where the command was run.
 */
export function specFolderLabel(absolutePath: string, label: string): string {
  try {
    return statSync(absolutePath).isDirectory() ? label : dirname(label);
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
