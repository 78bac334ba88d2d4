/**
 * Control digits that tell a personal number from any other run of digits.
 */

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;

function weightedMod11(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i += 1) sum += (digits[i] as number) * (weights[i] as number);
  return sum % 11;
}

/**
 * The control digit of a Kazakh ИИН/БИН from its first 11 digits, or null when none exists
 * (such numbers are never issued). The official rule: the sum of the digits weighted 1…11,
 * modulo 11; if that is 10, the sum weighted 3…11,1,2 modulo 11; if that is 10 too, no number.
 */
export function iinControlDigit(first11: readonly number[]): number | null {
  const first = weightedMod11(first11, FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = weightedMod11(first11, SECOND_WEIGHTS);
  return second === 10 ? null : second;
}

/**
 * True for a 12-digit ИИН (individual) or БИН (business) whose control digit is right and
 * whose 3rd–4th digits are a month (both begin YYMM): a stray 12-digit number passes the
 * checksum alone about one time in eleven.
 */
export function isValidIinOrBin(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) return false;
  const month = Number(digits.slice(2, 4));
  if (month < 1 || month > 12) return false;
  const values = Array.from(digits, Number);
  return iinControlDigit(values.slice(0, 11)) === values[11];
}

/** Luhn check of a payment card number (13–19 digits). */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
