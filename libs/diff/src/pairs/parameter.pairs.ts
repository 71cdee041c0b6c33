import { get, q, spec, type Doc, type Pair } from './fixtures';

const withParam = (p: Doc) => spec({ '/a': get({ parameters: [p] }) });
const arrayParam = (extra: Doc = {}, items: Doc = { type: 'string' }) => ({ ...q('ids', { type: 'array', items }), ...extra });

export const PARAMETER_PAIRS: Pair[] = [
  ['parameter deprecated', withParam(q('sort')), withParam({ ...q('sort'), deprecated: true }), ['request-parameter-deprecated']],
  ['free parameter restricted to an enum', withParam(q('sort')), withParam(q('sort', { type: 'string', enum: ['asc', 'desc'] })), ['request-parameter-enum-added']],
  ['parameter enum swapped a value', withParam(q('s', { type: 'string', enum: ['a', 'b'] })), withParam(q('s', { type: 'string', enum: ['a', 'c'] })), ['request-parameter-enum-value-removed', 'request-parameter-enum-value-added']],
  ['parameter maximum raised', withParam(q('limit', { type: 'integer', maximum: 50 })), withParam(q('limit', { type: 'integer', maximum: 100 })), ['request-parameter-max-increased']],
  ['parameter maximum dropped', withParam(q('limit', { type: 'integer', maximum: 50 })), withParam(q('limit', { type: 'integer' })), ['request-parameter-max-increased']],
  ['parameter maximum added', withParam(q('limit', { type: 'integer' })), withParam(q('limit', { type: 'integer', maximum: 100 })), ['request-parameter-max-decreased']],
  ['parameter minimum lowered', withParam(q('page', { type: 'integer', minimum: 1 })), withParam(q('page', { type: 'integer', minimum: 0 })), ['request-parameter-min-decreased']],
  ['parameter maxLength lowered', withParam(q('name', { type: 'string', maxLength: 64 })), withParam(q('name', { type: 'string', maxLength: 32 })), ['request-parameter-max-length-decreased']],
  ['parameter maxLength raised', withParam(q('name', { type: 'string', maxLength: 32 })), withParam(q('name', { type: 'string', maxLength: 64 })), []],
  ['parameter minLength raised', withParam(q('name')), withParam(q('name', { type: 'string', minLength: 2 })), ['request-parameter-min-length-increased']],
  ['parameter maxItems lowered', withParam(q('ids', { type: 'array', items: { type: 'string' }, maxItems: 50 })), withParam(q('ids', { type: 'array', items: { type: 'string' }, maxItems: 10 })), ['request-parameter-max-items-decreased']],
  ['parameter minItems raised', withParam(q('ids', { type: 'array', items: { type: 'string' } })), withParam(q('ids', { type: 'array', items: { type: 'string' }, minItems: 1 })), ['request-parameter-min-items-increased']],
  ['parameter item type changed', withParam(arrayParam()), withParam(arrayParam({}, { type: 'integer' })), ['request-parameter-items-type-changed']],
  ['parameter style changed', withParam(arrayParam()), withParam(arrayParam({ style: 'pipeDelimited' })), ['request-parameter-style-changed']],
  ['parameter explode switched off', withParam(arrayParam()), withParam(arrayParam({ explode: false })), ['request-parameter-explode-changed']],
  ['explode written out as its default', withParam(arrayParam()), withParam(arrayParam({ style: 'form', explode: true })), []],
  ['explode on a scalar does not matter', withParam(q('sort')), withParam({ ...q('sort'), explode: false }), []],
  ['empty value no longer allowed', withParam({ ...q('flag'), allowEmptyValue: true }), withParam(q('flag')), ['request-parameter-empty-value-disallowed']],
  ['header parameter became required', withParam(q('X-Tenant', { type: 'string' }, false, 'header')), withParam(q('X-Tenant', { type: 'string' }, true, 'header')), ['request-parameter-became-required']],
  ['header parameter names compare case-insensitively', withParam(q('X-Tenant', { type: 'string' }, false, 'header')), withParam(q('x-tenant', { type: 'string' }, false, 'header')), []],
  ['cookie parameter removed', withParam(q('session', { type: 'string' }, false, 'cookie')), spec({ '/a': get() }), ['request-parameter-removed']],
  ['parameter moved header to query', withParam(q('tenant', { type: 'string' }, false, 'header')), withParam(q('tenant')), ['request-parameter-moved']],
  [
    'path-level parameter moved into the operation',
    spec({ '/a': { parameters: [q('sort')], ...get() } }),
    spec({ '/a': get({ parameters: [q('sort')] }) }),
    [],
  ],
  [
    'parameter schema behind a $ref narrowed',
    spec({ '/a': get({ parameters: [{ $ref: '#/components/parameters/Limit' }] }) }, { components: { parameters: { Limit: q('limit', { type: 'integer', maximum: 100 }) } } }),
    spec({ '/a': get({ parameters: [{ $ref: '#/components/parameters/Limit' }] }) }, { components: { parameters: { Limit: q('limit', { type: 'integer', maximum: 20 }) } } }),
    ['request-parameter-max-decreased'],
  ],
  [
    'path parameter type changed',
    spec({ '/a/{id}': get({ parameters: [q('id', { type: 'integer' }, true, 'path')] }) }),
    spec({ '/a/{id}': get({ parameters: [q('id', { type: 'string', format: 'uuid' }, true, 'path')] }) }),
    ['request-parameter-type-changed'],
  ],
];
