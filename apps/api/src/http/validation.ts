import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { Problem } from './problem';

function firstFailure(errors: ValidationError[], parent = ''): { field: string; message: string } {
  const error = errors[0];
  const field = parent ? `${parent}.${error.property}` : error.property;
  if (error.constraints) return { field, message: Object.values(error.constraints)[0] };
  return firstFailure(error.children ?? [], field);
}

/** Strips nothing silently: unknown fields are rejected, and the 400 names the failing field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const { field, message } = firstFailure(errors);
      return new Problem(400, 'invalid-request', 'Invalid request', message, { field });
    },
  });
}
