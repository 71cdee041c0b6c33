import { get, spec, type Doc, type Pair } from './fixtures';

const secured = (security: Doc[], schemes: Doc) => spec({ '/a': get({ security }) }, { components: { securitySchemes: schemes } });
const bearer = { type: 'http', scheme: 'bearer' };
const basic = { type: 'http', scheme: 'basic' };
const apiKey = (where: string, name = 'X-API-Key') => ({ type: 'apiKey', in: where, name });
const oauth = (flows: Doc) => ({ type: 'oauth2', flows });
const code = (tokenUrl = 'https://auth.example.com/token') => ({ authorizationCode: { authorizationUrl: 'https://auth.example.com/authorize', tokenUrl, scopes: { read: 'r', write: 'w' } } });

export const SECURITY_PAIRS: Pair[] = [
  ['API key replaced by bearer tokens', secured([{ key: [] }], { key: apiKey('header') }), secured([{ token: [] }], { key: apiKey('header'), token: bearer }), ['security-scheme-replaced']],
  ['bearer offered beside the API key', secured([{ key: [] }], { key: apiKey('header'), token: bearer }), secured([{ key: [] }, { token: [] }], { key: apiKey('header'), token: bearer }), []],
  ['scope no longer required', secured([{ oauth: ['read', 'write'] }], { oauth: oauth(code()) }), secured([{ oauth: ['read'] }], { oauth: oauth(code()) }), ['security-scope-removed']],
  ['unused security scheme removed', secured([{ key: [] }], { key: apiKey('header'), old: basic }), secured([{ key: [] }], { key: apiKey('header') }), ['security-scheme-removed']],
  ['security scheme changed type', secured([{ auth: [] }], { auth: basic }), secured([{ auth: [] }], { auth: bearer }), ['security-scheme-type-changed']],
  ['API key moved from header to query', secured([{ key: [] }], { key: apiKey('header') }), secured([{ key: [] }], { key: apiKey('query', 'api_key') }), ['security-api-key-location-changed']],
  ['OAuth flow removed', secured([{ oauth: ['read'] }], { oauth: oauth({ ...code(), clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: { read: 'r' } } }) }), secured([{ oauth: ['read'] }], { oauth: oauth(code()) }), ['security-oauth-flow-removed']],
  ['OAuth token URL moved', secured([{ oauth: ['read'] }], { oauth: oauth(code()) }), secured([{ oauth: ['read'] }], { oauth: oauth(code('https://login.example.com/token')) }), ['security-oauth-url-changed']],
  [
    'global security added to every operation',
    spec({ '/a': get(), '/b': get() }, { components: { securitySchemes: { token: bearer } } }),
    spec({ '/a': get(), '/b': get() }, { components: { securitySchemes: { token: bearer } }, security: [{ token: [] }] }),
    ['security-requirement-added', 'security-requirement-added'],
  ],
  [
    'operation opts out of global security',
    spec({ '/a': get() }, { components: { securitySchemes: { token: bearer } }, security: [{ token: [] }] }),
    spec({ '/a': get({ security: [] }) }, { components: { securitySchemes: { token: bearer } }, security: [{ token: [] }] }),
    ['security-requirement-removed'],
  ],
  ['security scheme renamed along with its use', secured([{ key: [] }], { key: apiKey('header') }), secured([{ apiKey: [] }], { apiKey: apiKey('header') }), ['security-scheme-replaced', 'security-scheme-removed']],
];
