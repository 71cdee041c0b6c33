export { renderPdf, findChromium, countPdfPages, DEFAULT_CHROMIUM, type RenderPdfOptions } from './render-pdf';
