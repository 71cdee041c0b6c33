import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';
import { isJs } from '../code-patterns';
import { nodesOfType } from '../syntax/parse-source';

export const meta: RuleMeta = {
  id: 'code-entity-exposes-secret',
  title: 'Entity with a password or secret field that serializes into responses',
  category: 'security',
  source: 'code',
  severity: 'high',
  rationale:
    'An entity returned from a handler is serialized field by field. A password hash, token or API secret on it ends up ' +
    'in the JSON the day a handler returns the entity itself instead of a response object (OWASP API3:2023). A token or API ' +
    'key that a DRF serializer declares read-only is taken as handed to its owner on purpose (a sign-in answer); a password, ' +
    'hash, salt or private key never is.',
  fix: 'Exclude the field from serialization (@Exclude with ClassSerializerInterceptor or `select: false` in TypeORM, @JsonIgnore or WRITE_ONLY in Jackson, write_only in DRF serializers), or return dedicated response DTOs.',
  owasp: 'API3:2023',
  target: NO_FINDINGS,
};

const SECRET = /^(password|passwordHash|password_hash|hashedPassword|hash|salt|secret|apiKey|api_key|token|refreshToken|refresh_token|privateKey|otpSecret)$/i;
/** Secrets no answer ever carries; the others (tokens, API keys) are handed to their owner on purpose at times. */
const CREDENTIAL = /^(password|passwordHash|password_hash|hashedPassword|hash|salt|secret|privateKey|otpSecret)$/i;
const HIDDEN = /select:\s*false|@Exclude|@JsonIgnore|WRITE_ONLY|@JsonProperty\(\s*access|@Transient|@Hidden/;

export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of ctx.files) {
    if (isJs(file) && /@Entity|@Schema\(|@ObjectType/.test(file.text)) {
      for (const field of nodesOfType(file, ['public_field_definition', 'field_definition'])) {
        const name = field.childForFieldName('name')?.text ?? '';
        if (!SECRET.test(name)) continue;
        const decorators: string[] = [];
        for (let s = field.previousNamedSibling; s?.type === 'decorator'; s = s.previousNamedSibling) decorators.push(s.text);
        decorators.push(...field.namedChildren.filter((c) => c.type === 'decorator').map((d) => d.text));
        if (HIDDEN.test(decorators.join(' '))) continue;
        findings.push(findingAt(meta, ctx, file, field.childForFieldName('name') ?? field, `Entity field ${name} in ${file.path} is serialized with the entity.`));
      }
    } else if (file.language === 'java' && /@Entity|@Data|@Document|@Table/.test(file.text)) {
      for (const field of nodesOfType(file, 'field_declaration')) {
        const name = field.namedChildren.find((c) => c.type === 'variable_declarator')?.childForFieldName('name')?.text ?? '';
        if (!SECRET.test(name) || /\bstatic\b/.test(field.text) || HIDDEN.test(field.text)) continue;
        findings.push(findingAt(meta, ctx, file, field, `Field ${name} in ${file.path} is serialized by Jackson with the object.`));
      }
    } else if (file.language === 'python' && /Serializer/.test(file.text)) {
      // DRF: a serializer that lists a secret field without making it write-only.
      for (const cls of nodesOfType(file, 'class_definition')) {
        if (cls.childForFieldName('name')?.text !== 'Meta') continue;
        const serializer = cls.parent?.parent?.text ?? '';
        for (const name of namesListed(cls.text, 'fields')) {
          if (!SECRET.test(name) || declaredAs('write_only', name, serializer)) continue;
          // A token declared read-only is what the serializer exists to hand out (a sign-up or sign-in answer).
          if (!CREDENTIAL.test(name) && declaredAs('read_only', name, serializer)) continue;
          findings.push(findingAt(meta, ctx, file, cls, `Serializer field ${name} in ${file.path} is readable: it is returned in responses.`));
        }
      }
    }
  }
  return findings;
}

/** The names in a Meta list such as `fields = ['a', 'b']` or `read_only_fields = ('a',)`. */
function namesListed(meta: string, key: string): string[] {
  const list = meta.match(new RegExp(`\\b${key}\\s*=\\s*[([]([^)\\]]*)[)\\]]`))?.[1] ?? '';
  return list.split(',').map((f) => f.trim().replace(/['"]/g, ''));
}

/**
 * Whether a DRF serializer declares the field write-only or read-only: on the field itself, in Meta's extra_kwargs,
 * or, for read-only, in Meta's read_only_fields.
 */
function declaredAs(flag: 'write_only' | 'read_only', name: string, serializer: string): boolean {
  const onField = new RegExp(`\\b${name}\\s*=\\s*serializers\\.\\w+\\([^)]*${flag}\\s*=\\s*True`);
  const inExtraKwargs = new RegExp(`['"]${name}['"]\\s*:\\s*\\{[^}]*${flag}['"]?\\s*:\\s*True`);
  return onField.test(serializer) || inExtraKwargs.test(serializer) || (flag === 'read_only' && namesListed(serializer, 'read_only_fields').includes(name));
}
