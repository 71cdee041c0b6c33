// cookie-parser ships no types and @types/cookie-parser would be a dependency for one call: the part we use.
declare module 'cookie-parser' {
  import type { RequestHandler } from 'express';
  export default function cookieParser(secret?: string | string[]): RequestHandler;
}
