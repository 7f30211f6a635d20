import { ApiProblem } from './api.ts';
import { hasKey, label, language, t } from './i18n.ts';
import { hasLabel } from './labels.ts';

/** A step a 409 allows: a case's, or an alert's. */
const stepLabel = (s: string) => (hasLabel('step', s) ? label('step', s) : label('alertStep', s));

const fieldNames = (errors: unknown) =>
  Array.isArray(errors) && errors.length > 0
    ? errors
        .map((e: { field?: string }) => {
          const path = String(e.field ?? '').split('.');
          return path.map((part) => (/^\d+$/.test(part) ? `#${Number(part) + 1}` : label('field', part))).join(' › ');
        })
        .join('、')
    : t('fieldsUnnamed');

/** A 409: the §58 review a major case needs, or the steps the case allows now. */
const EXCLUSION_REASONS: [RegExp, 'reasonNotInspector' | 'reasonDeclared' | 'reasonRecent'][] = [
  [/not an inspector/, 'reasonNotInspector'],
  [/declared conflict/, 'reasonDeclared'],
  [/within the last 12 months/, 'reasonRecent'],
];

/** A targeted inspection short of two eligible inspectors: how many, and why each chosen one was left out. */
function shortfallText(shortfall: { needed: number; eligible: number; excluded?: { inspector: string; reason: string }[] }): string {
  const why = (reason: string) => {
    const key = EXCLUSION_REASONS.find(([pattern]) => pattern.test(reason))?.[1];
    return key === undefined ? reason : t(key);
  };
  const excluded = (shortfall.excluded ?? []).map((e) => `${e.inspector}（${why(e.reason)}）`).join('、');
  return t('teamShortfall', { needed: shortfall.needed, eligible: shortfall.eligible, excluded: excluded || '—' });
}

function conflictText(body: Record<string, unknown>): string {
  if (Array.isArray(body.major)) return t('majorCase');
  if (typeof body.shortfall === 'object' && body.shortfall !== null) return shortfallText(body.shortfall as never);
  // Credit: a repair asked too early or never possible, an objection after its window.
  if (typeof body.earliest === 'string') return t('repairEarliest', { earliest: body.earliest });
  if (typeof body.lastDay === 'string') return t('objectionLate', { lastDay: body.lastDay });
  if (typeof body.basis === 'string') return t('repairNever', { basis: body.basis });
  const allowed = Array.isArray(body.allowed) ? (body.allowed as string[]) : undefined;
  if (allowed === undefined) return t('p_conflict', { allowed: '' });
  return t('p_conflict', {
    allowed: allowed.length === 0 ? t('nothingAllowed') : t('allowedNow', { steps: allowed.map(stepLabel).join('、') }),
  });
}

/** Any other refusal: the fields a 400 names, or the problem type's own sentence. */
function plainText(error: ApiProblem): string {
  const body = error.body;
  if (error.kind === 'validation-error' || error.kind === 'rule-violation') {
    return t(`p_${error.kind}`, { fields: fieldNames(body.errors ?? (body.field === undefined ? undefined : [{ field: body.field }])) });
  }
  const key = `p_${error.kind}`;
  return hasKey(key) ? t(key) : t('p_unknown', { status: error.status });
}

/**
 * A refusal said in the user's language, with what to do: built from the problem's stable type and its structured
 * members (the fields, the steps allowed now, the §58 reasons), never from the server's English `detail` in the
 * Chinese UI. In English the server's detail follows, as it says exactly which rule refused.
 */
export function problemText(error: unknown): string {
  if (!(error instanceof ApiProblem)) return t('p_unknown', { status: '?' });
  const body = error.body;
  const text = error.kind === 'conflict' ? conflictText(body) : plainText(error);
  const detail = typeof body.detail === 'string' ? body.detail : '';
  return language() === 'en' && detail !== '' && error.kind !== 'network' ? `${text} (${detail})` : text;
}
