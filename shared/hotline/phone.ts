// Russian phone numbers as operators type them: normalise to +7XXXXXXXXXX, search by partial input, format for reading aloud.

/** Russian national numbers start with 3, 4, 8 (geographic, toll-free) or 9 (mobile). */
const NATIONAL_START = /^[3489]/;

/**
 * '+7XXXXXXXXXX' from any usual way of typing a Russian number (8 (912) 345-67-89, +7 912 345 67 89,
 * 89123456789, 9123456789, 7-912-…), or null when it is not one. Letters mean something else was
 * typed (an extension, a name), so they make it null rather than being dropped silently.
 */
export function normalisePhone(input: string): string | null {
  const trimmed = input.trim();
  if (!/^\+?[\d\s()\-.]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  let national: string;
  if (digits.length === 11 && (digits[0] === '7' || (digits[0] === '8' && !trimmed.startsWith('+')))) national = digits.slice(1);
  else if (digits.length === 10 && !trimmed.startsWith('+')) national = digits;
  else return null;
  return NATIONAL_START.test(national) ? `+7${national}` : null;
}

/**
 * The national digits typed so far, for search as you type: '8 912 3' → '9123', '+7 (91' → '91'.
 * A leading 8 or 7 is the trunk or country code, not part of the number (no Russian national
 * number starts with either), so it is dropped.
 */
export function phoneDigitsForSearch(input: string): string {
  const digits = input.replace(/\D/g, '');
  return /^[78]/.test(digits) ? digits.slice(1) : digits;
}

/**
 * Whether a stored '+7XXXXXXXXXX' fits what is typed: the beginning of the national number, or,
 * from four digits on, any run inside it (callers often give only the last digits).
 */
export function phoneMatchesSearch(phone: string, input: string): boolean {
  const typed = phoneDigitsForSearch(input);
  if (typed === '') return false;
  const national = phoneDigitsForSearch(phone);
  return national.startsWith(typed) || (typed.length >= 4 && national.includes(typed));
}

/** '+79123456789' → '+7 912 345-67-89', grouped as it is read aloud; anything else comes back unchanged. */
export function formatPhone(phone: string): string {
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(phone);
  return m ? `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : phone;
}
