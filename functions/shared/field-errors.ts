import type * as z from 'zod';
import type { FieldError } from './problem.ts';

/** Zod issues as the fields a caller can fix: a dotted path and a message, unknown fields named. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return { field: issue.keys.map((k) => (field === '' ? k : `${field}.${k}`)).join(', '), message: 'unknown field' };
    }
    return { field: field === '' ? '(root)' : field, message: issue.message };
  });
}
