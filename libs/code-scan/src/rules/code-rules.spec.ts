import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { scanFiles } from '../scan-repository';
import { listSourceFiles } from '../source-files';
import { CODE_RULES } from './index';

const FIXTURES = resolve(__dirname, '../__fixtures__/rules');
const DOCS = resolve(__dirname, '../../../../docs/rules');
const MARKER = /expect-finding(?::\s*([A-Z]+)\s+(\S+))?/;

/** `file:line` of every finding of one rule, with its endpoint when it has one. */
function findingsOf(id: string, dir: string): string[] {
  const files = listSourceFiles(dir, { maxFiles: 100, maxFileBytes: 1 << 20 });
  return scanFiles(files, { isEnabled: (ruleId) => ruleId === id })
    .findings.filter((f) => f.ruleId === id)
    .map((f) => `${f.evidence[0].file}:${f.evidence[0].line}${f.endpoint ? ` ${f.endpoint.method} ${f.endpoint.path}` : ''}`)
    .sort();
}

/** Where the bad fixture says findings belong: a line carrying `expect-finding[: METHOD /path]`. */
function markedLines(dir: string): string[] {
  return listSourceFiles(dir, { maxFiles: 100, maxFileBytes: 1 << 20 })
    .flatMap((file) =>
      file.text.split('\n').flatMap((line, i) => {
        const match = MARKER.exec(line);
        return match ? [`${file.path}:${i + 1}${match[1] ? ` ${match[1]} ${match[2]}` : ''}`] : [];
      }),
    )
    .sort();
}

describe('code rule registry', () => {
  it('holds at least 25 rules with unique ids, a target, a docs page and both fixtures each', () => {
    const ids = CODE_RULES.map((r) => r.meta.id);
    expect(ids.length).toBeGreaterThanOrEqual(25);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { meta } of CODE_RULES) {
      expect(meta.source).toBe('code');
      expect(meta.target).toEqual({ metric: 'findings.count', comparator: '==', value: 0 });
      expect({ id: meta.id, docs: existsSync(resolve(DOCS, `${meta.id}.md`)) }).toEqual({ id: meta.id, docs: true });
      expect(readFileSync(resolve(DOCS, `${meta.id}.md`), 'utf8')).toContain(meta.title);
      expect({ id: meta.id, bad: existsSync(resolve(FIXTURES, meta.id, 'bad')), good: existsSync(resolve(FIXTURES, meta.id, 'good')) }).toEqual({ id: meta.id, bad: true, good: true });
    }
  });
});

describe.each(CODE_RULES.map((rule) => [rule.meta.id]))('%s', (id) => {
  it('fires on its bad fixture exactly on the marked lines, naming the endpoint whose handler reaches it', () => {
    const bad = resolve(FIXTURES, id, 'bad');
    const expected = markedLines(bad);
    expect(expected.length).toBeGreaterThan(0);
    expect(findingsOf(id, bad)).toEqual(expected);
  });

  it('stays quiet on its good fixture', () => {
    expect(findingsOf(id, resolve(FIXTURES, id, 'good'))).toEqual([]);
  });
});
