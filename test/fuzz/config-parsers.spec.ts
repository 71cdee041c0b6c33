import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { ConfigError, readPlatformConfig } from '@apiaudit/db';
import { runAudit } from '@apiaudit/pipeline';
import { ConfigInputError, parseAuditConfig } from '@apiaudit/rules';
import { resolveTraceConfig } from '@apiaudit/traces';
import { fuzzParameters, mutatedArb, unexpected } from './mutations';

// The example apiaudit.yaml of the README, every section of it.
const SAMPLE = Buffer.from(`rules:
  operation-missing-summary: off
  api-key-in-query: critical
  path-verb-in-segment:
    severity: medium
    paths: ['/v2/**']
suppressions:
  - fingerprint: 3f0c9a1e2b7d4c55aa01be77
    reason: staging host is on a private network
  - rule: sensitive-data-in-query
    endpoint: GET /v1/users
    reason: email lookup is required by the partner contract until 2027
traces:
  trace-slow-query: { slowMs: 300 }
  trace-n-plus-one-query: { minRepeats: 8, severity: medium }
pricing:
  samplingRate: 0.1
  dbPerQuery: 0.0000004
  services:
    payments: { computePerVcpuSecond: 0.00002 }
diff:
  minDeprecationDays: 30
`);
const shop = resolve(__dirname, '../../examples/shop');
const now = new Date('2026-12-01T00:00:00Z');

/**
 * apiaudit.yaml (mutated, or random YAML) and the platform's environment: each is read or refused with the
 * parser's own error (ConfigInputError naming file and place; ConfigError listing every bad variable).
 */
describe('fuzz: the configuration parsers', () => {
  jest.setTimeout(120_000);

  const parseOrRefuse = (text: string): unknown => {
    try {
      const config = parseAuditConfig(text, 'apiaudit.yaml');
      resolveTraceConfig(config.traces);
      return undefined;
    } catch (error) {
      return unexpected(error, [ConfigInputError]);
    }
  };

  it('reads or refuses mutated apiaudit.yaml', () => {
    fc.assert(
      fc.property(mutatedArb([{ name: 'apiaudit.yaml', bytes: SAMPLE }]), ({ bytes }) => {
        expect(parseOrRefuse(bytes.toString('utf8'))).toBeUndefined();
      }),
      fuzzParameters(300),
    );
  });

  it('reads or refuses random YAML documents shaped like apiaudit.yaml', () => {
    const section = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(fc.oneof(fc.constantFrom('operation-missing-summary', 'trace-slow-query', 'severity', 'paths', 'slowMs'), fc.string()), fc.jsonValue({ maxDepth: 2 })));
    const document = fc.record({ rules: section, suppressions: section, traces: section, pricing: section, diff: section, extra: section }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(document, fc.jsonValue({ maxDepth: 4 })), (value) => {
        expect(parseOrRefuse(dump(value))).toBeUndefined();
      }),
      fuzzParameters(300),
    );
  });

  it('audits the sample API under configurations that parse', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedArb([{ name: 'apiaudit.yaml', bytes: SAMPLE }]), async ({ bytes }) => {
        const text = bytes.toString('utf8');
        try {
          parseAuditConfig(text, 'apiaudit.yaml');
        } catch {
          return; // refused: the properties above check how
        }
        const spec = readFileSync(resolve(shop, 'openapi.yaml'));
        await runAudit({ subject: 'shop', specs: [{ kind: 'files', files: new Map([['openapi.yaml', spec]]), label: 'openapi.yaml' }], traces: [], repos: [], configText: { text, file: 'apiaudit.yaml' } }, { now });
      }),
      fuzzParameters(25),
    );
  });

  it('reads or refuses any environment, listing every bad variable', () => {
    const names = ['DATABASE_URL', 'REDIS_URL', 'PORT', 'ARTIFACT_DIR', 'APIAUDIT_QUEUE_PREFIX', 'APIAUDIT_MAX_UPLOAD_BYTES', 'APIAUDIT_MAX_TRACE_BYTES', 'APIAUDIT_JOB_LOCK_MS', 'APIAUDIT_WORKER_HEARTBEAT_MS', 'APIAUDIT_WORKER_FAULT', 'LOG_LEVEL', 'APIAUDIT_SESSION_HOURS', 'APIAUDIT_INVITATION_DAYS', 'APIAUDIT_TRUST_PROXY', 'APIAUDIT_SIGNIN_LIMIT_PER_ACCOUNT', 'APIAUDIT_SIGNIN_LIMIT_PER_ADDRESS', 'APIAUDIT_CACHE_SECONDS', 'PUPPETEER_EXECUTABLE_PATH', 'GITHUB_API_URL'];
    const value = fc.oneof(fc.string(), fc.constantFrom('', ' ', '0', '-1', '1e9', '0x10', '65536', 'true', 'false', 'loopback', 'redis://', 'postgres://x', '/tmp', '\u0000', 'analyze:after', 'debug', '99999999999999999999'));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), value), (env) => {
        // Relative folders are resolved against the working directory: keep the fuzz out of the checkout.
        const safeEnv = { ...env, ARTIFACT_DIR: env.ARTIFACT_DIR?.startsWith('/') ? `/tmp/apiaudit-fuzz-env${env.ARTIFACT_DIR}` : '/tmp/apiaudit-fuzz-env' };
        try {
          readPlatformConfig(safeEnv);
        } catch (error) {
          expect(unexpected(error, [ConfigError])).toBeUndefined();
          expect((error as Error).message).toMatch(/^invalid configuration:\n {2}- /);
        }
      }),
      fuzzParameters(300),
    );
  });
});
