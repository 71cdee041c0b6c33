export type Paper = 'a4' | 'letter';

export const PAPER_SIZE: Record<Paper, string> = { a4: 'A4', letter: 'Letter' };

// Print-first styles: pages from Chromium, no external fonts or images. Sections flow on from each other; only the
// summary, the contents, the actions and the appendices start a page, and cards, charts and table rows never split.
export function planCss(paper: Paper): string {
  return `
* { box-sizing: border-box; }
body { font: 10pt/1.4 -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: #111827; margin: 0; }
main { margin: 0 auto; }
h1 { font-size: 24pt; margin: 2mm 0 1mm; }
h2 { font-size: 15pt; margin: 6mm 0 3mm; padding-bottom: 1.5mm; border-bottom: 2px solid #111827; break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 2mm; break-after: avoid; }
p { margin: 1.5mm 0; }
a { color: inherit; text-decoration: none; }
code { font: 8.5pt/1.3 "DejaVu Sans Mono", Menlo, monospace; background: #f3f4f6; padding: 0 1mm; border-radius: 2px; overflow-wrap: anywhere; }
.muted { color: #6b7280; font-size: 8.5pt; }
.unread { color: #92400e; background: #fffbeb; border-left: 3px solid #d97706; padding: 4px 8px; font-size: 8.5pt; }
.notes { border-left: 2px solid #2563eb; padding-left: 2mm; font-style: italic; }
.ptr { color: #6b7280; font: 8pt "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
.summary { break-after: page; }
.brand { text-transform: uppercase; font-size: 8.5pt; color: #2563eb; font-weight: 700; }
.summary-grid { display: flex; align-items: center; gap: 10mm; margin: 5mm 0; }
.score-box { display: flex; flex-direction: column; align-items: center; }
.grade { font-size: 16pt; font-weight: 700; }
.counts { display: flex; gap: 6mm; align-items: center; margin: 1mm 0 3mm; }
.counts .label { font-size: 8.5pt; color: #6b7280; text-transform: uppercase; }
.count { display: flex; flex-direction: column; align-items: center; }
.count b { font-size: 20pt; }
.count span { font-size: 8.5pt; color: #6b7280; }
.figure { display: flex; gap: 3mm; align-items: baseline; margin: 2mm 0; }
.figure b { font-size: 20pt; color: #16a34a; white-space: nowrap; }
.figure span { font-size: 9pt; color: #374151; }
ol.risks { padding-left: 5mm; }
ol.risks li { margin: 2mm 0; }
.contents { break-after: page; }
ol.toc { list-style: none; padding: 0; margin: 0; }
ol.toc li a { display: flex; align-items: baseline; gap: 2mm; padding: 1.2mm 0; }
ol.toc li.toc-1 { font-weight: 600; margin-top: 2mm; }
ol.toc li.toc-2 { padding-left: 8mm; font-size: 9.5pt; }
.toc-dots { flex: 1; border-bottom: 1px dotted #9ca3af; }
.toc-page { min-width: 8mm; text-align: right; font-variant-numeric: tabular-nums; }
.sev { white-space: nowrap; display: inline-block; color: #fff; font-size: 7.5pt; font-weight: 700; text-transform: uppercase; padding: 0.2mm 1.4mm; border-radius: 2px; }
.two-col { display: grid; grid-template-columns: 3fr 1.2fr; gap: 6mm; align-items: start; }
.lanes { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 4mm; }
.lane { border-top: 3px solid #2563eb; padding-top: 1mm; }
.lane h3 { margin-top: 1mm; font-size: 10pt; }
.lane ul { list-style: none; padding: 0; margin: 0; font-size: 8.5pt; }
.lane li { margin: 1mm 0; break-inside: avoid; }
svg.chart { max-width: 100%; height: auto; display: block; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0; font-size: 8.5pt; }
th { text-align: left; background: #f3f4f6; font-weight: 600; }
th, td { padding: 1mm 1.5mm; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
td.num, th.num { text-align: right; white-space: nowrap; }
table.small { font-size: 7.5pt; }
table.fixed { table-layout: fixed; }
table.fixed td { overflow-wrap: anywhere; }
table.compact { width: auto; }
.page-start { break-before: page; }
.keep { break-inside: avoid; }
.horizon-title { font-size: 12.5pt; margin-top: 5mm; }
.item { border: 1px solid #e5e7eb; border-left: 4px solid #2563eb; border-radius: 3px; padding: 2.5mm 3.5mm; margin: 2.5mm 0; break-inside: avoid; font-size: 9pt; }
.item header { margin-bottom: 1mm; }
.item .rank { display: inline-block; min-width: 6mm; font-weight: 700; color: #2563eb; }
.item dl { display: grid; grid-template-columns: 18mm 1fr; gap: 0.8mm 3mm; margin: 1.5mm 0 0; }
.item dt { font-weight: 600; color: #374151; }
.item dd { margin: 0; }
ul.messages, ul.evidence { margin: 1mm 0; padding-left: 5mm; }
.score-block h3 { font-size: 10pt; }
ul.inventory-list { columns: 2; column-gap: 6mm; list-style: none; padding: 0; margin: 2mm 0; font-size: 7.5pt; }
ul.inventory-list li { break-inside: avoid; padding: 0.4mm 0; border-bottom: 1px solid #f3f4f6; overflow-wrap: anywhere; }
ul.inventory-list code { font-size: 7pt; white-space: nowrap; }
h3.rule-group { font-size: 9.5pt; margin: 3mm 0 1mm; }
@page { size: ${PAPER_SIZE[paper]}; }
@media screen { body { background: #f9fafb; } main { max-width: 190mm; background: #fff; padding: 10mm 14mm; margin: 6mm auto; box-shadow: 0 1px 4px rgba(0,0,0,.1); } .summary, .contents { border-bottom: 1px dashed #d1d5db; padding-bottom: 6mm; } }
`;
}
