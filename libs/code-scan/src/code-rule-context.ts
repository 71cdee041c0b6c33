import { createFinding, excerptAround, type EndpointRef, type Finding, type RuleMeta } from '@apiaudit/domain';
import type { CodeEndpoint } from './routes/route-graph';
import { nodesOfType, lineOf, type ParsedFile, type SyntaxNode } from './syntax/parse-source';

/** Function-like nodes of every language we parse: the units calls are followed between. */
export const FUNCTION_TYPES = new Set([
  'function_declaration',
  'function_expression',
  'arrow_function',
  'method_definition',
  'generator_function_declaration',
  'function_definition',
  'method_declaration',
  'constructor_declaration',
  'func_literal',
  'lambda_expression',
]);
const CLASS_TYPES = new Set(['class_declaration', 'class_definition']);
const CALL_TYPES = ['call_expression', 'call', 'method_invocation', 'new_expression', 'object_creation_expression'];
/** How deep calls are followed from a handler into the repository's own functions. */
const MAX_DEPTH = 3;
/** A name defined this often is too common to say which definition a call reaches (get, save, handle...). */
const MAX_DEFINITIONS = 3;

/** One call, the same shape in every language: `a.b.c(x)` has name `c`, receiver `a.b`, callee `a.b.c`. */
export interface CallSite {
  node: SyntaxNode;
  callee: string;
  name: string;
  receiver?: string;
  args: SyntaxNode[];
}

/** The member and receiver fields of a `receiver.member` callee: JS/TS, Python, Go. */
const MEMBER_FIELDS = new Map([
  ['member_expression', { property: 'property', object: 'object' }],
  ['attribute', { property: 'attribute', object: 'object' }],
  ['selector_expression', { property: 'field', object: 'operand' }],
]);

export function callSite(node: SyntaxNode): CallSite | undefined {
  const argsNode = node.childForFieldName('arguments');
  const args = argsNode?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
  if (node.type === 'method_invocation') {
    const object = node.childForFieldName('object');
    const name = node.childForFieldName('name')!.text;
    return { node, callee: object ? `${object.text}.${name}` : name, name, ...(object ? { receiver: object.text } : {}), args };
  }
  if (node.type === 'new_expression' || node.type === 'object_creation_expression') {
    const type = node.childForFieldName('constructor') ?? node.childForFieldName('type');
    if (!type) return undefined;
    return { node, callee: `new ${type.text}`, name: type.text.split('.').pop()!, args };
  }
  const fn = node.childForFieldName('function');
  if (!fn) return undefined;
  // Each field lookup crosses into the native binding: ask only for the fields this kind of callee has.
  const fields = MEMBER_FIELDS.get(fn.type);
  const property = fields && fn.childForFieldName(fields.property);
  const object = property && fn.childForFieldName(fields.object);
  if (property && object) return { node, callee: fn.text.replace(/\s+/g, ''), name: property.text, receiver: object.text.replace(/\s+/g, ''), args };
  return { node, callee: fn.text, name: fn.text.split('.').pop()!, args };
}

export function callsIn(node: SyntaxNode): CallSite[] {
  return node.descendantsOfType(CALL_TYPES).map(callSite).filter((c): c is CallSite => c !== undefined);
}

export function functionName(fn: SyntaxNode): string | undefined {
  const own = fn.childForFieldName('name');
  if (own) return own.text;
  const parent = fn.parent;
  if (parent?.type === 'variable_declarator') return parent.childForFieldName('name')?.text;
  if (parent?.type === 'pair') return parent.childForFieldName('key')?.text;
  if (parent?.type === 'assignment_expression') return parent.childForFieldName('left')?.text.split('.').pop();
  return undefined;
}

/** The function or class around a node, innermost first. */
export function enclosingFunction(node: SyntaxNode): SyntaxNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (FUNCTION_TYPES.has(n.type)) return n;
  return undefined;
}

interface Definition {
  file: ParsedFile;
  node: SyntaxNode;
  name: string;
  className?: string;
  /** stem(className), kept: a common method name has a definition per class, and each call compares them all. */
  classStem?: string;
}

export interface Reach {
  endpoint: EndpointRef;
  affected: EndpointRef[];
}

/** Names compare loosely: `articles_repo`, `this.articleService` and `ArticlesRepository` share a stem. */
function stem(name: string): string {
  return name.split('.').pop()!.replace(/[_-]/g, '').toLowerCase();
}

function isSameStem(a: string, b: string): boolean {
  return a.length >= 3 && (a.startsWith(b) || b.startsWith(a) || b.startsWith(a.replace(/s$/, '')));
}

/**
 * What a code rule gets: the parsed files, the endpoints routed in them, and which endpoint's handler reaches a
 * node, directly or through calls into the repository's own functions and methods (up to three levels deep).
 */
