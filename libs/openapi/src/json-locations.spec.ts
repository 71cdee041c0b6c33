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

describe('JSON source positions in large containers', () => {
  // Containers far above the size whose end is remembered, nested, with brackets and quotes inside strings.
  const doc: Record<string, unknown> = {};
  for (let i = 0; i < 40; i++) {
    doc[`k${i}`] = { text: `"]}{[ \\ ${'x'.repeat(300)}`, items: [{ [`deep${i}`]: { list: [1, 2, { [`leaf${i}`]: 'y'.repeat(300) }] } }] };
  }
  const text = JSON.stringify({ before: [{}, [[]]], doc, after: 'end' }, null, 1);
  const locator = new JsonLocator(text);

  it('finds keys after skipping large siblings, in any query order', () => {
    for (const i of [39, 0, 17, 38, 1]) {
      expect(locator.offsetOf(`/doc/k${i}/items/0/deep${i}/list/2/leaf${i}`)).toBe(text.indexOf(`"leaf${i}"`));
      expect(locator.offsetOf(`/doc/k${i}/items/0`)).toBe(text.indexOf('{', text.indexOf('"items"', text.indexOf(`"k${i}"`))));
    }
    expect(locator.offsetOf('/after')).toBe(text.indexOf('"after"'));
  });

  it('names array items by their canonical index only', () => {
    expect(locator.offsetOf('/before/1/0')).toBe(text.indexOf('[]'));
    expect(locator.offsetOf('/before/01')).toBe(text.indexOf('"before"'));
    expect(locator.offsetOf('/before/2')).toBe(text.indexOf('"before"'));
    expect(locator.offsetOf('/before/1')).toBe(text.indexOf('[', text.indexOf('{}')));
  });
});

describe('JSON source positions in long runs', () => {
  it('passes millions of strings between two brackets, and strings of many escapes, without overflowing', () => {
    const many = JSON.stringify({ a: { big: Array.from({ length: 3_000_000 }, (_, i) => `s${i % 10}`), x: 1 }, b: { c: 2 } });
    expect(new JsonLocator(many).offsetOf('/b/c')).toBe(many.lastIndexOf('"c"'));
    const escapes = JSON.stringify({ a: { big: `${'\\"'.repeat(500_000)}]`, y: ['\\"]', `${'\\'.repeat(100)}[`] }, b: 1 });
    const locator = new JsonLocator(escapes);
    expect(locator.offsetOf('/b')).toBe(escapes.lastIndexOf('"b"'));
    expect(locator.offsetOf('/a/y/1')).toBe(escapes.indexOf('","', escapes.indexOf('"y"')) + 2);
  });
});
