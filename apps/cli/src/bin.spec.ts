import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCli } from './run-cli';

// `npm test` builds first (pretest), so these run the bundle a user's `apiaudit` command runs.
const root = resolve(__dirname, '../../..');
const bin = join(root, 'bin/apiaudit.js');
const cache = join(root, 'dist/apiaudit.cjs.cache');
const spec = 'examples/shop/openapi.yaml';

describe('bin/apiaudit.js (the bundled CLI)', () => {
  it('lints exactly as the CLI modules do in-process', async () => {
    const bundled = spawnSync(process.execPath, [bin, 'lint', spec, '--format', 'json'], { cwd: root, encoding: 'utf8' });
    const inProcess = await runCli(['lint', spec, '--format', 'json'], { cwd: root });
    expect(bundled.stderr).toBe('');
    expect(bundled.status).toBe(inProcess.code);
    expect(JSON.parse(bundled.stdout).findings.length).toBeGreaterThan(10);
    expect(bundled.stdout).toBe(inProcess.stdout);
  });

  it('reports bad input in one line with exit 2', () => {
    const result = spawnSync(process.execPath, [bin, 'lint', 'no/such/spec.yaml'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^apiaudit lint: \S*no\/such\/spec\.yaml: no such file or folder\n$/);
  });

  it('keeps a code cache beside the bundle and reuses it rather than rewriting it', () => {
    execFileSync(process.execPath, [bin, 'rules', '--json'], { cwd: root });
    expect(existsSync(cache)).toBe(true);
    const written = statSync(cache).mtimeMs;
    expect(written).toBeGreaterThanOrEqual(statSync(join(root, 'dist/apiaudit.cjs')).mtimeMs);
    execFileSync(process.execPath, [bin, 'rules', '--json'], { cwd: root });
    expect(statSync(cache).mtimeMs).toBe(written);
  });

  it('ends quietly when its reader closes the pipe early', () => {
    // Twilio's findings are far more than a pipe buffer, so the writer is still writing when `head` leaves.
    const twilio = resolve(root, '../shared/corpus/specs/twilio-api-v2010.json');
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" lint "${twilio}" --format json | head -c 10`], { cwd: root, encoding: 'utf8' });
    expect(result.stdout).toBe('{\n  "schem');
    expect(result.stderr).toBe('');
  });
});
