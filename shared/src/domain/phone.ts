/**
 * Kazakhstan phone numbers: +7 followed by 10 digits, the first of which is 7 (mobile
 * 70x/747/75x/77x and every city code). Agents type them in many shapes; they are stored
 * as E.164 (+77012345678) and shown as +7 701 234 56 78.
 */
const KZ_E164 = /^\+77\d{9}$/;

/**
 * The E.164 form of a Kazakh number typed as "+7 (701) 234-56-78", "8 701 234 5678",
 * "87012345678" or "7012345678"; null when it is not one.
 */
export function normalizeKzPhone(input: string): string | null {
  const digits = input.replace(/[\s()\-.]/g, '');
  if (!/^\+?\d+$/.test(digits)) return null;
  const bare = digits.replace(/^\+/, '');
  let national: string;
  if (bare.length === 10) national = bare;
  else if (bare.length === 11 && (bare.startsWith('7') || (bare.startsWith('8') && !digits.startsWith('+'))))
    national = bare.slice(1);
  else return null;
  const e164 = `+7${national}`;
  return KZ_E164.test(e164) ? e164 : null;
}

/** "+77012345678" → "+7 701 234 56 78"; anything else is returned unchanged. */
export function formatKzPhone(e164: string): string {
  if (!KZ_E164.test(e164)) return e164;
  const d = e164.slice(2);
  return `+7 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8, 10)}`;
}
