import util from 'node:util';
import type Parser from 'tree-sitter';
import type { SkippedFile } from '@apiaudit/domain';
import type { SourceFile } from '../source-files';

interface TreeSitter {
  Parser: typeof Parser;
  grammars: Record<Language, unknown>;
}

/*
 * tree-sitter's JS wrapper patches its native classes' prototypes when it loads, and a second load in the same
 * process finds them patched and hands out trees without a root node. Jest gives every test file a fresh module
 * registry in one process (and its own `process` object), so the first load is kept on node:util's exports, which
 * all registries share.
 */
const LOADED = Symbol.for('apiaudit.tree-sitter');

function loadTreeSitter(): TreeSitter {
  const holder = util as unknown as { [LOADED]?: TreeSitter };
  /* eslint-disable @typescript-eslint/no-require-imports */
  holder[LOADED] ??= {
    Parser: require('tree-sitter'),
    grammars: {
      javascript: require('tree-sitter-javascript'),
      typescript: require('tree-sitter-typescript').typescript,
      tsx: require('tree-sitter-typescript').tsx,
      python: require('tree-sitter-python'),
      java: require('tree-sitter-java'),
      go: require('tree-sitter-go'),
    },
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return holder[LOADED];
}

export type SyntaxNode = Parser.SyntaxNode;
export type Language = 'javascript' | 'typescript' | 'tsx' | 'python' | 'java' | 'go';

export interface ParsedFile extends SourceFile {
  language: Language;
  root: SyntaxNode;
}

const BY_EXTENSION: Record<string, Language> = {
  '.js': 'javascript',
  '.jsx': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.py': 'python',
  '.java': 'java',
  '.go': 'go',
};

export function languageOf(path: string): Language | undefined {
  const dot = path.lastIndexOf('.');
  return dot === -1 ? undefined : BY_EXTENSION[path.slice(dot)];
}

// One parser per language for the whole process: setLanguage is cheap, building a parser is not.
const parsers = new Map<Language, Parser>();

function parserFor(language: Language): Parser {
  let parser = parsers.get(language);
  if (!parser) {
    const { Parser: TreeSitterParser, grammars } = loadTreeSitter();
    parser = new TreeSitterParser();
    parser.setLanguage(grammars[language] as Parser.Language);
    parsers.set(language, parser);
  }
  return parser;
}

/**
 * Deeper bracket nesting than any program a person wrote (real code stays under a hundred). The route readers and
 * code rules walk syntax trees by recursion, and a file nested 100,000 deep (200 KB) overflowed the stack.
 */
export const MAX_SYNTAX_NESTING = 1000;

/** `(`, `[` or `{`. */
function isOpeningBracket(code: number): boolean {
  return code === 0x28 || code === 0x5b || code === 0x7b;
}

/** `)`, `]` or `}`. */
function isClosingBracket(code: number): boolean {
  return code === 0x29 || code === 0x5d || code === 0x7d;
}

/** The deepest running count of open brackets in a text: a cheap upper bound of its syntax tree's depth. */
export function bracketNesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isOpeningBracket(c)) {
      if (++depth > deepest) deepest = depth;
    } else if (isClosingBracket(c)) depth--;
  }
  return deepest;
}

/** A source file the scan left out, and why. */
export type { SkippedFile };

/**
 * Parses every file in a language we have a grammar for; the others are left out, and so are files nested deeper
 * than MAX_SYNTAX_NESTING (listed in `skipped`, when given).
 */
export function parseSources(files: SourceFile[], skipped?: SkippedFile[]): ParsedFile[] {
  const parsed: ParsedFile[] = [];
  for (const file of files) {
    const language = languageOf(file.path);
    if (!language) continue;
    const nesting = bracketNesting(file.text);
    if (nesting > MAX_SYNTAX_NESTING) {
      skipped?.push({ path: file.path, reason: `brackets nested ${nesting} deep (more than ${MAX_SYNTAX_NESTING})` });
      continue;
    }
    // The binding reads strings through a 32 KiB window by default; one buffer for the whole file parses big files in one go.
    const tree = parserFor(language).parse(file.text, undefined, { bufferSize: Math.max(32 * 1024, file.text.length * 2 + 16) });
    parsed.push({ ...file, language, root: tree.rootNode });
  }
  return parsed;
}

/** 1-based line of a node's first character. */
export function lineOf(node: SyntaxNode): number {
  return node.startPosition.row + 1;
}

/**
 * Node types the route readers and the code rules look for across whole files. A file's nodes of all of them are
 * collected in one walk (see nodesOfType): every walk crosses into the native binding and visits every node, and
 * separate walks were a third of the scan (bench/README.md, "code-scan: one walk per file").
 */
