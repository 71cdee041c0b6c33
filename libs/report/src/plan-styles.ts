// Print-first styles: A4 pages from Chromium, no external fonts or images.
export const PLAN_CSS = `
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: #111827; margin: 0; }
main { max-width: 186mm; margin: 0 auto; }
h1 { font-size: 24pt; margin: 4mm 0 2mm; }
h2 { font-size: 15pt; margin: 8mm 0 3mm; padding-bottom: 1.5mm; border-bottom: 2px solid #111827; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; break-after: avoid; }
p { margin: 1.5mm 0; }
code { font: 9pt/1.3 "DejaVu Sans Mono", Menlo, monospace; background: #f3f4f6; padding: 0 1mm; border-radius: 2px; overflow-wrap: break-word; }
.muted { color: #6b7280; font-size: 9pt; }
.ptr { color: #6b7280; font: 8.5pt "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
.cover { break-after: page; padding-top: 10mm; }
.brand { text-transform: uppercase; letter-spacing: .12em; font-size: 9pt; color: #2563eb; font-weight: 700; }
.cover-grid { display: flex; align-items: center; gap: 10mm; margin: 8mm 0; }
.counts { display: flex; gap: 6mm; }
.count { display: flex; flex-direction: column; align-items: center; }
.count b { font-size: 22pt; }
.count span { font-size: 9pt; color: #6b7280; }
.sources { padding-left: 5mm; }
.sev { white-space: nowrap; display: inline-block; color: #fff; font-size: 8pt; font-weight: 700; text-transform: uppercase; padding: 0.3mm 1.6mm; border-radius: 2px; }
.two-col { display: grid; grid-template-columns: 3fr 2fr; gap: 8mm; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0; font-size: 9pt; }
th { text-align: left; background: #f3f4f6; font-weight: 600; }
th, td { padding: 1.2mm 1.6mm; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; white-space: nowrap; }
table.small { font-size: 8pt; }
table.fixed { table-layout: fixed; }
table.fixed td { overflow-wrap: anywhere; }
table.compact { width: auto; }
.page-start { break-before: page; }
.keep { break-inside: avoid; }
.item { border: 1px solid #e5e7eb; border-left: 4px solid #2563eb; border-radius: 3px; padding: 3mm 4mm; margin: 3mm 0; break-inside: avoid; }
.item header { margin-bottom: 1.5mm; }
.item .rank { display: inline-block; min-width: 6mm; font-weight: 700; color: #2563eb; }
.item dl { display: grid; grid-template-columns: 20mm 1fr; gap: 1mm 3mm; margin: 2mm 0 0; }
.item dt { font-weight: 600; color: #374151; }
.item dd { margin: 0; }
ul.messages, ul.evidence { margin: 1mm 0; padding-left: 5mm; }
.appendix { break-before: page; }
@page { size: A4; }
@media screen { body { background: #f9fafb; } main { background: #fff; padding: 10mm 14mm; margin: 6mm auto; box-shadow: 0 1px 4px rgba(0,0,0,.1); } }
`;
