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
  // Evidence names a handful of files hundreds of times; each is joined once.
  const joined = new Map<string, string>();
  const prefixed = (file: string): string => {
    let path = joined.get(file);
    if (path === undefined) joined.set(file, (path = join(prefix, file)));
    return path;
  };
  return findings.map((f) => ({
    ...f,
    evidence: f.evidence.map((e) => (e.kind === 'spec' && e.file ? { ...e, file: prefixed(e.file) } : e)),
  }));
}
