import * as z from 'zod';

/**
 * One domain setting from the environment (DESIGN §6: each rule a documented, validated setting): the fallback when
 * unset or empty; otherwise parsed (as JSON when `json`) and validated, and a bad value throws at start-up naming it.
 */
export function readSetting<T>(env: Record<string, string | undefined>, name: string, schema: z.ZodType<T>, fallback: T, json = false): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  let value: unknown = raw;
  try {
    if (json) value = JSON.parse(raw);
  } catch {
    throw new Error(`${name} must be JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${name} is not valid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
