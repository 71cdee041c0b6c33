import util from 'node:util';
import type Parser from 'tree-sitter';
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

/** Parses every file in a language we have a grammar for; the others are left out. */
export function parseSources(files: SourceFile[]): ParsedFile[] {
  const parsed: ParsedFile[] = [];
  for (const file of files) {
    const language = languageOf(file.path);
    if (!language) continue;
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
