import { esc } from '../html';
import type { TocEntry } from '../plan-section';

/**
 * The table of contents. Each entry links to its heading (which also makes Chromium write a named destination
 * into the PDF) and holds an empty `data-toc-page` cell that libs/pdf fills with the page the heading landed on.
 */
export function renderContents(entries: TocEntry[]): string {
  const rows = entries
    .map((e) => `<li class="toc-${e.level}"><a href="#${esc(e.id)}"><span class="toc-title">${esc(e.title)}</span><span class="toc-dots"></span><span class="toc-page" data-toc-page="${esc(e.id)}"></span></a></li>`)
    .join('');
  return `<ol class="toc">${rows}</ol>`;
}
