import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';
import { nodesOfType, stringLiteral, type SyntaxNode } from '../syntax/parse-source';

export const meta: RuleMeta = {
  id: 'code-secret-in-source',
  title: 'Secret committed in source code',
  category: 'security',
  source: 'code',
  severity: 'high',
  rationale:
    'A key, password or signing secret in the repository is readable by everyone with access to it, to its forks and to ' +
    'its history, forever; a leaked JWT secret lets anyone mint tokens for any user (OWASP API8:2023).',
  fix: 'Rotate the secret now, read it from the environment or a secret manager, and purge it from the history.',
  owasp: 'API8:2023',
  target: NO_FINDINGS,
};

const KNOWN_FORMATS = /AKIA[0-9A-Z]{16}|-----BEGIN (RSA |EC |OPENSSH )?PRIVATE KEY-----|gh[pousr]_[A-Za-z0-9]{36}|xox[baprs]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{16,}|AIza[0-9A-Za-z_-]{35}/;
const SECRET_NAME = /(password|passwd|secret|secret_?key|api_?key|apikey|auth_?token|access_?token|private_?key|jwt_?key|signing_?key|client_?secret)$/i;
const PLACEHOLDER = /^(|changeme|change_me|example|placeholder|password|secret|xxx+|\*+|todo|dummy|test|<.*>|\$\{.*\}|%\(.*\)s|your[-_ ].*)$/i;
const STRING_TYPES = ['string', 'template_string', 'string_literal', 'interpreted_string_literal', 'raw_string_literal'];

/** The name a string literal is assigned to: a variable, constant, property, keyword argument or field. */
function assignedName(node: SyntaxNode): string | undefined {
  const parent = node.parent?.type === 'expression_list' ? node.parent.parent : node.parent;
  if (!parent) return undefined;
  const name =
    parent.childForFieldName('name') ?? parent.childForFieldName('key') ?? parent.childForFieldName('left') ?? (parent.type === 'keyed_element' ? parent.namedChildren[0] : null);
  if (!name || name.id === node.id) return undefined;
  return name.text.replace(/['"]/g, '').split('.').pop();
}

export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of ctx.files) {
    for (const node of nodesOfType(file, STRING_TYPES)) {
      const value = stringLiteral(node) ?? '';
      if (KNOWN_FORMATS.test(value)) {
        findings.push(findingAt(meta, ctx, file, node, `${file.path} holds a credential in a known key format.`));
        continue;
      }
      const name = assignedName(node);
      if (!name || !SECRET_NAME.test(name) || value.length < 6 || PLACEHOLDER.test(value) || /\s/.test(value)) continue;
      findings.push(findingAt(meta, ctx, file, node, `${name} in ${file.path} is a literal secret committed with the code.`));
    }
  }
  return findings;
}
