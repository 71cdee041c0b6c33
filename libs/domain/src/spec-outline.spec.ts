import { parseStoredSpecOutline, SPEC_OUTLINE_SCHEMA_VERSION, storedSpecOutlineOf, type SpecOutline } from './spec-outline';

const outline: SpecOutline = { operations: [{ method: 'get', path: '/orders/{id}' }, { method: 'post', path: '/orders' }] };

describe('parseStoredSpecOutline', () => {
  it('reads back an outline stored in this schema version, in its order', () => {
    expect(parseStoredSpecOutline(JSON.parse(JSON.stringify(storedSpecOutlineOf(outline))))).toEqual(outline);
  });

  it.each<[string, unknown]>([
    ['none (a spec stored before outlines)', null],
    ['without a schema version', outline],
    ['of another schema version', { ...outline, schemaVersion: SPEC_OUTLINE_SCHEMA_VERSION + 1 }],
    ['without operations', { schemaVersion: SPEC_OUTLINE_SCHEMA_VERSION }],
    ['with an operation without a path', { schemaVersion: SPEC_OUTLINE_SCHEMA_VERSION, operations: [{ method: 'get' }] }],
  ])('refuses %s, so the outline is made again from the spec', (_case, json) => {
    expect(parseStoredSpecOutline(json)).toBeUndefined();
  });
});
