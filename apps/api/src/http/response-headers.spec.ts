import { declareResponseHeaders, SendsEtag, SendsLocation } from './response-headers';

// @nestjs/swagger keeps operation extensions under this key (DECORATORS.API_EXTENSION, not exported).
const API_EXTENSION = 'swagger/apiExtension';

/** The operation extensions decorators leave on a handler, as SwaggerModule copies them onto the operation. */
function extensionsOf(...decorators: MethodDecorator[]): Record<string, unknown> {
  const handler = { route() {} };
  const descriptor = Object.getOwnPropertyDescriptor(handler, 'route')!;
  for (const decorate of decorators) decorate(handler, 'route', descriptor);
  return Reflect.getMetadata(API_EXTENSION, descriptor.value);
}

describe('declareResponseHeaders', () => {
  it('puts each header a decorator names on the responses of its statuses, beside the headers they have', () => {
    const operation: Record<string, any> = {
      ...extensionsOf(SendsLocation(201, 200), SendsEtag()),
      responses: { '200': { description: 'found', headers: { 'Set-Cookie': { schema: { type: 'string' } } } }, '201': { description: 'created' } },
    };
    declareResponseHeaders(operation, 'POST /things');
    expect(Object.keys(operation.responses['200'].headers).sort()).toEqual(['ETag', 'Location', 'Set-Cookie']);
    expect(Object.keys(operation.responses['201'].headers)).toEqual(['Location']);
    expect(Object.keys(operation).filter((key) => key.startsWith('x-'))).toEqual([]);
  });

  it('refuses a header on a status the route does not document', () => {
    const operation = { ...extensionsOf(SendsLocation(202)), responses: { '200': { description: 'ok' } } };
    expect(() => declareResponseHeaders(operation, 'POST /things')).toThrow('POST /things sends Location on 202 but documents no 202 response');
  });
});
