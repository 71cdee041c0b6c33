import { get, ok, spec, type Doc, type Pair } from './fixtures';

// `now` in the fixtures is 2026-11-25; the default policy asks for 90 days of deprecation.
const sunsetHeader = (date: string): Doc => ({ responses: { '200': { ...ok()['200'], headers: { Sunset: { schema: { type: 'string' }, example: date } } } } });
const callback = { onEvent: { '{$request.body#/url}': { post: { responses: { '200': { description: 'ok' } } } } } };

export const OPERATION_PAIRS: Pair[] = [
  ['deprecated with a sunset too close', spec({ '/a': get() }), spec({ '/a': get({ deprecated: true, 'x-sunset': '2027-01-15' }) }), ['operation-deprecated', 'operation-deprecation-window-too-short']],
  ['deprecated without a sunset date', spec({ '/a': get() }), spec({ '/a': get({ deprecated: true }) }), ['operation-deprecated']],
  ['deprecation taken back', spec({ '/a': get({ deprecated: true }) }), spec({ '/a': get() }), ['operation-undeprecated']],
  ['sunset brought forward but still far', spec({ '/a': get({ deprecated: true, 'x-sunset': '2028-01-01' }) }), spec({ '/a': get({ deprecated: true, 'x-sunset': '2027-06-01' }) }), ['operation-sunset-earlier']],
  ['sunset brought forward inside the window', spec({ '/a': get({ deprecated: true, 'x-sunset': '2027-06-01' }) }), spec({ '/a': get({ deprecated: true, 'x-sunset': '2026-12-20' }) }), ['operation-sunset-earlier', 'operation-deprecation-window-too-short']],
  ['sunset pushed back', spec({ '/a': get({ deprecated: true, 'x-sunset': '2027-06-01' }) }), spec({ '/a': get({ deprecated: true, 'x-sunset': '2028-01-01' }) }), []],
  ['removed before the sunset in its Sunset header', spec({ '/a': get({ deprecated: true, ...sunsetHeader('2027-03-01') }), '/b': get() }), spec({ '/b': get() }), ['operation-removed-before-sunset']],
  ['removed after the sunset in its Sunset header', spec({ '/a': get({ deprecated: true, ...sunsetHeader('2026-06-01') }), '/b': get() }), spec({ '/b': get() }), ['operation-removed-deprecated']],
  ['x-sunset that is not a date counts as none', spec({ '/a': get({ deprecated: true, 'x-sunset': 'soon' }) }), spec({}), ['operation-removed-too-soon']],
  ['callback removed', spec({ '/a': get({ callbacks: callback }) }), spec({ '/a': get() }), ['callback-removed']],
  ['callback added', spec({ '/a': get() }), spec({ '/a': get({ callbacks: callback }) }), ['callback-added']],
  ['operation moved to another method', spec({ '/a': { put: { responses: ok() } } }), spec({ '/a': { patch: { responses: ok() } } }), ['operation-removed', 'operation-added']],
  ['trailing slash is another path', spec({ '/a': get() }), spec({ '/a/': get() }), ['operation-removed', 'operation-added']],
  ['summary, description and tags changed', spec({ '/a': get({ summary: 'List', tags: ['x'] }) }), spec({ '/a': get({ summary: 'List all', description: 'More words', tags: ['y'] }) }), []],
  ['operationId added where there was none', spec({ '/a': get() }), spec({ '/a': get({ operationId: 'listA' }) }), []],
  ['path moved to a path-item $ref', spec({ '/a': get() }), spec({ '/a': { $ref: '#/x-paths/a' } }, { 'x-paths': { a: get() } }), []],
];