export class CodeRuleContext {
  private readonly definitions = new Map<string, Definition[]>();
  /** Function node id -> the endpoints that reach it, with the depth at which they do. */
  private readonly reached = new Map<number, Array<{ endpoint: CodeEndpoint; depth: number }>>();
  private readonly byPath: Map<string, ParsedFile>;

  constructor(
    readonly files: ParsedFile[],
    readonly endpoints: CodeEndpoint[],
  ) {
    this.byPath = new Map(files.map((f) => [f.path, f]));
    for (const file of files) {
      for (const fn of nodesOfType(file, [...FUNCTION_TYPES])) {
        const name = functionName(fn);
        if (!name) continue;
        let cls: SyntaxNode | null = fn.parent;
        while (cls && !CLASS_TYPES.has(cls.type) && !FUNCTION_TYPES.has(cls.type)) cls = cls.parent;
        const className = cls && CLASS_TYPES.has(cls.type) ? cls.childForFieldName('name')?.text : undefined;
        const list = this.definitions.get(name) ?? [];
        list.push({ file, node: fn, name, ...(className ? { className, classStem: stem(className) } : {}) });
        this.definitions.set(name, list);
      }
    }
    for (const endpoint of endpoints) {
      const handler = this.handlerOf(endpoint);
      if (handler) this.follow(handler, this.byPath.get(endpoint.file)!, endpoint, 0);
    }
  }

  private readonly callCache = new Map<ParsedFile, { calls: CallSite[]; starts: number[]; ends: number[] }>();

  private callIndex(file: ParsedFile) {
    let index = this.callCache.get(file);
    if (!index) {
      const calls = nodesOfType(file, CALL_TYPES)
        .map(callSite)
        .filter((c): c is CallSite => c !== undefined);
      index = { calls, starts: calls.map((c) => c.node.startIndex), ends: calls.map((c) => c.node.endIndex) };
      this.callCache.set(file, index);
    }
    return index;
  }

  /** Every call in a file, computed once for all rules. */
  calls(file: ParsedFile): CallSite[] {
    return this.callIndex(file).calls;
  }

  /**
   * The calls inside a node of a file (the node itself included), taken from the file's calls by position: the
   * same as callsIn(node) without walking the node's tree again.
   */
  callsWithin(file: ParsedFile, node: SyntaxNode): CallSite[] {
    const { calls, starts, ends } = this.callIndex(file);
    const start = node.startIndex;
    const end = node.endIndex;
    const within: CallSite[] = [];
    for (let i = 0; i < calls.length; i++) if (starts[i] >= start && ends[i] <= end) within.push(calls[i]);
    return within;
  }

  file(path: string): ParsedFile | undefined {
    return this.byPath.get(path);
  }

  /** Functions and classes of a file with the rows they start and are named on, read once for every endpoint in it. */
  private readonly handlerCandidates = new Map<ParsedFile, Array<{ node: SyntaxNode; row: number; nameRow?: number; length: number; isFunction: boolean }>>();

  private candidatesIn(file: ParsedFile) {
    let candidates = this.handlerCandidates.get(file);
    if (!candidates) {
      candidates = nodesOfType(file, [...FUNCTION_TYPES, ...CLASS_TYPES]).map((node) => {
        const nameRow = node.childForFieldName('name')?.startPosition.row;
        return { node, row: node.startPosition.row, ...(nameRow !== undefined ? { nameRow } : {}), length: node.text.length, isFunction: FUNCTION_TYPES.has(node.type) };
      });
      this.handlerCandidates.set(file, candidates);
    }
    return candidates;
  }

  /** The function (or class-based view) that handles an endpoint, when it can be told. */
  handlerOf(endpoint: CodeEndpoint): SyntaxNode | undefined {
    const file = this.byPath.get(endpoint.file);
    if (!file) return undefined;
    const row = endpoint.line - 1;
    let best: { node: SyntaxNode; length: number } | undefined;
    for (const candidate of this.candidatesIn(file)) {
      if (candidate.row !== row && candidate.nameRow !== row) continue;
      if (!best || candidate.length < best.length || candidate.isFunction) best = candidate;
    }
    if (best) return best.node;
    // A route call on this line: its last argument is the handler, inline or by name.
    for (const call of nodesOfType(file, ['call_expression', 'call'])) {
      if (call.startPosition.row !== row && call.endPosition.row < row) continue;
      if (call.startPosition.row > row) break;
      const args = call.childForFieldName('arguments')?.namedChildren ?? [];
      const last = args[args.length - 1];
      if (last && FUNCTION_TYPES.has(last.type) && call.startPosition.row === row) return last;
      const options = last?.type === 'object' ? last.namedChildren.find((p) => p.childForFieldName('key')?.text === 'handler')?.childForFieldName('value') : undefined;
      if (options && FUNCTION_TYPES.has(options.type)) return options;
      const name = (options ?? last)?.text.split('.').pop();
      if (name && call.startPosition.row === row) return this.resolve(name, file)?.node;
    }
    return undefined;
  }

