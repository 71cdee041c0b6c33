import { scanFiles } from './scan-repository';
import { MAX_SYNTAX_NESTING } from './syntax/parse-source';

const DEEP = 100_000;

/**
 * Source files nested 100,000 deep (200 KB each) in every language the scan reads: the syntax walks recurse, so
 * such files are left out and named in `skipped`, and the rest of the repository is scanned as usual.
 */
describe('code scan survives source nested 100,000 deep', () => {
  it('leaves deep files out, names them, and scans the others', () => {
    const deep = (open: string, close: string) => `${open.repeat(DEEP)}1${close.repeat(DEEP)}`;
    const files = [
      { path: 'deep/app.js', text: `const app = require('express')();\napp.get('/deep', (req, res) => res.json(${deep('[', ']')}));\n` },
      { path: 'deep/app.py', text: `from flask import Flask\napp = Flask(__name__)\n@app.route('/deep')\ndef a():\n    return ${deep('[', ']')}\n` },
      { path: 'deep/main.go', text: `package main\nfunc main() { x := ${deep('(', ')')}\n _ = x }\n` },
      { path: 'deep/App.java', text: `class App { int f() { return ${deep('(', ')')}; } }\n` },
      { path: 'ok/app.js', text: `const app = require('express')();\napp.get('/fine', (req, res) => res.json(${deep('[', ']').slice(DEEP - 50, DEEP + 51)}));\n` },
    ];
    const result = scanFiles(files);
    expect(result.skipped?.map((s) => s.path)).toEqual(['deep/app.js', 'deep/app.py', 'deep/main.go', 'deep/App.java']);
    expect(result.skipped?.[0]?.reason).toBe(`brackets nested ${DEEP + 2} deep (more than ${MAX_SYNTAX_NESTING})`);
    expect(result.endpoints.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /fine']);
  });

  it('scans a file nested just under the limit', () => {
    const text = `const app = require('express')();\napp.get('/edge', (req, res) => res.json(${'['.repeat(MAX_SYNTAX_NESTING - 2)}1${']'.repeat(MAX_SYNTAX_NESTING - 2)}));\n`;
    const result = scanFiles([{ path: 'app.js', text }]);
    expect({ skipped: result.skipped, endpoints: result.endpoints.map((e) => e.path) }).toEqual({ skipped: undefined, endpoints: ['/edge'] });
  });
});
