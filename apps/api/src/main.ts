import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import express from 'express';
import { Logger } from 'nestjs-pino';
import { readPlatformConfig } from '@apiaudit/db';
import { ApiModule } from './api.module';
import { assertJsonDepth } from './http/json-depth';
import { buildOpenApiDocument } from './http/openapi-document';
import { createValidationPipe } from './http/validation';
import { findPortalBundle, portalMiddleware } from './portal/portal-static';

/** Builds the HTTP app (not listening), so tests and the server start it the same way. */
export async function createApiApp(env: NodeJS.ProcessEnv = process.env): Promise<NestExpressApplication> {
  const config = readPlatformConfig(env);
  const app = await NestFactory.create<NestExpressApplication>(
    ApiModule.forRoot(config),
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  // Behind a TLS-terminating proxy named here, req.secure and req.ip come from X-Forwarded-*: Secure cookies, real addresses.
  app.set('trust proxy', config.trustProxy);
  app.use(cookieParser());
  const limit = config.maxUploadBytes;
  // Uploads keep their exact bytes (they are hashed and stored); every other body is JSON.
  // Trace exports sent as the raw body are streamed to disk by the controller, never buffered whole.
  const isStreamedTraceUpload = (req: { url?: string; headers: Record<string, unknown> }) =>
    /[?&]kind=traces(&|$)/.test(req.url ?? '') && !String(req.headers['content-type'] ?? '').startsWith('multipart/');
  // Mounted here, req.url is what follows `/sources`: the upload route itself, not `/sources/github` (JSON).
  const isUploadRoute = (req: { url?: string }) => /^\/?(\?|$)/.test(req.url ?? '');
  app.use('/v1/projects/:id/sources', express.raw({ type: (req) => isUploadRoute(req as never) && !String(req.headers['content-type'] ?? '').startsWith('multipart/') && !isStreamedTraceUpload(req as never), limit }));
  // Signed webhooks are verified over the exact bytes that were signed (GitHub sends up to 25 MB).
  app.use('/v1/webhooks', express.raw({ type: () => true, limit: '25mb' }));
  // A project's apiaudit.yaml is kept as the text that was sent, YAML or JSON alike (the config service checks the type).
  app.use('/v1/projects/:id/config', express.text({ type: ['application/*', 'text/*'], limit: '256kb' }));
  // The JSON parser must not take a streamed trace body either: OTLP JSON is naturally sent as application/json.
  app.use(express.json({ limit: '1mb', verify: (_req, _res, bytes) => assertJsonDepth(bytes), type: (req) => /^application\/([\w.+-]*\+)?json\b/i.test(String(req.headers['content-type'] ?? '')) && !isStreamedTraceUpload(req as never) }));
  app.use(portalMiddleware(findPortalBundle()));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = buildOpenApiDocument(app);
  app.use('/v1/openapi.json', (req: express.Request, res: express.Response, next: express.NextFunction) => (req.method === 'GET' ? res.json(document) : next()));
  return app;
}

if (require.main === module) {
  createApiApp()
    .then(async (app) => {
      const port = readPlatformConfig(process.env).port;
      await app.listen(port, '0.0.0.0');
    })
    .catch((error: unknown) => {
      process.stderr.write(`apiaudit api: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
