import {
  registerAppealBodySchema,
  type ApiError,
  type RegionCode,
  type RegionScope,
  type RegisterAppealBody,
} from '@shared';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { Language } from '../../i18n/languages';
import { draftToInput, type AppealDraft } from './appealDraft';

/** The form's fields, as messages are attached to them (and focus is moved to them). */
export const FORM_FIELDS = [
  'category',
  'place',
  'address',
  'region',
  'priority',
  'channel',
  'description',
  'citizenName',
  'citizenPhone',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/** A problem with one field, in the UI's terms (the schema's and server's English is never shown). */
export type FieldProblem =
  | { kind: 'required' }
  | { kind: 'chooseCategory' }
  | { kind: 'choosePlace' }
  | { kind: 'tooLong'; max: number }
  | { kind: 'phone' }
  | { kind: 'notInScope' }
  | { kind: 'invalid' }
  /** The server refused the value for a reason the client cannot name. */
  | { kind: 'rejected' };

export type FieldProblems = Partial<Record<FormField, FieldProblem>>;

/**
 * The form field of a body path, as the schema (`['citizen', 'phone']`) or the server's
 * `field` (`'citizen.phone'`) names it. A missing or bad point belongs to the place, which
 * is where the agent sets it; anything unknown to the form is null (shown form-wide).
 */
export function fieldOfPath(path: string | readonly PropertyKey[]): FormField | null {
  const [head, sub] = typeof path === 'string' ? path.split('.') : path.map(String);
  if (head === 'location') return sub === 'address' ? 'address' : 'place';
  if (head === 'citizen') return sub === 'phone' ? 'citizenPhone' : 'citizenName';
  return head !== undefined && (SAME_NAME as readonly string[]).includes(head) ? (head as FormField) : null;
}

/** Body fields whose form field has the same name. */
const SAME_NAME: readonly FormField[] = ['category', 'region', 'priority', 'channel', 'description'];

/** The problem one schema issue describes, for the field it is on. */
export function problemOfIssue(field: FormField, issue: z.core.$ZodIssue): FieldProblem {
  if (field === 'category') return { kind: 'chooseCategory' };
  if (field === 'place' && (issue.code === 'invalid_type' || issue.path.length <= 1)) return { kind: 'choosePlace' };
  if (field === 'citizenPhone' && issue.code === 'custom') return { kind: 'phone' };
  if (issue.code === 'invalid_type') return { kind: 'required' };
  if (issue.code === 'too_small' && issue.origin === 'string') return { kind: 'required' };
  if (issue.code === 'too_big' && issue.origin === 'string') return { kind: 'tooLong', max: Number(issue.maximum) };
  return { kind: 'invalid' };
}

/** Field problems of a failed parse: the first problem of each field (the schema lists them in field order). */
export function problemsOfIssues(issues: readonly z.core.$ZodIssue[]): FieldProblems {
  const problems: FieldProblems = {};
  for (const issue of issues) {
    const field = fieldOfPath(issue.path);
    if (field !== null && !problems[field]) problems[field] = problemOfIssue(field, issue);
  }
  return problems;
}

export type CheckedDraft =
  { ok: true; body: RegisterAppealBody } | { ok: false; problems: FieldProblems; other: readonly z.core.$ZodIssue[] };

/**
 * The request body of a draft, checked with the very schema the server uses
 * (shared/src/api/writes.ts), so a message reads the same before sending as after a 422;
 * plus the one rule the schema cannot know: the region must be one of the user's.
 * `other` holds issues no field of the form shows (a programming error, logged and shown
 * form-wide).
 */
export function checkDraft(draft: AppealDraft, language: Language, scope: RegionScope): CheckedDraft {
  const parsed = registerAppealBodySchema.safeParse(draftToInput(draft, language), { reportInput: true });
  const problems = parsed.success ? {} : problemsOfIssues(parsed.error.issues);
  if (draft.region !== null && !isInScope(draft.region, scope)) problems.region ??= { kind: 'notInScope' };
  const other = parsed.success ? [] : parsed.error.issues.filter((issue) => fieldOfPath(issue.path) === null);
  if (parsed.success && Object.keys(problems).length === 0) return { ok: true, body: parsed.data };
  return { ok: false, problems, other };
}

/** True when a user with this scope may register appeals in `region`. */
export function isInScope(region: RegionCode, scope: RegionScope): boolean {
  return scope === 'all' || scope.includes(region);
}

/** A refusal of the whole form (no field named, or not about a field). */
export type FormError =
  | { kind: 'invalid' }
  | { kind: 'forbidden' }
  | { kind: 'conflict' }
  | { kind: 'tooLarge' }
  | { kind: 'refused'; status: number };

/**
 * What a 4xx answer to POST /api/appeals means for the form. A named field gets the
 * client's own message for it when the shared schema finds one (the usual case: same
 * schema on both sides), "outside your regions" for a region the server would not take
 * (403/404), else a plain "refused". Nothing typed is lost either way.
 */
export function problemsOfServerError(
  status: number,
  error: ApiError | null,
  draft: AppealDraft,
  language: Language,
  scope: RegionScope,
): { problems: FieldProblems; formError: FormError | null } {
  const field = error?.field ? fieldOfPath(error.field) : null;
  if (field !== null) {
    const checked = checkDraft(draft, language, scope);
    const own = checked.ok ? undefined : checked.problems[field];
    const problem: FieldProblem =
      own ?? (field === 'region' && (status === 403 || status === 404) ? { kind: 'notInScope' } : { kind: 'rejected' });
    return { problems: { [field]: problem }, formError: null };
  }
  return { problems: {}, formError: formErrorOf(status) };
}

function formErrorOf(status: number): FormError {
  switch (status) {
    case 400:
    case 422:
      return { kind: 'invalid' };
    case 403:
      return { kind: 'forbidden' };
    case 409:
      return { kind: 'conflict' };
    case 413:
      return { kind: 'tooLarge' };
    default:
      return { kind: 'refused', status };
  }
}

/** The message for a field problem in the UI language. */
export function fieldProblemText(problem: FieldProblem, t: TFunction): string {
  switch (problem.kind) {
    case 'required':
      return t('agent.problem.required');
    case 'chooseCategory':
      return t('agent.problem.chooseCategory');
    case 'choosePlace':
      return t('agent.problem.choosePlace');
    case 'tooLong':
      return t('agent.problem.tooLong', { max: problem.max });
    case 'phone':
      return t('agent.problem.phone');
    case 'notInScope':
      return t('agent.problem.notInScope');
    case 'invalid':
      return t('agent.problem.invalid');
    case 'rejected':
      return t('agent.problem.rejected');
  }
}

/** The message for a form-wide refusal in the UI language. */
export function formErrorText(error: FormError, t: TFunction): string {
  switch (error.kind) {
    case 'invalid':
      return t('agent.error.invalid');
    case 'forbidden':
      return t('agent.error.forbidden');
    case 'conflict':
      return t('agent.error.conflict');
    case 'tooLarge':
      return t('agent.error.tooLarge');
    case 'refused':
      return t('agent.error.refused', { status: error.status });
  }
}

/** The first field with a problem, in form order (where focus goes after a failed submit). */
export function firstProblemField(problems: FieldProblems): FormField | null {
  return FORM_FIELDS.find((field) => problems[field] !== undefined) ?? null;
}

/** The form fields whose message an edit of each draft property makes stale. */
const FIELDS_OF: Record<keyof AppealDraft, readonly FormField[]> = {
  category: ['category'],
  region: ['region', 'place'],
  point: ['place'],
  pointSource: ['place'],
  place: ['place'],
  address: ['address'],
  priority: ['priority'],
  channel: ['channel'],
  description: ['description'],
  citizenName: ['citizenName'],
  citizenPhone: ['citizenPhone'],
};

/** The fields whose messages are stale after the draft went from `before` to `after`. */
export function editedFields(before: AppealDraft, after: AppealDraft): FormField[] {
  const keys = Object.keys(FIELDS_OF) as (keyof AppealDraft)[];
  return keys.filter((key) => before[key] !== after[key]).flatMap((key) => FIELDS_OF[key]);
}
