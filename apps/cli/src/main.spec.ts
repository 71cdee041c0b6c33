import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { runCli } from './run-cli';

const root = resolve(__dirname, '../../..');

const run = (...argv: string[]) => runCli(argv, { cwd: root, env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent' } });

describe('apiaudit CLI', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'apiaudit-cli-'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('audits the sample and writes findings.json that matches its published JSON Schema', async () => {
    const result = await run('audit', '--spec', 'examples/shop/openapi.yaml', '--traces', 'examples/shop/traces/shop.otlp.jsonl', '--out', out, '--no-pdf');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^score \d+\/100 · \d+ findings/);
    expect(result.stderr).toBe('');
    const findings = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8'));
    const schema = JSON.parse(readFileSync(join(root, 'docs/schemas/findings.schema.json'), 'utf8'));
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(findings)).toBe(true);
    expect(findings.findings.length).toBeGreaterThan(20);
    expect(readFileSync(join(out, 'plan.html'), 'utf8')).toContain('<h1>Shop API 1.4.0</h1>');
  }, 60000);

  it('writes the plan as JSON matching its published schema, as Markdown and as CSV, item for item', () => {
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8'));
    const validate = addFormats(new Ajv2020({ strict: false })).compile(JSON.parse(readFileSync(join(root, 'docs/schemas/plan.schema.json'), 'utf8')));
    expect(validate(plan)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    expect(plan.items.length).toBeGreaterThan(5);
    expect(plan.horizons.now + plan.horizons.next + plan.horizons.later).toBe(plan.items.length);
    expect(plan.cost.totalMonthlyUsd).toBeGreaterThan(0);
    expect(plan.scoring.overall.score).toBe(plan.scores.overall);

    const csv = readFileSync(join(out, 'plan.csv'), 'utf8').trimEnd().split('\r\n');
    expect(csv[0]).toBe('rank,horizon,title,rule,severity,effort,endpoints,metric,current,target,notes');
    expect(csv).toHaveLength(plan.items.length + 1);
    const n1 = plan.items.find((i: { ruleId: string }) => i.ruleId === 'trace-n-plus-one-query');
    expect(csv[n1.rank]).toBe(`${n1.rank},now,N+1 queries in one request,trace-n-plus-one-query,high,M,GET /v1/orders/{orderId},db.queriesPerRequest,${n1.target.current},<= 2,`);

    const markdown = readFileSync(join(out, 'plan.md'), 'utf8');
    expect(markdown.startsWith('# API audit plan: Shop API 1.4.0\n')).toBe(true);
    expect(markdown).toContain(`### ${n1.rank}. N+1 queries in one request`);
    expect(markdown.match(/^### \d+\. /gm)).toHaveLength(plan.items.length);
  });

  it('fails the gate with exit 1 when asked to', async () => {
    const result = await run('audit', '--spec', 'examples/shop/openapi.yaml', '--out', out, '--no-pdf', '--fail-on', 'high');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("at or above 'high'");
  });

  it.each([
    [['audit', '--spec', 'examples/shop/openapi.yaml'], /--out DIR is required/],
    [['audit', '--spec', 'nope.yaml', '--out', '/tmp/x'], /--spec nope.yaml: no such file or folder/],
    [['audit', '--spec', 'examples/shop/openapi.yaml', '--out', '/tmp/x', '--fail-on', 'severe'], /--fail-on takes/],
    [['audit', '--spec', 'examples/shop/openapi.yaml', '--out', '/tmp/x', '--paper', 'a3'], /--paper takes a4 or letter, not 'a3'/],
    [['export-issues', '--repo', 'acme/shop'], /--plan DIR\|plan.json is required/],
    [['export-issues', '--plan', 'examples/shop/openapi.yaml', '--repo', 'acme/shop'], /not valid JSON/],
    [['audit', '--bogus'], /Unknown option '--bogus'/],
    [['lint', 'package.json'], /not an OpenAPI or Swagger document/],
    [['lint', 'examples/shop/openapi.yaml', '--format', 'xml'], /--format takes table, json, sarif, junit/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('exits 2 with one line for %j', async (argv, message) => {
    const result = await run(...(argv as string[]));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('rejects an invalid config with the offending key', async () => {
    const config = join(out, 'apiaudit.yaml');
    writeFileSync(config, 'rules:\n  example-invalid: sometimes\n');
    const result = await run('lint', 'examples/shop/openapi.yaml', '--config', config);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/apiaudit.yaml: rules.example-invalid/);
  });

  it('lints as SARIF 2.1.0 with locations in the given spec path', async () => {
    const result = await run('lint', 'examples/shop/openapi.yaml', '--format', 'sarif');
    const sarif = JSON.parse(result.stdout);
    expect(sarif.version).toBe('2.1.0');
    const key = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'api-key-in-query');
    expect(key.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'examples/shop/openapi.yaml' }, region: { startLine: 134, startColumn: 11 } });
  });

  it('prints the version of the package it belongs to', async () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) expect(await run(flag)).toMatchObject({ code: 0, stdout: `${manifest.version}\n` });
  });

  it('compares with --baseline: prints and writes fixed, new and regressed findings, targets and score deltas', async () => {
    const dir = (name: string) => join(out, name);
    const v1 = 'examples/shop/openapi.yaml';
    const v2 = 'test/fixtures/reaudit/openapi.v2.yaml';
    expect((await run('audit', '--spec', v1, '--out', dir('first'), '--no-pdf')).code).toBe(0);
    const second = await run('audit', '--spec', v2, '--out', dir('second'), '--no-pdf', '--baseline', dir('first'));
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/since the baseline: score \d+ → \d+ \(\+\d+\) · 0 regressed, 1 new, 1 fixed, \d+ still open · targets met 1 of \d+/);
    expect(second.stdout).toMatch(/new\s+medium\s+delete-on-collection\s+DELETE \/v1\/products/);
    expect(second.stdout).toMatch(/fixed\s+high\s+api-key-in-query\s+POST \/v1\/payments/);
    const comparison = JSON.parse(readFileSync(join(dir('second'), 'comparison.json'), 'utf8'));
    expect(comparison.resolved.map((f: { ruleId: string }) => f.ruleId)).toEqual(['api-key-in-query']);
    expect(comparison.validation.find((v: { item: { ruleId: string } }) => v.item.ruleId === 'api-key-in-query')).toMatchObject({ before: 1, after: 0, met: true });
    expect(readFileSync(join(dir('second'), 'plan.html'), 'utf8')).toContain('<h3>Targets of the baseline plan</h3>');
    // The key comes back in the query string: fixed in the second audit, so the third calls it a regression.
    const third = await run('audit', '--spec', v1, '--out', dir('third'), '--no-pdf', '--baseline', dir('second'));
    expect(third.stdout).toMatch(/· 1 regressed, 0 new, 1 fixed,/);
    expect(third.stdout).toMatch(/regressed\s+high\s+api-key-in-query\s+POST \/v1\/payments/);
    const html = readFileSync(join(dir('third'), 'plan.html'), 'utf8');
    expect(html.indexOf('Regressed: fixed before')).toBeLessThan(html.indexOf('<h3>Fixed</h3>'));
  });

  it('refuses a --baseline folder whose findings.json is not an audit', async () => {
    const bogus = join(out, 'not-an-audit');
    mkdirSync(bogus);
    writeFileSync(join(bogus, 'findings.json'), '{"hello": 1}');
    const result = await run('audit', '--spec', 'examples/shop/openapi.yaml', '--out', join(out, 'x'), '--no-pdf', '--baseline', bogus);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--baseline .*findings.json: not an apiaudit findings.json/);
  });

  it('lists every rule as JSON with its source', async () => {
    const rules = JSON.parse((await run('rules', '--json')).stdout) as Array<{ id: string; source: string }>;
    expect(new Set(rules.map((r) => r.source))).toEqual(new Set(['spec', 'trace', 'code', 'diff']));
    expect(rules.length).toBeGreaterThanOrEqual(58);
  });

  it('diffs two spec versions as a CI gate, and puts breaking changes into an audit', async () => {
    const base = '../shared/corpus/specs/realworld-conduit-1.0.0.yml';
    const revision = '../shared/corpus/specs/realworld-conduit-1.1.0.yml';
    const gate = await run('diff', base, revision, '--fail-on', 'breaking', '--format', 'json');
    expect(gate.code).toBe(1);
    const report = JSON.parse(gate.stdout);
    expect(report.changes.filter((c: { level: string }) => c.level === 'breaking')).toHaveLength(2);
    expect((await run('diff', revision, revision, '--fail-on', 'breaking')).code).toBe(0);
    expect((await run('diff', base)).code).toBe(2);
    const audit = await run('audit', '--spec', revision, '--previous-spec', base, '--out', out, '--no-pdf');
    expect(audit.code).toBe(0);
    const findings = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')).findings as Array<{ ruleId: string; severity: string; evidence: Array<{ file: string }> }>;
    const removed = findings.filter((f) => f.ruleId === 'response-success-status-removed');
    expect(removed.map((f) => f.severity)).toEqual(['high', 'high']);
    // The removed status lives only in the base version: its evidence points into that file.
    expect(removed[0].evidence[0].file).toBe('../shared/corpus/specs/realworld-conduit-1.0.0.yml');
    expect(readFileSync(join(out, 'plan.html'), 'utf8')).toContain('<h2>Contract evolution</h2>');
  });

  it('takes the deprecation window for a diff from --config, and the flag over the config', async () => {
    const sunset = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const doc = (deprecated: boolean) =>
      JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: { '/a': { get: { deprecated, 'x-sunset': sunset, responses: { '200': { description: 'ok' } } } } } });
    writeFileSync(join(out, 'v1.json'), doc(false));
    writeFileSync(join(out, 'v2.json'), doc(true));
    writeFileSync(join(out, 'short-window.yaml'), 'diff:\n  minDeprecationDays: 14\n');
    const ids = async (...extra: string[]) =>
      (JSON.parse((await run('diff', join(out, 'v1.json'), join(out, 'v2.json'), '--format', 'json', ...extra)).stdout).changes as Array<{ checkId: string }>).map((c) => c.checkId).sort();
    expect(await ids()).toEqual(['operation-deprecated', 'operation-deprecation-window-too-short']);
    expect(await ids('--config', join(out, 'short-window.yaml'))).toEqual(['operation-deprecated']);
    expect(await ids('--config', join(out, 'short-window.yaml'), '--min-deprecation-days', '60')).toEqual(['operation-deprecated', 'operation-deprecation-window-too-short']);
    writeFileSync(join(out, 'bad.yaml'), 'diff:\n  minDeprecationDays: soon\n');
    const bad = await run('diff', join(out, 'v1.json'), join(out, 'v2.json'), '--config', join(out, 'bad.yaml'));
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')).toHaveLength(2);
  });
});

