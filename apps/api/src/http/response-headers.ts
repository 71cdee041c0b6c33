import { ApiExtension } from '@nestjs/swagger';

/** An OpenAPI header object, as a response declares it. */
export interface HeaderObject {
  description: string;
  schema: { type: 'string'; format?: string };
}

/** What a decorator asks buildOpenApiDocument to declare: one header on some of the route's responses. */
interface ResponseHeaderNote {
  name: string;
  statuses: number[];
  header: HeaderObject;
}

const NOTE_PREFIX = 'x-response-header-';

/**
 * Declares a header on the route's responses of these statuses. It travels as an operation extension that
 * buildOpenApiDocument turns into `responses[status].headers` and removes: @ApiResponse replaces a status's
 * entry field by field, so a header set beside @ApiOkResponse would be lost or would drop its type depending on
 * the order of the decorators; the extension works in any order and with any number of headers.
 */
export const DocumentResponseHeader = (name: string, statuses: number[], header: HeaderObject) =>
  ApiExtension(`${NOTE_PREFIX}${name.toLowerCase()}`, { name, statuses, header } satisfies ResponseHeaderNote);

/** The route answers a Location naming what it created, or where accepted work is read (created(), accepted(), createdOrFound()). */
export const SendsLocation = (...statuses: number[]) =>
  DocumentResponseHeader('Location', statuses, {
    description: 'The URL of the resource created or found, or where the outcome of the accepted work is read.',
    schema: { type: 'string', format: 'uri-reference' },
  });

/** The route answers the version of what it returns as an ETag, which a later If-Match names (withEtag(), a plan version). */
export const SendsEtag = (...statuses: number[]) =>
  DocumentResponseHeader('ETag', statuses.length ? statuses : [200], {
    description: 'The version of this representation: send it as If-Match to change it, or as If-None-Match for a 304.',
    schema: { type: 'string' },
  });

/**
 * Moves the header notes of an operation onto its responses. A note naming a status the route does not document
 * stops the api from starting, as a header declared nowhere would go unnoticed.
 */
export function declareResponseHeaders(operation: Record<string, any>, label: string): void {
  for (const key of Object.keys(operation).filter((key) => key.startsWith(NOTE_PREFIX))) {
    const note = operation[key] as ResponseHeaderNote;
    delete operation[key];
    for (const status of note.statuses) {
      const response = operation.responses?.[String(status)];
      if (!response) throw new Error(`${label} sends ${note.name} on ${status} but documents no ${status} response`);
      response.headers = { ...response.headers, [note.name]: note.header };
    }
  }
}
