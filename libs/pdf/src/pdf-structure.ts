// Chromium (Skia) writes plain PDF 1.4: objects are not packed into object streams, so the page tree and the
// named destinations can be read from the file's text without a PDF library.

function objectBodies(pdf: string): Map<number, string> {
  const bodies = new Map<number, string>();
  const pattern = /(?:^|[\r\n])(\d+) 0 obj\b([\s\S]*?)endobj/g;
  for (let m = pattern.exec(pdf); m; m = pattern.exec(pdf)) {
    const body = m[2];
    const stream = body.indexOf('stream');
    bodies.set(Number(m[1]), stream >= 0 ? body.slice(0, stream) : body);
  }
  return bodies;
}

function refsIn(text: string): number[] {
  return [...text.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
}

/** Page objects in reading order, walking the page tree from the catalog's /Pages. */
function pageOrder(bodies: Map<number, string>): number[] {
  const catalog = [...bodies.values()].find((b) => /\/Type\s*\/Catalog/.test(b));
  const root = catalog?.match(/\/Pages\s+(\d+) 0 R/);
  if (!root) return [];
  const pages: number[] = [];
  const walk = (id: number, depth: number) => {
    const body = bodies.get(id);
    if (!body || depth > 32) return;
    if (/\/Type\s*\/Pages\b/.test(body)) {
      const kids = body.match(/\/Kids\s*\[([^\]]*)\]/);
      for (const kid of refsIn(kids?.[1] ?? '')) walk(kid, depth + 1);
    } else if (/\/Type\s*\/Page\b/.test(body)) {
      pages.push(id);
    }
  };
  walk(Number(root[1]), 0);
  return pages;
}

/**
 * The 1-based page each named destination points at. Chromium writes one for every element id that a link in the
 * document points to (`<a href="#actions">`), so this says where each linked heading landed after pagination.
 */
export function readDestinationPages(pdf: Buffer): Map<string, number> {
  const text = pdf.toString('latin1');
  const bodies = objectBodies(text);
  const pageNumber = new Map(pageOrder(bodies).map((id, i) => [id, i + 1]));
  const catalog = [...bodies.values()].find((b) => /\/Type\s*\/Catalog/.test(b));
  const destsRef = catalog?.match(/\/Dests\s+(\d+) 0 R/);
  const dests = destsRef ? bodies.get(Number(destsRef[1])) ?? '' : (catalog?.match(/\/Dests\s*<<([\s\S]*?)>>/)?.[1] ?? '');
  const found = new Map<string, number>();
  for (const m of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+) 0 R/g)) {
    const page = pageNumber.get(Number(m[2]));
    if (page) found.set(decodeName(m[1]), page);
  }
  return found;
}

/** PDF names escape bytes as #xx. */
function decodeName(name: string): string {
  return name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Pages in a PDF, counted from its page objects; enough to check a rendered plan is not empty. */
export function countPdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}
