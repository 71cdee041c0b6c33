import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/** Sends a JSON body with a strong ETag, or 304 when the client already has it. */
export function sendWithEtag(req: Request, res: Response, body: unknown, contentType = 'application/json'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const etag = `"${createHash('sha256').update(text).digest('hex').slice(0, 32)}"`;
  sendBytesWithEtag(req, res, Buffer.from(text), etag, contentType);
}

/** True when the caller already holds this version (If-None-Match names it): the answer will be a 304. */
export function isNotModified(req: Request, etag: string): boolean {
  const match = req.headers['if-none-match'];
  return Boolean(match && match.split(',').map((s) => s.trim()).includes(etag));
}

export function sendBytesWithEtag(req: Request, res: Response, bytes: Buffer, etag: string, contentType: string): void {
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  if (isNotModified(req, etag)) {
    res.status(304).end();
    return;
  }
  res.status(200).type(contentType).send(bytes);
}
