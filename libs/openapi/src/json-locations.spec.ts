import { indexLineStarts, JsonLocator, offsetToLineColumn } from './json-locations';

const TEXT = `{
  "openapi": "3.0.3",
  "paths": {
    "/a~b/{id}": {"get": {"tags": ["x", "y\\"z", {"k": []}], "responses": {}}},
    "/esc\\u0041ped": { "post" : { } }
  },
  "list": [ 1 , "two", null, [true] ],
  "last": {}
}`;

describe('JSON source positions', () => {
  const locator = new JsonLocator(TEXT);
  const lines = indexLineStarts(TEXT);
  const at = (pointer: string) => {
    const { line, column } = offsetToLineColumn(lines, locator.offsetOf(pointer));
    return `${line}:${column}`;
  };

  it.each([
    ['', '1:1'],
    ['/openapi', '2:3'],
    ['/paths/~1a~0b~1{id}', '4:5'],
    ['/paths/~1a~0b~1{id}/get/tags/1', '4:41'],
    ['/paths/~1a~0b~1{id}/get/tags/2/k', '4:50'],
    ['/paths/~1a~0b~1{id}/get/responses', '4:61'],
    ['/paths/~1escAped/post', '5:24'],
    ['/list/3', '7:30'],
    ['/list/3/0', '7:31'],
    ['/last', '8:3'],
    ['/paths/~1a~0b~1{id}/put/responses', '4:5'],
    ['/list/9', '7:3'],
  ])('%s is at %s', (pointer, expected) => {
    expect(at(pointer)).toBe(expected);
  });
});
