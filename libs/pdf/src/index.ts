export { renderPdf, findChromium, type RenderPdfOptions } from './render-pdf';
export { PdfRenderer, DEFAULT_CHROMIUM, type PdfRendererOptions, type PrintOptions, type PrintResult, type PaperFormat } from './pdf-renderer';
export { countPdfPages, readDestinationPages } from './pdf-structure';
export { reapOrphanedChromium, type ReapReport } from './reap-orphaned-chromium';
