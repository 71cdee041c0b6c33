import { endpointKey, HORIZONS, type Horizon, type PlanItem } from '@apiaudit/domain';
import { money } from '../html';
import { summariseCost, unreadSentence, visibleItems } from '../plan-document';
import type { PlanReportInput } from '../report-input';

const HORIZON_TITLE: Record<Horizon, string> = { now: 'Now: this sprint', next: 'Next: this quarter', later: 'Later: when touching the area' };

/** Text from the audited input goes into Markdown: keep it from opening links, tables or HTML. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function itemBlock(item: PlanItem): string {
  const endpoints = item.endpoints.slice(0, 10).map((e) => `\`${endpointKey(e).replace(/`/g, "'")}\``).join(', ');
  const more = item.endpoints.length > 10 ? ` and ${item.endpoints.length - 10} more` : '';
  return [
    `### ${item.rank}. ${md(item.title)}`,
    '',
    `**${item.severity}** · \`${item.ruleId}\` · ${item.category} · effort ${item.effort} · ${item.endpoints.length} endpoint(s)`,
    '',
    `- **Why:** ${md(item.why)}`,
    `- **Change:** ${md(item.change)}`,
    `- **Measure:** ${md(item.measure)} (\`${item.target.metric} ${item.target.comparator} ${item.target.value}\`)`,
    `- **Validate:** ${md(item.validate)}`,
    ...(endpoints ? [`- **Endpoints:** ${endpoints}${more}`] : []),
    ...(item.notes ? [`- **Notes:** ${md(item.notes)}`] : []),
    '',
  ].join('\n');
}

/** plan.md: the plan as Markdown for wikis and pull requests; the summary table first, then one block per item. */
export function formatPlanMarkdown(input: PlanReportInput): string {
  const { plan, result } = input;
  const items = visibleItems(plan);
  const cost = summariseCost(input);
  const lacking = unreadSentence(input);
  const table = items.map((i) => `| ${i.rank} | ${i.horizon} | ${i.severity} | ${md(i.title)} | ${i.effort} | ${md(i.measure)} |`);
  const sections = HORIZONS.filter((h) => items.some((i) => i.horizon === h)).map(
    (h) => `## ${HORIZON_TITLE[h]}\n\n${items.filter((i) => i.horizon === h).map(itemBlock).join('\n')}`,
  );
  return [
    `# ${md(plan.title)}`,
    '',
    `Generated ${plan.generatedAt.slice(0, 10)} · score **${result.scores.overall}/100** · ${result.findings.length} findings · ${items.length} actions`,
    '',
    md(plan.summary),
    ...(lacking ? ['', md(lacking)] : []),
    ...(cost ? ['', `Estimated cost of the audited traffic: ${money(cost.totalMonthlyUsd)} a month; the priced fixes would save ${money(cost.savingMonthlyUsd)} a month.`] : []),
    '',
    '| # | horizon | severity | action | effort | measure |',
    '|---:|---|---|---|---|---|',
    ...table,
    '',
    ...sections,
  ].join('\n');
}
