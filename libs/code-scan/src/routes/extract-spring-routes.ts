import { nodesOfType, lineOf, stringLiteral, type ParsedFile, type SyntaxNode } from '../syntax/parse-source';
import type { SourceFile } from '../source-files';
import { joinPaths, toOpenApiPath, type CodeEndpoint } from './route-graph';

const MAPPINGS: Record<string, string | undefined> = {
  GetMapping: 'GET',
  PostMapping: 'POST',
  PutMapping: 'PUT',
  PatchMapping: 'PATCH',
  DeleteMapping: 'DELETE',
  RequestMapping: undefined,
};

interface Annotation {
  name: string;
  /** The unnamed argument (`@GetMapping("/x")`) is stored under `value`. */
  values: Map<string, SyntaxNode>;
}

function annotationsOf(node: SyntaxNode): Annotation[] {
  const modifiers = node.namedChildren.find((c) => c.type === 'modifiers');
  return (modifiers?.namedChildren ?? [])
    .filter((m) => m.type === 'annotation' || m.type === 'marker_annotation')
    .map((m) => {
      const values = new Map<string, SyntaxNode>();
      for (const arg of m.childForFieldName('arguments')?.namedChildren ?? []) {
        if (arg.type === 'element_value_pair') values.set(arg.childForFieldName('key')!.text, arg.childForFieldName('value')!);
        else values.set('value', arg);
      }
      return { name: m.childForFieldName('name')!.text.split('.').pop()!, values };
    });
}

function stringsOf(node: SyntaxNode | undefined, constants: Map<string, string>): string[] {
  if (!node) return [''];
  if (node.type === 'element_value_array_initializer' || node.type === 'array_initializer') return node.namedChildren.flatMap((n) => stringsOf(n, constants));
  const literal = stringLiteral(node);
  if (literal !== undefined) return [literal];
  const constant = constants.get(node.text.split('.').pop()!);
  return constant !== undefined ? [constant] : [''];
}

function methodsOf(node: SyntaxNode | undefined): string[] {
  if (!node) return ['ANY'];
  if (node.type === 'element_value_array_initializer') return node.namedChildren.flatMap(methodsOf);
  return [node.text.split('.').pop()!.toUpperCase()];
}

/**
 * `server.servlet.context-path` and `spring.mvc.servlet.path` (Spring MVC) or `spring.webflux.base-path` (WebFlux)
 * from application.properties or .yml, when literal.
 */
export function readSpringContextPath(configs: SourceFile[]): string {
  const parts: string[] = [];
  for (const key of ['server.servlet.context-path', 'spring.webflux.base-path', 'spring.mvc.servlet.path']) {
    for (const config of configs) {
      if (!/(^|\/)application(-\w+)?\.(properties|ya?ml)$/.test(config.path) || /-(test|dev)\./.test(config.path)) continue;
      const value = config.path.endsWith('.properties') ? readProperty(config.text, key) : readYamlKey(config.text, key);
      if (value && !value.includes('${')) {
        parts.push(value);
        break;
      }
    }
  }
  return joinPaths(...parts);
}

function readProperty(text: string, key: string): string | undefined {
  for (const line of text.split('\n')) {
    const [k, ...rest] = line.split('=');
    if (k.trim() === key) return rest.join('=').trim();
  }
  return undefined;
}

function readYamlKey(text: string, key: string): string | undefined {
  // Nested YAML keys: walk the indentation down the dotted path.
  const want = key.split('.');
  const stack: Array<{ indent: number; key: string }> = [];
  for (const raw of text.split('\n')) {
    const match = /^(\s*)([\w.-]+):\s*(.*)$/.exec(raw);
    if (!match || raw.trim().startsWith('#')) continue;
    const indent = match[1].length;
    while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
    stack.push({ indent, key: match[2] });
    const path = stack.map((s) => s.key).join('.');
    if (path === key || path.split('.').join('.') === want.join('.')) return match[3].replace(/^['"]|['"]$/g, '').trim() || undefined;
  }
  return undefined;
}

/** Spring MVC and WebFlux annotated controllers: class-level and method-level mappings, joined. */
export function readSpringRoutes(files: ParsedFile[], contextPath: string): CodeEndpoint[] {
  const endpoints: CodeEndpoint[] = [];
  const java = files.filter((f) => f.language === 'java');
  // `static final String API = "/api"` constants used in mappings.
  const constants = new Map<string, string>();
  for (const file of java) {
    if (!file.text.includes('static final String')) continue;
    for (const field of nodesOfType(file, 'field_declaration')) {
      if (!/\bstatic\b/.test(field.text) || !/\bfinal\b/.test(field.text)) continue;
      for (const decl of field.namedChildren.filter((d) => d.type === 'variable_declarator')) {
        const value = stringLiteral(decl.childForFieldName('value'));
        if (value !== undefined) constants.set(decl.childForFieldName('name')!.text, value);
      }
    }
  }
  for (const file of java) {
    if (!file.text.includes('Mapping')) continue;
    for (const cls of nodesOfType(file, ['class_declaration', 'interface_declaration'])) {
      const classAnnotations = annotationsOf(cls);
      const classMapping = classAnnotations.find((a) => a.name === 'RequestMapping');
      const classPaths = classMapping ? stringsOf(classMapping.values.get('path') ?? classMapping.values.get('value'), constants) : [''];
      const className = cls.childForFieldName('name')?.text;
      for (const method of cls.childForFieldName('body')?.namedChildren.filter((m) => m.type === 'method_declaration') ?? []) {
        for (const annotation of annotationsOf(method)) {
          if (!(annotation.name in MAPPINGS)) continue;
          const verbs = MAPPINGS[annotation.name] ? [MAPPINGS[annotation.name]!] : methodsOf(annotation.values.get('method'));
          for (const classPath of classPaths) {
            for (const path of stringsOf(annotation.values.get('path') ?? annotation.values.get('value'), constants)) {
              for (const verb of verbs) {
                endpoints.push({
                  method: verb,
                  path: toOpenApiPath(joinPaths(contextPath, classPath, path)),
                  file: file.path,
                  line: lineOf(method.childForFieldName('name') ?? method),
                  framework: 'spring',
                  handler: `${className}.${method.childForFieldName('name')?.text}`,
                });
              }
            }
          }
        }
      }
    }
  }
  return endpoints;
}
