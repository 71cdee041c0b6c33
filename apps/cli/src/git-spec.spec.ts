import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readSpecAtRef } from './git-spec';
import { runCli } from './run-cli';

type Tree = Record<string, string>;

const ENTRY = `openapi: 3.0.3
info: { title: Pets, version: 1.0.0 }
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200':
          description: the pet
          content:
            application/json:
              schema: { $ref: './schemas/pet.yaml#/Pet' }
        '404':
          description: no such pet
          content:
            application/json:
              schema: { $ref: '../shared/errors.yaml#/Error' }
`;

const pet = (withName: boolean) => `Pet:
  type: object
  required: [id]
  properties:
    id: { type: string }
${withName ? '    name: { type: string }\n' : ''}    tag: { $ref: './tag.yaml#/Tag' }
`;

const tag = (withLabel: boolean) => `Tag:
  type: object
  properties:
    id: { type: string }
${withLabel ? '    label: { type: string }\n' : ''}`;

const ERRORS = `Error:
  type: object
  properties:
    message: { type: string }
    docs: { $ref: 'https://example.com/schemas/link.yaml' }
`;

const tree = (over: Tree = {}): Tree => ({
  'api/openapi.yaml': ENTRY,
  'api/schemas/pet.yaml': pet(true),
  'api/schemas/tag.yaml': tag(true),
  'shared/errors.yaml': ERRORS,
  ...over,
});

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A temp repository with one commit per tree (each tree is the whole content at that commit). */
function repo(...commits: Tree[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'apiaudit-git-spec-'));
  dirs.push(dir);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  commits.forEach((files, i) => {
    git('rm', '-rq', '--ignore-unmatch', '.');
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '-m', `commit ${i}`);
  });
  return dir;
}

const run = (cwd: string, ...argv: string[]) => runCli(argv, { cwd });

const diffAtRefs = (cwd: string) => run(cwd, 'diff', '--git', 'HEAD~1:api/openapi.yaml', 'HEAD:api/openapi.yaml', '--format', 'json');

describe('apiaudit diff --git with multi-file specs', () => {
  it.each([
    ['a file the entry refers to', { 'api/schemas/pet.yaml': pet(false) }, 'api/schemas/pet.yaml', '/Pet/properties/name'],
    ['a file reached only through another referenced file', { 'api/schemas/tag.yaml': tag(false) }, 'api/schemas/tag.yaml', '/Tag/properties/label'],
  ])('reports a property removed in %s', async (_, change, file, pointer) => {
    const result = await diffAtRefs(repo(tree(), tree(change)));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { changes } = JSON.parse(result.stdout);
    expect(changes.map((c: { checkId: string }) => c.checkId)).toEqual(['response-property-removed']);
    expect(changes[0].base).toMatchObject({ file, pointer });
  });

  it('reports no changes when the spec files are the same at both refs', async () => {
    const result = await diffAtRefs(repo(tree(), tree({ 'README.md': 'unrelated\n' })));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).changes).toEqual([]);
  });

  it.each([
    ['an unknown ref', 'nope:api/openapi.yaml', /^apiaudit diff: git show nope:api\/openapi\.yaml failed: fatal: .+\n$/],
    ['a path missing at the ref', 'HEAD:api/missing.yaml', /^apiaudit diff: git show HEAD:api\/missing\.yaml failed: fatal: .+\n$/],
    ['no path', 'HEAD', /^apiaudit diff: --git takes REF:PATH, not 'HEAD'\n$/],
  ])('exits 2 with a one-line error for %s', async (_, spec, message) => {
    const result = await run(repo(tree()), 'diff', '--git', spec, 'HEAD:api/openapi.yaml');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });
});

describe('readSpecAtRef', () => {
  it('reads the entry and every file reached through relative refs, skipping remote and missing ones', () => {
    const dir = repo(tree({ 'api/schemas/tag.yaml': `${tag(true)}Other: { $ref: './gone.yaml#/X' }\n`, 'api/unused.yaml': 'x: 1\n' }));
    const { entry, files } = readSpecAtRef('HEAD:api/openapi.yaml', dir);
    expect(entry).toBe('api/openapi.yaml');
    expect([...files.keys()].sort()).toEqual(['api/openapi.yaml', 'api/schemas/pet.yaml', 'api/schemas/tag.yaml', 'shared/errors.yaml']);
    expect(files.get('api/schemas/pet.yaml')?.toString()).toBe(pet(true));
  });

  it('names a ./ path from the repository root when run in a subfolder', () => {
    const dir = repo(tree());
    const { entry, files } = readSpecAtRef('HEAD:./openapi.yaml', join(dir, 'api'));
    expect(entry).toBe('api/openapi.yaml');
    expect(files.has('shared/errors.yaml')).toBe(true);
  });
});
