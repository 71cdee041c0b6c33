/** Nest injection token of the worker's PlatformConfig. */
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