const INDEXED_TYPES = [
  // functions, classes, declarations
  'function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'function_definition',
  'method_declaration', 'constructor_declaration', 'func_literal', 'lambda_expression', 'class_declaration', 'class_definition', 'interface_declaration',
  'decorated_definition', 'decorator', 'public_field_definition', 'field_definition', 'field_declaration',
  // calls and imports
  'call_expression', 'call', 'method_invocation', 'new_expression', 'object_creation_expression', 'attribute', 'import_statement', 'import_spec', 'export_statement',
  // bindings
  'variable_declarator', 'assignment_expression', 'assignment', 'augmented_assignment', 'short_var_declaration', 'var_spec', 'assignment_statement',
  'local_variable_declaration', 'default_parameter', 'typed_default_parameter', 'pair', 'composite_literal', 'binary_expression',
  // control flow
  'statement_block', 'if_statement', 'catch_clause', 'except_clause', 'for_statement', 'for_in_statement', 'while_statement', 'do_statement', 'enhanced_for_statement',
  // strings
  'string', 'template_string', 'string_literal', 'interpreted_string_literal', 'raw_string_literal',
];
const indexedTypes = new Map<Language, string[]>();

/**
 * INDEXED_TYPES that the language's grammar has. A walk is told only these: every type name it is given is looked
 * up in the grammar's symbol table and checked at every node, and names a grammar lacks made the walk 2.5 times slower.
 */
function indexedTypesOf(language: Language): string[] {
  let types = indexedTypes.get(language);
  if (!types) {
    const grammar = loadTreeSitter().grammars[language] as { nodeTypeInfo: Array<{ type: string }> };
    const known = new Set(grammar.nodeTypeInfo.map((t) => t.type));
    types = INDEXED_TYPES.filter((t) => known.has(t));
    indexedTypes.set(language, types);
  }
  return types;
}

const INDEXED = new Set(INDEXED_TYPES);
const indexes = new WeakMap<SyntaxNode, Array<{ node: SyntaxNode; type: string }>>();

/**
 * A file's nodes of the given types in source order, as `root.descendantsOfType(types)` gives them, answered from
 * one walk per file for all INDEXED_TYPES; a type outside them is walked for on its own.
 */
export function nodesOfType(file: Pick<ParsedFile, 'root' | 'language'>, types: string | readonly string[]): SyntaxNode[] {
  const wanted = typeof types === 'string' ? [types] : types;
  if (!wanted.every((t) => INDEXED.has(t))) return file.root.descendantsOfType([...wanted]);
  let index = indexes.get(file.root);
  if (!index) {
    index = file.root.descendantsOfType(indexedTypesOf(file.language)).map((node) => ({ node, type: node.type }));
    indexes.set(file.root, index);
  }
  if (wanted.length === 1) return index.filter((e) => e.type === wanted[0]).map((e) => e.node);
  const set = new Set(wanted);
  return index.filter((e) => set.has(e.type)).map((e) => e.node);
}

/** Every descendant of the given types, in source order (iterative; deep trees do not blow the stack). */
export function descendants(node: SyntaxNode, types: ReadonlySet<string> | string): SyntaxNode[] {
  const wanted = typeof types === 'string' ? new Set([types]) : types;
  return node.descendantsOfType([...wanted]);
}

/** The value of a string literal in any of our languages, or undefined when it is not one plain literal. */
export function stringLiteral(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'string': {
      // JS/TS: (string (string_fragment)); Python: (string (string_start) (string_content) (string_end)).
      if (node.namedChildren.some((c) => c.type === 'interpolation')) return undefined;
      const parts = node.namedChildren.filter((c) => c.type === 'string_fragment' || c.type === 'string_content' || c.type === 'escape_sequence');
      return parts.map((c) => c.text).join('');
    }
    case 'template_string':
      return node.namedChildren.some((c) => c.type === 'template_substitution') ? undefined : node.text.slice(1, -1);
    case 'string_literal': // Java
      return node.namedChildren.filter((c) => c.type === 'string_fragment' || c.type === 'escape_sequence').map((c) => c.text).join('');
    case 'interpreted_string_literal': // Go
      return node.text.slice(1, -1);
    case 'raw_string_literal':
      return node.text.slice(1, -1);
    case 'concatenated_string': {
      const parts = node.namedChildren.map(stringLiteral);
      return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
    }
    case 'parenthesized_expression':
      return stringLiteral(node.namedChildren[0]);
    default:
      return undefined;
  }
}
