import type { default as AjvClass, Options } from 'ajv';

/**
 * A new Ajv, loaded on first use: Ajv and ajv-formats cost 40 ms of start-up, and most lints decide every
 * example without them (quick-validate) and run without an apiaudit.yaml.
 */
export function createAjv(options: Options, { formats = false } = {}): AjvClass {
  /* eslint-disable @typescript-eslint/no-require-imports -- a deliberate lazy load, see above */
  const { default: Ajv } = require('ajv') as typeof import('ajv');
  const ajv = new Ajv(options);
  if (formats) (require('ajv-formats') as typeof import('ajv-formats')).default(ajv);
  /* eslint-enable @typescript-eslint/no-require-imports */
  return ajv;
}
