import { RouteTable } from '../../infra/local/http-gateway.ts';
import { routes } from '../../infra/topology.ts';

const table = new RouteTable(routes);
/** API Gateway's own answers ({"message"}), which no function's contract declares: README, "Every error is…". */
const GATEWAY = /^\{"message":"[^"]*"\}$/;

/**
 * Whether an answer is what the route's contract (the source openapi.yaml is generated from) declares: the status is
 * one of its responses and the body matches that response's zod schema. Undefined when it is; the mismatch otherwise.
 */
export function contractMismatch(method: string, path: string, status: number, contentType: string, text: string): string | undefined {
  const matched = table.match(method, path.split('?')[0] ?? path);
  if (matched === undefined || matched === 'bad-encoding' || matched.spec.contract === undefined) return undefined;
  if ([401, 403, 404, 413, 429].includes(status) && GATEWAY.test(text)) return undefined;
  const declared = matched.spec.contract.responses[status];
  const where = `${method} ${matched.spec.path} ${status}`;
  if (declared === undefined) return `${where}: status not declared (${Object.keys(matched.spec.contract.responses).join(', ')})`;
  if (declared.schema === undefined || !/^application\/(problem\+)?json/.test(contentType) || text === '') return undefined;
  const checked = declared.schema.safeParse(JSON.parse(text));
  if (checked.success) return undefined;
  const issue = checked.error.issues[0];
  return `${where}: body does not match its schema at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`;
}
