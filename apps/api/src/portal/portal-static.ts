import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROBLEM_BASE } from '../http/problem';

/**
 * The portal bundle `npm run build` writes to dist/portal: from the compiled api (dist/apps/api/src/portal) and
 * from its TypeScript sources (tests) alike.
 */
export function findPortalBundle(): string | undefined {
  return [resolve(__dirname, '../../../../portal'), resolve(__dirname, '../../../../dist/portal')].find((dir) => existsSync(join(dir, 'index.html')));
}

/**
 * Scripts and styles come only from this origin, nothing inline, no framing by other sites; the plan is framed
 * from the api itself. connect-src 'self' covers the JSON API and the progress event stream.
 */
export const PORTAL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', PORTAL_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // Invitation links carry their token in the path: never send it on as a referrer.
  res.setHeader('Referrer-Policy', 'no-referrer');
}

// Plain middleware runs outside Nest's exception filter, so it writes the problem body itself.
function sendProblem(req: Request, res: Response, status: number, slug: string, title: string, detail: string): void {
  res.status(status).type('application/problem+json').send(JSON.stringify({ type: `${PROBLEM_BASE}${slug}`, title, status, detail, instance: req.originalUrl }));
}

/**
 * Serves the single-page portal at /app/: hashed assets as immutable, every other path under /app the
 * index.html (no-cache) so the browser's router picks the screen. Unknown assets are a 404, not the page.
 */
export function portalMiddleware(bundle: string | undefined): express.Router {
  // Strict: `/app` redirects to `/app/`, which serves the page.
  const router = express.Router({ strict: true });
  router.get('/app', (_req, res) => res.redirect(301, '/app/'));
  if (!bundle) {
    router.use('/app', (req: Request, res: Response) => {
      sendProblem(req, res, 503, 'portal-not-built', 'Portal not built', 'The portal bundle is missing; run `npm run build`.');
    });
    return router;
  }
  router.use(
    '/app/assets',
    express.static(join(bundle, 'assets'), {
      index: false,
      immutable: true,
      maxAge: '365d',
      setHeaders: (res) => securityHeaders(res),
    }),
  );
  router.use('/app/assets', (req: Request, res: Response) => sendProblem(req, res, 404, 'not-found', 'Not found', 'No such portal asset; reload the page for the current version.'));
  router.get(/^\/app\/.*/, (req: Request, res: Response, next: NextFunction) => {
    securityHeaders(res);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(bundle, 'index.html'), { headers: { 'Cache-Control': 'no-cache' } }, (error) => error && next(error));
  });
  return router;
}
