/** A version segment: `v1`, `v2.1`, and Kubernetes-style pre-releases `v1beta1`, `v2alpha1`. */
export const PATH_VERSION = /(^|\/)v\d+(?:\.\d+)?(?:(?:alpha|beta)\d*)?(\/|$)/;

const PROBE = /^_?(health(?:z|check)?|livez?|liveness|readyz?|readiness|ping|status|metrics|version)$/i;
// Prefixes under which a probe still is one (`/api/health`, `/actuator/health`); `/orders/status` is not a probe.
const PROBE_PREFIX = /^_?(api|internal|actuator|management|system|monitoring|ops)$/i;

/**
 * Health and readiness probes outside any version (`/health`, `/api/healthz`, `/.well-known/…`): infrastructure
 * calls them at a fixed URL, so they stay unversioned on purpose and say nothing about the API's versioning.
 */
export function isHealthProbe(path: string): boolean {
  if (PATH_VERSION.test(path)) return false;
  if (/^\/\.well-known(\/|$)/.test(path)) return true;
  const segments = path.split('/').filter(Boolean);
  if (segments.length === 1) return PROBE.test(segments[0]);
  return segments.length === 2 && PROBE_PREFIX.test(segments[0]) && PROBE.test(segments[1]);
}
