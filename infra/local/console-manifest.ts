import * as z from 'zod';
import { COMMAND_BODIES } from '#cases/domain/commands';
import { CASE_COMMANDS, CASE_STATES, FINAL_STATES, STEPS } from '#cases/domain/lifecycle';

type JsonSchema = { [key: string]: unknown };

/** What a browser needs of a body schema to draw its form: types, enums, bounds, required; not the regexes. */
function formSchema(schema: JsonSchema): JsonSchema {
  const { $schema: _, pattern: __, ...rest } = schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === 'properties' && value !== null && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, formSchema(s as JsonSchema)]));
    } else if (key === 'items' && value !== null && typeof value === 'object') out[key] = formSchema(value as JsonSchema);
    else out[key] = value;
  }
  return out;
}

/**
 * The case steps as the console draws them, derived from the one lifecycle table and the command bodies (the same
 * sources as the routes and openapi.yaml): for each step, where it may start, where it leads, who gives it, its
 * legal basis and its body's JSON Schema. Written beside the console's bundle at build time.
 */
export function consoleManifest() {
  return {
    states: CASE_STATES,
    finalStates: FINAL_STATES,
    steps: Object.fromEntries(
      CASE_COMMANDS.map((command) => [
        command,
        {
          ...STEPS[command],
          body: formSchema(z.toJSONSchema(COMMAND_BODIES[command], { io: 'input', unrepresentable: 'any' }) as JsonSchema),
        },
      ]),
    ),
  };
}
