import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { extractEndpoints } from './extract-endpoints';
import { listSourceFiles } from './source-files';

const ROUTES_TS = `import { Router } from 'express';
export const router = Router();
router.get('/articles', (req, res) => res.json([]));
`;
// What tsc makes of it: the same route, once more, in CommonJS.
const ROUTES_JS = `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const express_1 = require("express");
exports.router = (0, express_1.Router)();
exports.router.get('/articles', (req, res) => res.json([]));
`;

/**
 * A repository as they come: its source beside committed build output, installed dependencies, vendored code,
 * tests and what .gitignore excludes. Folders that git never tracks (the project's own .gitignore has dist/) are
 * made here, at run time, so the case is really on disk.
 */
describe('listSourceFiles on a repository with build output, dependencies and tests', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'apiaudit-source-files-'));
    write('src/routes.ts', ROUTES_TS);
    write('src/types.d.ts', 'export type Id = string;\n');
    write('src/settings/application.yaml', 'server:\n  servlet:\n    context-path: /api\n');
    write('dist/routes.js', ROUTES_JS);
    write('build/routes.js', ROUTES_JS);
    write('out/routes.js', ROUTES_JS);
    write('node_modules/express/index.js', "module.exports = require('./lib/express');\n");
    write('vendor/github.com/gin-gonic/gin/gin.go', 'package gin\n');
    write('public/app.min.js', 'var a=1;\n');
    write('src/routes.spec.ts', "import { router } from './routes';\n");
    write('test/routes.e2e-spec.ts', "import request from 'supertest';\n");
    write('src/__tests__/routes.ts', ROUTES_TS);
    write('.hidden/routes.ts', ROUTES_TS);
    write('.gitignore', 'generated/\n*.local.ts\n');
    write('generated/client.ts', ROUTES_TS);
    write('src/dev.local.ts', ROUTES_TS);
    write('README.md', '# a service\n');
    symlinkSync(join(root, 'dist'), join(root, 'src/linked'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("lists the service's own code and route settings, and nothing else", () => {
    expect(listSourceFiles(root, { maxFiles: 100, maxFileBytes: 1 << 20 }).map((f) => f.path)).toEqual(['src/routes.ts', 'src/settings/application.yaml']);
  });

  it('counts an endpoint once when the repository commits its compiled JavaScript', () => {
    const endpoints = extractEndpoints(listSourceFiles(root, { maxFiles: 100, maxFileBytes: 1 << 20 }));
    expect(endpoints.map((e) => `${e.method} ${e.path} ${e.file}:${e.line}`)).toEqual(['GET /articles src/routes.ts:3']);
  });

  it('stops at maxFiles and passes over files larger than maxFileBytes', () => {
    write('src/big.ts', `export const big = '${'x'.repeat(2048)}';\n`);
    try {
      expect(listSourceFiles(root, { maxFiles: 100, maxFileBytes: 1024 }).map((f) => f.path)).toEqual(['src/routes.ts', 'src/settings/application.yaml']);
      expect(listSourceFiles(root, { maxFiles: 1, maxFileBytes: 1 << 20 })).toHaveLength(1);
    } finally {
      rmSync(join(root, 'src/big.ts'));
    }
  });
});
