// Loopback OTLP/HTTP JSON receiver: appends each export request to a JSON Lines file, one request per line.
const http = require('node:http');
const fs = require('node:fs');
const zlib = require('node:zlib');
const out = process.argv[2];
const port = Number(process.argv[3] || 4318);
let requests = 0;
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.method !== 'POST' || !req.url.startsWith('/v1/traces')) { res.writeHead(404); res.end(); return; }
    let body = Buffer.concat(chunks);
    if (req.headers['content-encoding'] === 'gzip') body = zlib.gunzipSync(body);
    if (!String(req.headers['content-type']).includes('json')) { res.writeHead(415); res.end(); return; }
    fs.appendFileSync(out, JSON.stringify(JSON.parse(body.toString('utf8'))) + '\n');
    requests++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
});
server.listen(port, '127.0.0.1', () => console.log(`receiver on 127.0.0.1:${port} -> ${out}`));
process.on('SIGTERM', () => { console.log(`received ${requests} export requests`); server.close(() => process.exit(0)); });
