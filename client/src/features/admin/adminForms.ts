import {
  createUserBodySchema,
  PASSWORD_RULES,
  type CreateUserBody,
  type PasswordRule,
  type RegionScope,
  type Role,
} from '@shared';
import type { TFunction } from 'i18next';
import { scopeOfSelection, type RegionSelection } from './regionScope';

/** A problem with one form field, in the UI's terms. */
export type FieldProblem =
  | { kind: 'required' }
  | { kind: 'username-format' }
  | { kind: 'too-short'; min: number }
  | { kind: 'too-long'; max: number }
  | { kind: 'no-region' }
  | { kind: 'exists' }
  /** A rule of the password policy (shared/src/auth/passwordPolicy.ts). */
  | { kind: 'weak-password'; rule: PasswordRule };

export type FieldProblems<F extends string> = Partial<Record<F, FieldProblem>>;

/** The message for a field problem, in the current UI language. */
export function fieldProblemText(problem: FieldProblem, t: TFunction): string {
  switch (problem.kind) {
    case 'required':
      return t('form.required');
    case 'username-format':
      return t('login.usernameFormat');
    case 'too-short':
      return t('form.tooShort', { min: problem.min });
    case 'too-long':
      return t('form.tooLong', { max: problem.max });
    case 'no-region':
      return t('regions.none');
    case 'exists':
      return t('users.exists');
    case 'weak-password':
      return t(`password.rule.${problem.rule}`);
  }
}

export interface NewUserDraft {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  regions: RegionSelection;
}

export type NewUserField = 'username' | 'displayName' | 'password' | 'regions';

export type Checked<B, F extends string> = { ok: true; body: B } | { ok: false; problems: FieldProblems<F> };

/**
 * The create-user body, checked by the same schema the server uses (shared/schemas/auth.ts),
 * with each problem turned into a translatable one. An empty display name is left out.
 */
export function checkNewUser(draft: NewUserDraft): Checked<CreateUserBody, NewUserField> {
  const displayName = draft.displayName.trim();
  const regions = scopeOfSelection(draft.regions);
  const parsed = createUserBodySchema.safeParse({
    username: draft.username,
    password: draft.password,
    role: draft.role,
    regions: regions ?? 'all',
    ...(displayName ? { displayName } : {}),
  });
  const problems: FieldProblems<NewUserField> = {};
  if (regions === null) problems.regions = { kind: 'no-region' };
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'username') {
      problems.username = draft.username.trim() === '' ? { kind: 'required' } : { kind: 'username-format' };
    } else if (field === 'password' || field === 'displayName') {
      const rule = issue.code === 'custom' ? ruleOf(issue.params) : null;
      if (rule) problems[field] = { kind: 'weak-password', rule };
      else if (issue.code === 'too_small') problems[field] = { kind: 'too-short', min: Number(issue.minimum) };
      else if (issue.code === 'too_big') problems[field] = { kind: 'too-long', max: Number(issue.maximum) };
      else problems[field] = { kind: 'required' };
    } else if (field === 'regions') {
      problems.regions = { kind: 'no-region' };
    }
  }
  if (!parsed.success || Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, body: parsed.data };
}

/** The policy rule a custom schema issue names (`params.rule`), or null. */
function ruleOf(params: unknown): PasswordRule | null {
  const rule = (params as { rule?: unknown } | undefined)?.rule;
  return PASSWORD_RULES.find((r) => r === rule) ?? null;
}

/** Longest kiosk label the server takes. */
export const KIOSK_LABEL_MAX = 100;

export type KioskField = 'label' | 'regions';

/** The issue-kiosk-token body, or the problems with it. */
export function checkKioskDraft(
  label: string,
  selection: RegionSelection,
): Checked<{ label: string; regions: RegionScope }, KioskField> {
  const trimmed = label.trim();
  const regions = scopeOfSelection(selection);
  const problems: FieldProblems<KioskField> = {};
  if (trimmed === '') problems.label = { kind: 'required' };
  else if (trimmed.length > KIOSK_LABEL_MAX) problems.label = { kind: 'too-long', max: KIOSK_LABEL_MAX };
  if (regions === null) problems.regions = { kind: 'no-region' };
  if (regions === null || problems.label) return { ok: false, problems };
  return { ok: true, body: { label: trimmed, regions } };
}
