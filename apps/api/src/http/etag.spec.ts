import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, of } from 'rxjs';
import { Answer, Representation } from './answer';
import { ConditionalGetInterceptor, ifNoneMatchNames, strongEtag } from './etag';

function get(value: unknown, ifNoneMatch?: string) {
  const headers: Record<string, string> = {};
  const req = { headers: ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch } };
  const res = { setHeader: (name: string, v: string) => void (headers[name] = v) };
  const context = { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as unknown as ExecutionContext;
  const next: CallHandler = { handle: () => of(value) };
  return { headers, answer: lastValueFrom(new ConditionalGetInterceptor().intercept(context, next)) };
}

describe('ConditionalGetInterceptor', () => {
  const audit = { id: 'a1', status: 'running' };
  const etag = strongEtag(JSON.stringify(audit));

  it('sends a DTO as JSON with a strong ETag over its bytes, revalidated on every use', async () => {
    const { headers, answer } = get(audit);
    expect(await answer).toEqual(new Representation(JSON.stringify(audit), 'application/json', etag));
    expect(headers).toEqual({ ETag: etag, 'Cache-Control': 'private, no-cache' });
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it('answers 304 without a body when If-None-Match names the version', async () => {
    const { headers, answer } = get(audit, `"other", ${etag}`);
    expect(await answer).toEqual(new Answer(304, undefined));
    expect(headers.ETag).toBe(etag);
  });

  it('sends the whole answer again once the version changed', async () => {
    const { answer } = get({ ...audit, status: 'succeeded' }, etag);
    expect(await answer).toBeInstanceOf(Representation);
  });

  it("keeps a representation's own validator (a plan version) and its media type", async () => {
    const pdf = new Representation(Buffer.from('%PDF-1.7'), 'application/pdf', '"plan-v2"');
    expect(await get(pdf).answer).toEqual(pdf);
    expect(await get(pdf, '"plan-v2"').answer).toEqual(new Answer(304, undefined));
    const markdown = new Representation('# Changes', 'text/markdown; charset=utf-8');
    expect(await get(markdown).answer).toEqual(new Representation('# Changes', 'text/markdown; charset=utf-8', strongEtag('# Changes')));
  });
});

describe('ifNoneMatchNames', () => {
  it('compares weakly and takes *, as RFC 9110 has If-None-Match do', () => {
    expect(ifNoneMatchNames('W/"abc"', '"abc"')).toBe(true);
    expect(ifNoneMatchNames('*', '"abc"')).toBe(true);
    expect(ifNoneMatchNames('"abd"', '"abc"')).toBe(false);
    expect(ifNoneMatchNames(undefined, '"abc"')).toBe(false);
  });
});
