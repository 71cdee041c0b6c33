export * from './severity';
export * from './finding';
export * from './endpoint';
export * from './audit';
export * from './plan';
export * from './jobs';
export * from './target';
export * from './account';
