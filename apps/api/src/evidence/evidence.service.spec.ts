import { pickFile } from './evidence.service';

describe('pickFile', () => {
  const files = new Map([
    ['api/openapi.yaml', Buffer.from('a')],
    ['api/schemas/order.yaml', Buffer.from('b')],
  ]);

  it('finds the evidence file by path, then by base name', () => {
    expect(pickFile(files, 'api/schemas/order.yaml')?.[0]).toBe('api/schemas/order.yaml');
    expect(pickFile(files, 'examples/shop/order.yaml')?.[0]).toBe('api/schemas/order.yaml');
  });

  it('falls back to the only file of a single-document upload, and to nothing when unsure', () => {
    expect(pickFile(new Map([['openapi.yaml', Buffer.from('a')]]), 'examples/shop/spec.yaml')?.[0]).toBe('openapi.yaml');
    expect(pickFile(files, 'other.yaml')).toBeUndefined();
  });
});
