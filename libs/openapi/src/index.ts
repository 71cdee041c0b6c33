export * from './model';
export { loadSpec, loadSpecFromFiles, MAX_NESTING_DEPTH } from './load-spec';
export { buildApiModel } from './build-api-model';
export { parseSpecFile, type ParsedFile } from './parsed-file';
export { joinPointer, splitPointer, getAtPointer } from './json-pointer';
export { extractArchive, detectArchive, specFilesOf, type ArchiveLimits } from './extract-archive';
export { outlineSpec } from './outline-spec';
