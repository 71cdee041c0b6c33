import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { catalogRules } from '@apiaudit/pipeline';
import { renderRuleDoc, renderRuleIndex } from '@apiaudit/rules';
import type { CliCommand, CliIo } from '../cli-command';
import { formatTable } from '../summary-table';

export const rulesCommand: CliCommand = {
  name: 'rules',
  summary: 'list every rule or write their docs',
  usage: `usage: apiaudit rules [--json] [--docs DIR]

Lists every rule (spec, trace, drift): id, category, default severity, source.
  --json      one JSON array on stdout
  --docs DIR  write one Markdown page per rule plus README.md (the index) into DIR`,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false }, docs: { type: 'string' } }, strict: true });
    const catalog = catalogRules();
    const metas = catalog.map((entry) => entry.meta);
    if (values.docs) {
      const dir = resolve(io.cwd, values.docs);
      mkdirSync(dir, { recursive: true });
      for (const { meta, options, example } of catalog) writeFileSync(join(dir, `${meta.id}.md`), renderRuleDoc(meta, { ...(options ? { defaults: options } : {}), ...(example ? { example } : {}) }));
      writeFileSync(join(dir, 'README.md'), renderRuleIndex(metas));
      io.stdout.write(`wrote ${metas.length} rule pages to ${values.docs}\n`);
      return 0;
    }
    if (values.json) {
      const list = metas.map(({ id, title, category, severity, source, owasp, target, deprecatedIds }) => ({ id, title, category, severity, source, ...(owasp ? { owasp } : {}), ...(target ? { target } : {}), ...(deprecatedIds ? { deprecatedIds } : {}) }));
      io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      return 0;
    }
    io.stdout.write(`${formatTable(['id', 'source', 'category', 'severity'], metas.map((m) => [m.id, m.source, m.category, m.severity]))}\n`);
    return 0;
  },
};
