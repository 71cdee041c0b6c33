import { parseSpecFile, type ParsedFile } from './parsed-file';
import { parseYamlWithPositions, YamlSyntaxError } from './yaml-positions';

const TEXT = [
  'openapi: 3.0.3', //                       1
  'info:', //                                2
  '  title: t', //                           3
  '  description:', //                       4  (empty value)
  '  version: "1"', //                       5
  'paths:', //                               6
  '  /pets:', //                             7
  '    get:', //                             8
  '      # lists pets', //                   9
  '      tags: [pets, "animals"]', //        10
  '      parameters:', //                    11
  '        - name: limit', //                12
  '          in: query', //                  13
  '        -', //                            14
  '          # second item on its own line', // 15
  '          name: cursor', //               16
  '      responses:', //                     17
  '        "200": {description: ok, content: {}}', // 18
  '        404:', //                         19
  '          description: missing', //       20
  '? x-explicit', //                         21
  ': value', //                              22
].join('\n');

/** `line:column` of a pointer's node, for compact expectations. */
function lineColumnOf(file: ParsedFile): (pointer: string) => string {
  return (pointer) => {
    const { line, column } = file.position(pointer);
    return `${line}:${column}`;
  };
}

describe('YAML source positions', () => {
  const file = parseSpecFile('openapi.yaml', TEXT);
  const at = lineColumnOf(file);

  it.each([
    ['', '1:1'],
    ['/info/description', '4:3'],
    ['/info/version', '5:3'],
    ['/paths/~1pets/get', '8:5'],
    ['/paths/~1pets/get/tags', '10:7'],
    ['/paths/~1pets/get/tags/1', '10:20'],
    ['/paths/~1pets/get/parameters/0', '12:11'],
    ['/paths/~1pets/get/parameters/1', '16:11'],
    ['/paths/~1pets/get/parameters/1/name', '16:11'],
    ['/paths/~1pets/get/responses/200', '18:9'],
    ['/paths/~1pets/get/responses/200/content', '18:34'],
    ['/paths/~1pets/get/responses/404/description', '20:11'],
    ['/x-explicit', '21:3'],
    ['/paths/~1pets/get/missing/deeper', '8:5'],
  ])('%s is at %s', (pointer, expected) => {
    expect(at(pointer)).toBe(expected);
  });

  it('keeps values as the YAML 1.2 core schema reads them: dates stay strings, yes is no boolean', () => {
    const { value } = parseYamlWithPositions('released: 2020-09-14\ncount: 0x10\nflag: yes\n');
    expect(value).toEqual({ released: '2020-09-14', count: 16, flag: 'yes' });
  });

  it('names line and column of a duplicate key', () => {
    const error = (() => {
      try {
        parseYamlWithPositions('a: 1\nb:\n  c: 1\n  c: 2\n');
      } catch (e) {
        return e;
      }
    })() as YamlSyntaxError;
    expect(error).toBeInstanceOf(YamlSyntaxError);
    expect([error.reason, error.line]).toEqual(['duplicate key', 4]);
  });

  it('refuses aliases that expand exponentially, but accepts ordinary reuse', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 6; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    expect(() => parseYamlWithPositions(lines.join('\n'))).toThrow(/alias bomb/);
    expect(parseYamlWithPositions('base: &b {type: string}\nother: *b\n').value).toEqual({ base: { type: 'string' }, other: { type: 'string' } });
  });
});

// Answers as given before member tables were built lazily; they must not change.
describe('YAML positions through anchors and aliases', () => {
  const text = ['base: &b', '  x: 1', '  y: [1, &s {q: 3}]', 'use: *b', 'merged:', '  <<: *b', '  z: 2', 'seq:', '  - *s', '  -', '  - last'].join('\n');
  const file = parseSpecFile('a.yaml', text);
  const at = lineColumnOf(file);

  it.each([
    ['/use/x', '2:3'],
    ['/use/y/1/q', '3:14'],
    ['/seq/0/q', '3:14'],
    ['/merged/z', '7:3'],
    ['/merged/x', '5:1'], // merged members have no position of their own: the mapping's
    ['/seq/1', '11:5'], // pins current behaviour: an empty item composes no node, so it takes no index
    ['/seq/2', '8:1'],
    ['/seq/01', '8:1'],
  ])('%s is at %s', (pointer, expected) => {
    expect(at(pointer)).toBe(expected);
  });
});
