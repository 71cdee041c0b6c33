import type { HeaderView, MediaTypeView } from './model';

// Most schemas are written in place, most media types have no examples and most responses no headers: those
// views share one frozen empty list (nothing reads a model to change it) instead of surviving with one each.
// Typed as mutable because the model's types are; freezing makes a write fail instead of leaking into others.
export const NO_VIA: string[] = Object.freeze([]) as unknown as string[];
export const NO_EXAMPLES: MediaTypeView['examples'] = Object.freeze([]) as unknown as MediaTypeView['examples'];
export const NO_HEADERS: HeaderView[] = Object.freeze([]) as unknown as HeaderView[];
export const NO_CONTENT: MediaTypeView[] = Object.freeze([]) as unknown as MediaTypeView[];