  private resolve(name: string, from: ParsedFile, receiver?: string): Definition | undefined {
    const candidates = this.definitions.get(name) ?? [];
    if (receiver && !/^(this|self)$/.test(receiver)) {
      const receiverStem = stem(receiver);
      const byClass = candidates.filter((d) => d.classStem !== undefined && isSameStem(receiverStem, d.classStem));
      if (byClass.length === 1) return byClass[0];
    }
    const local = candidates.filter((d) => d.file === from);
    if (local.length === 1) return local[0];
    return candidates.length >= 1 && candidates.length <= MAX_DEFINITIONS && !receiver?.match(/^(this|self)$/) ? candidates[0] : local[0];
  }

  private follow(fn: SyntaxNode, file: ParsedFile, endpoint: CodeEndpoint, depth: number): void {
    const list = this.reached.get(fn.id) ?? [];
    if (list.some((r) => r.endpoint === endpoint && r.depth <= depth)) return;
    list.push({ endpoint, depth });
    this.reached.set(fn.id, list);
    if (depth >= MAX_DEPTH) return;
    for (const call of this.callsWithin(file, fn)) {
      const target = this.resolve(call.name, file, call.receiver);
      if (target && target.node.id !== fn.id) this.follow(target.node, target.file, endpoint, depth + 1);
    }
  }

  /** The endpoint whose handler reaches this node (nearest handler first), and every endpoint that does. */
  reachOf(node: SyntaxNode): Reach | undefined {
    for (let n: SyntaxNode | null = node; n; n = n.parent) {
      const list = this.reached.get(n.id);
      if (!list?.length) continue;
      const sorted = [...list].sort((a, b) => a.depth - b.depth || a.endpoint.path.localeCompare(b.endpoint.path) || a.endpoint.method.localeCompare(b.endpoint.method));
      const refs = [...new Map(sorted.map((r) => [`${r.endpoint.method} ${r.endpoint.path}`, { method: r.endpoint.method, path: r.endpoint.path }])).values()];
      return { endpoint: refs[0], affected: refs };
    }
    return undefined;
  }

  /** Every endpoint whose handler (or a function it calls) contains the node. */
  endpointsReaching(node: SyntaxNode): CodeEndpoint[] {
    for (let n: SyntaxNode | null = node; n; n = n.parent) {
      const list = this.reached.get(n.id);
      if (list?.length) return [...new Set(list.map((r) => r.endpoint))];
    }
    return [];
  }

  /** True when some file of the repository imports or mentions one of these packages. */
  usesPackage(pattern: RegExp): boolean {
    return this.files.some((f) => pattern.test(f.text));
  }
}

/** A finding at a node: file:line evidence with the lines around it, the code line as a note, and the endpoint whose handler reaches it. */
export function findingAt(meta: RuleMeta, ctx: CodeRuleContext, file: ParsedFile, node: SyntaxNode, message: string, extra: { endpoint?: EndpointRef; severity?: Finding['severity'] } = {}): Finding {
  const reach = extra.endpoint ? { endpoint: extra.endpoint, affected: [extra.endpoint] } : ctx.reachOf(node);
  const line = lineOf(node);
  const note = file.text.split('\n')[line - 1]?.trim().slice(0, 160);
  const excerpt = excerptAround(file.text, line);
  const fn = enclosingFunction(node);
  return createFinding(meta, {
    message: `${message}${reach ? ` (reached from ${reach.endpoint.method} ${reach.endpoint.path})` : ''}`,
    evidence: [{ kind: 'code', file: file.path, line, ...(note ? { note } : {}), excerpt }],
    ...(reach ? { endpoint: reach.endpoint, ...(reach.affected.length > 1 ? { affected: reach.affected } : {}) } : {}),
    ...(extra.severity ? { severity: extra.severity } : {}),
    // Stable across edits that move code: the enclosing function and the statement, not the line number.
    key: `${fn ? functionName(fn) : ''}:${node.text.replace(/\s+/g, ' ').slice(0, 100)}`,
  });
}

/** A code rule: metadata as data, one check over the parsed repository. */
export interface CodeRule {
  meta: RuleMeta;
  check(ctx: CodeRuleContext): Finding[];
}

/** Every rule asks for `findings.count == 0` as its proof of a fix, per endpoint when the finding has one. */
export const NO_FINDINGS = { metric: 'findings.count', comparator: '==', value: 0 } as const;
