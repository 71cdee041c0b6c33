import type { Finding, RuleMeta, Severity } from '@apiaudit/domain';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** SARIF 2.1.0, as GitHub code scanning reads it: one run, rules from metadata, one result per finding. */
export function formatSarif(findings: Finding[], metas: RuleMeta[], toolVersion: string): string {
  const used = new Set(findings.map((f) => f.ruleId));
  const rules = metas.filter((m) => used.has(m.id));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'apiaudit',
            version: toolVersion,
            informationUri: 'https://github.com/apiaudit/apiaudit',
            rules: rules.map((m) => ({
              id: m.id,
              name: m.title,
              shortDescription: { text: m.title },
              fullDescription: { text: m.rationale },
              help: { text: m.fix },
              helpUri: `https://github.com/apiaudit/apiaudit/blob/main/docs/rules/${m.id}.md`,
              defaultConfiguration: { level: LEVEL[m.severity] },
              properties: { category: m.category, ...(m.owasp ? { tags: [m.owasp] } : {}) },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
          level: LEVEL[f.severity],
          message: { text: f.message },
          partialFingerprints: { apiauditFingerprint: f.fingerprint },
          locations: f.evidence
            .filter((e) => e.file)
            .slice(0, 1)
            .map((e) => ({
              physicalLocation: {
                artifactLocation: { uri: e.file },
                region: { startLine: e.line ?? 1, startColumn: e.column ?? 1 },
              },
              ...(e.pointer ? { logicalLocations: [{ fullyQualifiedName: e.pointer, kind: 'member' }] } : {}),
            })),
          properties: { severity: f.severity, ...(f.endpoint ? { endpoint: `${f.endpoint.method} ${f.endpoint.path}` } : {}) },
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
