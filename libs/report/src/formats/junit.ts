import type { Finding, Severity } from '@apiaudit/domain';
import { isAtLeast } from '@apiaudit/domain';

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * JUnit XML for CI dashboards: one suite per spec file, one test case per rule that ran. A rule with findings at
 * or above `failAt` fails its case; lower findings are reported as system-out so they stay visible.
 */
export function formatJunit(findingsByFile: Map<string, Finding[]>, ruleIds: string[], failAt: Severity = 'medium'): string {
  const suites = [...findingsByFile.entries()].map(([file, findings]) => {
    let failures = 0;
    const cases = ruleIds.map((ruleId) => {
      const own = findings.filter((f) => f.ruleId === ruleId);
      const lines = own.map((f) => `${f.severity} ${f.evidence[0]?.file ?? file}:${f.evidence[0]?.line ?? 1} ${f.message}`).join('\n');
      if (own.some((f) => isAtLeast(f.severity, failAt))) {
        failures++;
        return `    <testcase classname="${xml(file)}" name="${xml(ruleId)}"><failure message="${xml(`${own.length} finding(s)`)}">${xml(lines)}</failure></testcase>`;
      }
      return `    <testcase classname="${xml(file)}" name="${xml(ruleId)}">${own.length ? `<system-out>${xml(lines)}</system-out>` : ''}</testcase>`;
    });
    return `  <testsuite name="${xml(file)}" tests="${ruleIds.length}" failures="${failures}" errors="0">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="apiaudit lint">\n${suites.join('\n')}\n</testsuites>\n`;
}
