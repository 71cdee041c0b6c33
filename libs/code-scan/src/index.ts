export { scanRepository, codeRuleMetas, type CodeScanResult, type ScanOptions } from './scan-repository';
export { extractExpressRoutes, type CodeEndpoint } from './extract-express-routes';
