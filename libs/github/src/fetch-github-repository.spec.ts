import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildTarGz, type ArchiveMember } from './__fixtures__/build-archives';
import { fetchGithubRepository, parseGithubRef, resolveGithubCommit } from './index';

const SHA = '4f8a1c2d9e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39';
const shopSource = join(__dirname, '../../../examples/shop/src');

function listFiles(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name), root) : [relative(root, join(dir, entry.name))],
  );
}

/** A tarball laid out as GitHub serves it: everything under `owner-repo-shortsha/`. */
function githubTarball(files: ArchiveMember[]): Promise<Buffer> {
  return buildTarGz([{ name: 'acme-shop-api-4f8a1c2/', body: '', type: 'directory' }, ...files.map((f) => ({ ...f, name: `acme-shop-api-4f8a1c2/${f.name}` }))]);
}

describe('fetchGithubRepository against recorded GitHub responses on 127.0.0.1', () => {
  let server: Server;
  let baseUrl: string;
  let tarball: Buffer;
  const requests: string[] = [];
  let busyCalls = 0;

  beforeAll(async () => {
    const files = listFiles(shopSource).map((name) => ({ name: `src/${name}`, body: readFileSync(join(shopSource, name), 'utf8') }));
    tarball = await githubTarball([...files, { name: 'src/escape', body: '/etc/passwd', type: 'symlink' }]);
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url} auth=${req.headers.authorization ?? '-'}`);
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/repos/acme/shop-api') return json(200, JSON.parse(readFileSync(join(__dirname, '__fixtures__/repos-get.json'), 'utf8')));
      if (req.url === '/repos/acme/shop-api/commits/main') {
        return json(200, JSON.parse(readFileSync(join(__dirname, '__fixtures__/commits-main.json'), 'utf8')));
      }
      // GitHub answers the tarball endpoint with a redirect to codeload; the client must follow it.
      if (req.url === `/repos/acme/shop-api/tarball/${SHA}`) {
        res.writeHead(302, { location: `${baseUrl}/codeload/acme/shop-api/legacy.tar.gz/${SHA}` });
        return res.end();
      }
      if (req.url === `/codeload/acme/shop-api/legacy.tar.gz/${SHA}`) {
        res.writeHead(200, { 'content-type': 'application/x-gzip' });
        return res.end(tarball);
      }
      // Rate-limited once, with the reset a second away (GitHub's headers), then answered: the throttle waits and retries.
      if (req.url === '/repos/acme/busy/commits/main') {
        busyCalls += 1;
        if (busyCalls === 1) {
          const reset = Math.ceil(Date.now() / 1000) + 1;
          res.writeHead(403, { 'content-type': 'application/json', 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) });
          return res.end(JSON.stringify({ message: 'API rate limit exceeded for 127.0.0.1.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' }));
        }
        return json(200, JSON.parse(readFileSync(join(__dirname, '__fixtures__/commits-main.json'), 'utf8')));
      }
      if (req.url?.startsWith('/repos/acme/limited')) {
        res.writeHead(403, { 'content-type': 'application/json', 'x-ratelimit-remaining': '0' });
        return res.end(JSON.stringify({ message: 'API rate limit exceeded' }));
      }
      json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('resolves the default branch to a commit and unpacks that commit without the wrapper folder or links', async () => {
    const destination = mkdtempSync(join(tmpdir(), 'gh-test-'));
    try {
      const fetched = await fetchGithubRepository(parseGithubRef('github:acme/shop-api'), { baseUrl, token: 't0k', destination });
      expect(fetched).toMatchObject({ sha: SHA, ref: 'main', path: destination });
      expect(listFiles(destination).sort()).toEqual(listFiles(shopSource).map((f) => `src/${f}`).sort());
      expect(fetched.files).toBe(listFiles(shopSource).length);
      expect(readFileSync(join(destination, 'src/routes/orders.ts'), 'utf8')).toBe(readFileSync(join(shopSource, 'routes/orders.ts'), 'utf8'));
      expect(requests).toEqual(
        expect.arrayContaining([
          'GET /repos/acme/shop-api auth=token t0k',
          'GET /repos/acme/shop-api/commits/main auth=token t0k',
          `GET /repos/acme/shop-api/tarball/${SHA} auth=token t0k`,
        ]),
      );
    } finally {
      rmSync(destination, { recursive: true, force: true });
    }
  });

  it('waits out a rate limit until its reset and tries again', async () => {
    await expect(resolveGithubCommit({ owner: 'acme', name: 'busy', ref: 'main' }, { baseUrl, retryAfterBaseValue: 50 })).resolves.toEqual({ ref: 'main', sha: SHA });
    expect(busyCalls).toBe(2);
  });

  it('stops at the file limit', async () => {
    await expect(
      fetchGithubRepository({ owner: 'acme', name: 'shop-api', ref: 'main' }, { baseUrl, limits: { maxFiles: 2 } }),
    ).rejects.toThrow('more than 2 files');
  });

  it('names the repository and the cause when GitHub says no', async () => {
    await expect(fetchGithubRepository(parseGithubRef('github:acme/missing@v1'), { baseUrl })).rejects.toThrow(
      'github:acme/missing@v1: repository or ref not found',
    );
    // A limit without a reset time is retried twice at once, then reported.
    await expect(fetchGithubRepository(parseGithubRef('github:acme/limited'), { baseUrl })).rejects.toThrow('HTTP 403');
    expect(requests.filter((r) => r.startsWith('GET /repos/acme/limited '))).toHaveLength(3);
  });

  it('rejects malformed references before any request', () => {
    expect(() => parseGithubRef('github:acme')).toThrow('github:owner/name[@ref]');
    expect(() => parseGithubRef('gitlab:acme/x')).toThrow();
    expect(parseGithubRef('github:acme/shop-api.git@v2.1')).toEqual({ owner: 'acme', name: 'shop-api', ref: 'v2.1' });
  });
});
