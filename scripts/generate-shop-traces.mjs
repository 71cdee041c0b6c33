// Regenerates examples/shop/traces/shop.otlp.jsonl, the demo's trace input, from the seeded shop generator
// (libs/traces/src/generate). Run `npm run build` first; the same seed always writes the same bytes.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { writeShopTracesJsonl } = require(join(root, 'dist/libs/traces/src/index.js'));

const target = join(root, 'examples/shop/traces/shop.otlp.jsonl');
mkdirSync(dirname(target), { recursive: true });
const spans = await writeShopTracesJsonl(target, { seed: 42, requests: 500 });
process.stdout.write(`${target}: ${spans} spans, ${statSync(target).size} bytes\n`);
