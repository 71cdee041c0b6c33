import { SEVERITIES, type FindingCategory, type PlanItem } from '@apiaudit/domain';
import { esc, money, SEVERITY_COLOR } from '../html';
import { countHorizons, summariseCost, unreadSentence, visibleItems } from '../plan-document';
import type { PlanReportInput } from '../report-input';

/** Letter grade of a 0-100 score, as a board reads it. */
export function gradeOf(score: number): 'A' | 'B' | 'C' | 'D' | 'E' | 'F' {
  if (score >= 90) return 'A';
  if (score >= 75) return 'B';
  if (score >= 60) return 'C';
  if (score >= 45) return 'D';
  if (score >= 30) return 'E';
  return 'F';
}

// What a category's defects mean to the business, in the words a CTO uses with the board.
const BUSINESS_RISK: Record<FindingCategory, string> = {
  security: 'Data exposure: callers can reach data or actions they should not, a breach and disclosure risk',
  performance: 'Slow responses that grow with customer data: churn risk and a larger infrastructure bill',
  cost: 'Avoidable infrastructure spend every month',
  resilience: 'One slow dependency can take the API down: outages spread instead of being contained',
  errors: 'Client integrations cannot handle failures reliably: support load and failed transactions',
  contract: 'The published contract does not match what the API does: partner integrations break',
  pagination: 'Responses grow without bound: timeouts and memory spikes as customers grow',
  idempotency: 'Retries can repeat orders or payments: duplicate charges and manual clean-up',
  versioning: 'No safe way to change the API: every change risks breaking clients',
  evolution: 'The next release breaks existing clients',
  naming: 'An inconsistent API slows partner onboarding',
  drift: 'Endpoints run in production that nobody reviewed or documented: unmanaged attack surface',
  ingest: 'Part of the input could not be read: the audit is incomplete there',
};

function scoreRing(score: number): string {
  const radius = 52;
  const circumference = 2 * Math.PI * radius;
  const color = score >= 75 ? '#16a34a' : score >= 45 ? '#f59e0b' : '#dc2626';
  return `<svg width="140" height="140" viewBox="0 0 140 140" role="img" aria-label="score ${score} of 100">
  <circle cx="70" cy="70" r="${radius}" fill="none" stroke="#e5e7eb" stroke-width="14"/>
  <circle cx="70" cy="70" r="${radius}" fill="none" stroke="${color}" stroke-width="14" stroke-linecap="round"
    stroke-dasharray="${((score / 100) * circumference).toFixed(1)} ${circumference.toFixed(1)}" transform="rotate(-90 70 70)"/>
  <text x="70" y="78" text-anchor="middle" font-size="34" font-weight="700" fill="#111827">${score}</text>
  <text x="70" y="98" text-anchor="middle" font-size="11" fill="#6b7280">of 100</text></svg>`;
}

function riskLine(item: PlanItem): string {
  const reach = item.endpoints.length ? ` on ${item.endpoints.length} endpoint${item.endpoints.length === 1 ? '' : 's'}` : '';
  const saving = item.monthlySavingUsd ? `; fixing it saves about ${money(item.monthlySavingUsd)} a month` : '';
  return `<li><b>${esc(BUSINESS_RISK[item.category] ?? item.title)}.</b><br><span class="muted">Cause: ${esc(item.title)}${esc(reach)} (action ${item.rank}, ${esc(item.severity)}, effort ${item.effort})${esc(saving)}.</span></li>`;
}

/** The top three actions, one per kind of business risk where the plan has three kinds. */
function biggestRisks(items: PlanItem[]): PlanItem[] {
  const distinct = items.filter((item, i) => items.findIndex((other) => other.category === item.category) === i).slice(0, 3);
  return [...distinct, ...items.filter((i) => !distinct.includes(i))].slice(0, 3).sort((a, b) => a.rank - b.rank);
}

/** Page one: score and grade, the three biggest risks in business words, the money at stake, and the roadmap's size. */
export function renderExecutiveSummary(input: PlanReportInput): string {
  const { plan, result, sources, party } = input;
  const lacking = unreadSentence(input);
  const items = visibleItems(plan);
  const horizons = countHorizons(items);
  const cost = summariseCost(input);
  const grade = gradeOf(result.scores.overall);
  const counts = [...SEVERITIES]
    .reverse()
    .map((s) => `<div class="count"><b style="color:${SEVERITY_COLOR[s]}">${result.scores.counts[s] ?? 0}</b><span>${s}</span></div>`)
    .join('');
  const who = [party?.client, party?.project].filter(Boolean).map((s) => esc(s)).join(' · ');
  const money$ = cost
    ? `<div class="figure"><b data-figure="saving">${money(cost.savingMonthlyUsd)}</b><span>a month the priced fixes would save, of an estimated ${money(cost.totalMonthlyUsd)} monthly cost of the audited traffic${cost.nowSavingMonthlyUsd ? ` (${money(cost.nowSavingMonthlyUsd)} from the "now" actions)` : ''}</span></div>`
    : `<div class="figure"><b>—</b><span>no traces audited, so no cost estimate</span></div>`;
  const horizonBox = (['now', 'next', 'later'] as const)
    .map((h) => `<div class="count"><b data-figure="${h}">${horizons[h]}</b><span>${h}</span></div>`)
    .join('');
  return `<div class="brand">apiaudit · API audit plan${who ? ` · ${who}` : ''}</div>
  <h1>${esc(plan.subject)}</h1>
  <p class="muted">Generated ${esc(plan.generatedAt.slice(0, 10))} · ${result.inventory.length} endpoints · ${result.findings.length} findings · ${items.length} actions</p>
  <div class="summary-grid">
    <div class="score-box">${scoreRing(result.scores.overall)}<div class="grade" data-figure="grade">Grade ${grade}</div></div>
    <div>
      <div class="counts">${counts}</div>
      ${money$}
      <div class="counts horizons"><span class="label">actions</span>${horizonBox}</div>
    </div>
  </div>
  <h3>The three biggest risks</h3>
  <ol class="risks">${biggestRisks(items).map(riskLine).join('') || '<li>No findings: nothing stands out.</li>'}</ol>
  <h3>In short</h3>
  <p>${esc(plan.summary)}</p>
  ${sources?.length ? `<p class="muted">Inputs: ${sources.map((s) => `${esc(s.kind)} ${esc(s.label)}${s.detail ? ` (${esc(s.detail)})` : ''}`).join('; ')}.</p>` : ''}
  ${lacking ? `<p class="unread" data-section="unread-sources">${esc(lacking)}</p>` : ''}`;
}
