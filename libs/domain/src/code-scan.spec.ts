import { CODE_SCAN_SCHEMA_VERSION, parseStoredCodeScan, storedCodeScanOf, type CodeScan } from './code-scan';

const scan: CodeScan = {
  endpoints: [{ method: 'GET', path: '/orders/{id}', file: 'src/orders.ts', line: 6, framework: 'express', handler: 'getOrder' }],
  findings: [
    {
      id: 'code-http-call-without-timeout#1',
      fingerprint: 'f1',
      ruleId: 'code-http-call-without-timeout',
      category: 'resilience',
      severity: 'medium',
      title: 'HTTP call without a timeout',
      message: 'axios.get has no timeout',
      endpoint: { method: 'GET', path: '/orders/{id}' },
      service: null,
      evidence: [{ kind: 'code', file: 'src/orders.ts', line: 7 }],
    },
  ],
  files: 2,
  skipped: [{ path: 'src/deep.ts', reason: 'nested too deep' }],
};

/** The stored form as JSON gives it back. */
const stored = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('parseStoredCodeScan', () => {
  it('reads back a scan stored in this schema version as it was', () => {
    expect(parseStoredCodeScan(stored(storedCodeScanOf(scan)))).toEqual(scan);
  });

  it.each<[string, unknown]>([
    ['stored before schema versions', scan],
    ['of another schema version', { ...scan, schemaVersion: CODE_SCAN_SCHEMA_VERSION + 1 }],
    ['not an object', [scan]],
    ['nothing', null],
    ['without endpoints', { ...storedCodeScanOf(scan), endpoints: undefined }],
    ['with an endpoint of an unknown framework', { ...storedCodeScanOf(scan), endpoints: [{ ...scan.endpoints[0], framework: 'rails' }] }],
    ['with an endpoint line that is not a number', { ...storedCodeScanOf(scan), endpoints: [{ ...scan.endpoints[0], line: '6' }] }],
    ['with a finding of an unknown severity', { ...storedCodeScanOf(scan), findings: [{ ...scan.findings[0], severity: 'urgent' }] }],
    ['with a finding without evidence', { ...storedCodeScanOf(scan), findings: [{ ...scan.findings[0], evidence: undefined }] }],
    ['with a file count that is not a count', { ...storedCodeScanOf(scan), files: -1 }],
    ['with malformed skipped files', { ...storedCodeScanOf(scan), skipped: [{ path: 'a.ts' }] }],
  ])('refuses a scan %s, so the repository is scanned again', (_case, json) => {
    expect(parseStoredCodeScan(stored(json))).toBeUndefined();
  });

  it('reads a scan without skipped files without adding any', () => {
    const { skipped: _skipped, ...plain } = scan;
    expect(parseStoredCodeScan(stored(storedCodeScanOf(plain)))).toEqual(plain);
  });
});
