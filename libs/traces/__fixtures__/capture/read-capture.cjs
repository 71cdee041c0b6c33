// Reads an OTLP JSON Lines capture for the hand measurements, with nothing of apiaudit's code: every span with its
// scope's name, an attribute reader, and the spans grouped by trace.
const fs = require('fs');

function readCapture(file) {
  const spans = [];
  for (const line of fs.readFileSync(file, 'utf8').trim().split('\n'))
    for (const rs of JSON.parse(line).resourceSpans) for (const ss of rs.scopeSpans) for (const s of ss.spans) spans.push({ ...s, scope: ss.scope.name });
  const byTrace = new Map();
  for (const s of spans) (byTrace.get(s.traceId) || byTrace.set(s.traceId, []).get(s.traceId)).push(s);
  return { spans, byTrace };
}

const attr = (s, k) => { const a = s.attributes.find((x) => x.key === k); return a && (a.value.stringValue ?? a.value.intValue); };

module.exports = { readCapture, attr };
