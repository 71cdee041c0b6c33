import { nodesOfType, lineOf, stringLiteral, type ParsedFile, type SyntaxNode } from '../syntax/parse-source';
import { joinPaths, toOpenApiPath, type CodeEndpoint } from './route-graph';

const METHOD_DECORATORS: Record<string, string> = { Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', Head: 'HEAD', Options: 'OPTIONS', All: 'ANY' };

interface Decorator {
  name: string;
  args: SyntaxNode[];
}

function readDecorator(node: SyntaxNode): Decorator | undefined {
  const call = node.namedChildren[0];
  if (call?.type === 'call_expression') {
    const fn = call.childForFieldName('function');
    const name = fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : fn?.text;
    return name ? { name, args: call.childForFieldName('arguments')?.namedChildren ?? [] } : undefined;
  }
  if (call?.type === 'identifier') return { name: call.text, args: [] };
  return undefined;
}

function property(object: SyntaxNode | undefined, key: string): SyntaxNode | undefined {
  if (object?.type !== 'object') return undefined;
  return object.namedChildren.find((p) => p.type === 'pair' && p.childForFieldName('key')?.text.replace(/['"]/g, '') === key)?.childForFieldName('value') ?? undefined;
}

/** Paths of a decorator argument: a string, an array of strings, or `{ path }` (controllers). */
function pathsOf(arg: SyntaxNode | undefined): string[] {
  if (!arg) return [''];
  if (arg.type === 'array') return arg.namedChildren.map(stringLiteral).filter((p): p is string => p !== undefined);
  if (arg.type === 'object') return pathsOf(property(arg, 'path'));
  const literal = stringLiteral(arg);
  return literal === undefined ? [''] : [literal];
}

/** Versions in `@Version('2')`, `@Version(['1', '2'])`, `{ version: '1' }`; VERSION_NEUTRAL means none. */
function versionsOf(arg: SyntaxNode | undefined): string[] | undefined {
  if (!arg) return undefined;
  if (arg.type === 'array') return arg.namedChildren.flatMap((a) => versionsOf(a) ?? []);
  if (arg.text.endsWith('VERSION_NEUTRAL')) return [''];
  const literal = stringLiteral(arg);
  return literal === undefined ? undefined : [literal];
}

export interface NestApplicationSettings {
  globalPrefix: string;
  /** Routes `setGlobalPrefix(..., { exclude })` keeps out of the prefix. */
  excluded: string[];
  /** Set when `enableVersioning` selects URI versioning. */
  uriVersioning?: { prefix: string; defaultVersions: string[] };
}

/** `app.setGlobalPrefix('api')` and `app.enableVersioning({ type: VersioningType.URI })`, wherever the bootstrap is. */
export function readNestSettings(files: ParsedFile[]): NestApplicationSettings {
  const settings: NestApplicationSettings = { globalPrefix: '', excluded: [] };
  for (const file of files) {
    if (!file.text.includes('setGlobalPrefix') && !file.text.includes('enableVersioning')) continue;
    for (const call of nodesOfType(file, 'call_expression')) {
      const fn = call.childForFieldName('function');
      const name = fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : undefined;
      const args = call.childForFieldName('arguments')?.namedChildren ?? [];
      if (name === 'setGlobalPrefix') {
        settings.globalPrefix = stringLiteral(args[0]) ?? settings.globalPrefix;
        const exclude = property(args[1], 'exclude');
        if (exclude?.type === 'array') {
          settings.excluded = exclude.namedChildren.map((e) => stringLiteral(e) ?? stringLiteral(property(e, 'path'))).filter((p): p is string => p !== undefined).map((p) => joinPaths(p));
        }
      }
      if (name === 'enableVersioning') {
        const type = property(args[0], 'type')?.text ?? 'VersioningType.URI';
        if (!type.endsWith('URI')) continue;
        const prefixNode = property(args[0], 'prefix');
        settings.uriVersioning = {
          prefix: prefixNode?.type === 'false' ? '' : (stringLiteral(prefixNode) ?? 'v'),
          defaultVersions: versionsOf(property(args[0], 'defaultVersion')) ?? [''],
        };
      }
    }
  }
  return settings;
}

function decoratorsBefore(children: SyntaxNode[], index: number): Decorator[] {
  const found: Decorator[] = [];
  for (let i = index - 1; i >= 0 && children[i].type === 'decorator'; i--) {
    const decorator = readDecorator(children[i]);
    if (decorator) found.push(decorator);
  }
  return found;
}

/** NestJS controllers: `@Controller(path)` classes and their `@Get(...)`-decorated methods, under the global prefix and URI version. */
export function readNestRoutes(files: ParsedFile[], settings: NestApplicationSettings): CodeEndpoint[] {
  const endpoints: CodeEndpoint[] = [];
  for (const file of files) {
    if (file.language !== 'typescript' && file.language !== 'tsx') continue;
    if (!file.text.includes('@Controller')) continue;
    for (const cls of nodesOfType(file, 'class_declaration')) {
      // Class decorators sit on the class, or on the export statement around it.
      const decoratorNodes = [...cls.children.filter((c) => c.type === 'decorator'), ...(cls.parent?.type === 'export_statement' ? cls.parent.children.filter((c) => c.type === 'decorator') : [])];
      const classDecorators = decoratorNodes.map(readDecorator).filter((d): d is Decorator => d !== undefined);
      const controller = classDecorators.find((d) => d.name === 'Controller');
      if (!controller) continue;
      const controllerPaths = pathsOf(controller.args[0]);
      const classVersions = versionsOf(property(controller.args[0], 'version')) ?? versionsOf(classDecorators.find((d) => d.name === 'Version')?.args[0]);
      const body = cls.childForFieldName('body');
      const members = body?.children ?? [];
      members.forEach((member, index) => {
        if (member.type !== 'method_definition') return;
        const decorators = [...member.children.filter((c) => c.type === 'decorator').map(readDecorator), ...decoratorsBefore(members, index)].filter((d): d is Decorator => d !== undefined);
        const versions = versionsOf(decorators.find((d) => d.name === 'Version')?.args[0]) ?? classVersions ?? settings.uriVersioning?.defaultVersions ?? [''];
        const name = member.childForFieldName('name')?.text;
        for (const decorator of decorators) {
          const method = METHOD_DECORATORS[decorator.name];
          if (!method) continue;
          for (const controllerPath of controllerPaths) {
            for (const methodPath of pathsOf(decorator.args[0])) {
              const local = joinPaths(controllerPath, methodPath);
              const prefix = settings.excluded.includes(local) ? '' : settings.globalPrefix;
              for (const version of settings.uriVersioning ? versions : ['']) {
                endpoints.push({
                  method,
                  path: toOpenApiPath(joinPaths(prefix, version ? `${settings.uriVersioning!.prefix}${version}` : '', local)),
                  file: file.path,
                  line: lineOf(member),
                  framework: 'nestjs',
                  ...(name ? { handler: `${cls.childForFieldName('name')?.text}.${name}` } : {}),
                });
              }
            }
          }
        }
      });
    }
  }
  return endpoints;
}
