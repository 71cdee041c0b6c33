import { callsIn, type CallSite } from './code-rule-context';
import { stringLiteral, type ParsedFile, type SyntaxNode } from './syntax/parse-source';

export const LOOP_TYPES = ['for_statement', 'for_in_statement', 'while_statement', 'do_statement', 'enhanced_for_statement'];

export function isJs(file: ParsedFile): boolean {
  return file.language === 'javascript' || file.language === 'typescript' || file.language === 'tsx';
}

const JS_HTTP = /^(fetch|axios|got|superagent|ky|needle)$|^(axios|got|ky|superagent|needle|https?)\.(get|post|put|patch|delete|head|request)$/;
const PY_HTTP = /^(requests|httpx|aiohttp|urllib\.request|session|client)\.(get|post|put|patch|delete|head|request|urlopen)$|^urlopen$/;
const GO_HTTP = /^(http\.(Get|Post|Head|PostForm)|http\.DefaultClient\.\w+|\w*[cC]lient\.(Do|Get|Post))$/;
const JAVA_HTTP = /([rR]estTemplate|[wW]ebClient|[hH]ttpClient|[fF]eign\w*)\.(getForObject|getForEntity|postForObject|postForEntity|exchange|execute|send|sendAsync|get|post|put|delete|retrieve)$/;

/** An outbound HTTP call in any language we parse. */
export function isRemoteCall(file: ParsedFile, call: CallSite): boolean {
  if (isJs(file)) return JS_HTTP.test(call.callee);
  if (file.language === 'python') return PY_HTTP.test(call.callee);
  if (file.language === 'go') return GO_HTTP.test(call.callee);
  if (file.language === 'java') return JAVA_HTTP.test(call.callee);
  return false;
}

export function remoteCallsIn(file: ParsedFile, node: SyntaxNode = file.root, calls?: CallSite[]): CallSite[] {
  return (calls ?? callsIn(node)).filter((c) => isRemoteCall(file, c));
}

/** Calls that reach a database one row or statement at a time, across ORMs and drivers. */
const QUERY_NAMES = new Set([
  'query',
  'execute',
  'findOne',
  'findById',
  'findByPk',
  'findUnique',
  'findFirst',
  'findOneBy',
  'findOneOrFail',
  'get_object_or_404',
  'fetchrow',
  'fetchval',
  'fetch_one',
  'QueryRow',
  'QueryRowContext',
  'Query',
  'QueryContext',
  'First',
  'selectOne',
  'queryForObject',
]);

export function isQueryCall(file: ParsedFile, call: CallSite): boolean {
  if (QUERY_NAMES.has(call.name)) return !(file.language === 'go' && call.name === 'Query' && !/db|tx|conn|pool/i.test(call.receiver ?? ''));
  if (file.language === 'python' && call.name === 'get' && /\.objects$/.test(call.receiver ?? '')) return true;
  if (file.language === 'java' && /^findBy[A-Z]/.test(call.name)) return true;
  return false;
}

/** The text of a string node of any language, interpolations included, for SQL keyword checks. */
export function rawString(node: SyntaxNode): string | undefined {
  const literal = stringLiteral(node);
  if (literal !== undefined) return literal;
  if (['template_string', 'string', 'string_literal', 'interpreted_string_literal', 'raw_string_literal'].includes(node.type)) return node.text;
  return undefined;
}

export const SQL = /^\s*(select|insert|update|delete|with)\b[\s\S]*\b(from|into|set|where|values)\b/i;

/** Whether a loop looks like retrying: its header counts attempts or its body breaks out on success. */
export function isRetryLoop(loop: SyntaxNode): boolean {
  const header = loop.text.slice(0, Math.max(0, (loop.childForFieldName('body')?.startIndex ?? loop.startIndex + 80) - loop.startIndex));
  return /attempt|retr|tries/i.test(header) || /\bbreak\b|\breturn\b/.test(loop.childForFieldName('body')?.text ?? '');
}
