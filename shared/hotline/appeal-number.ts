// Appeal numbers a console issues offline and an operator reads to a caller: PREFIX-CONSOLE-SEQ, unique across consoles without asking the server.
//
// Format: «ЗРЧ-7F3A-0042».
//   PREFIX   the organisation's prefix (Organisation.prefix, 1–8 characters, no dash).
//   CONSOLE  the console's code in Crockford base32 (digits and A–Z without I, L, O, U, so nothing
//            is confused with 1 or 0 and no letter sounds rude): four characters when the server has
//            given the console a number, seven when derived from its clientId.
//   SEQ      the console's own counter, decimal, at least four digits, never reused.
//
// Why not four characters hashed from the clientId: 32⁴ ≈ 1 M codes, and by the birthday bound
// 1 000 consoles share a code with probability ≈ 1 − e^(−1000²/2²¹) ≈ 38 %. Uniqueness therefore
// comes from one of two sources:
//   - a console number the server assigns once when the console first registers (it must log in
//     online once anyway): four characters, 1 048 576 consoles, collision-free by construction;
//   - until then, seven characters of a 53-bit hash of the clientId (35 bits): collision chance
//     ≈ 1.5·10⁻⁵ among 1 000 consoles, and the two forms never collide with each other because
//     their lengths differ. The server still has the last word: (clientId, seq) is the identity.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ASSIGNED_CODE_LENGTH = 4;
export const DERIVED_CODE_LENGTH = 7;
const MAX_CONSOLE_NUMBER = 32 ** ASSIGNED_CODE_LENGTH - 1;

function base32(value: number, length: number): string {
  let out = '';
  let v = value;
  for (let i = 0; i < length; i++) {
    out = ALPHABET[v % 32] + out;
    v = Math.floor(v / 32);
  }
  return out;
}

/** cyrb53: a 53-bit string hash, stable across runtimes, pure JS (no crypto available in shared/). */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Console code from the number the server assigned (1 … 1 048 575). */
export function consoleCodeFromNumber(consoleNumber: number): string {
  if (!Number.isInteger(consoleNumber) || consoleNumber < 1 || consoleNumber > MAX_CONSOLE_NUMBER) {
    throw new RangeError(`console number out of range: ${consoleNumber}`);
  }
  return base32(consoleNumber, ASSIGNED_CODE_LENGTH);
}

const derivedCodes = new Map<string, string>();

/** Console code derived from the clientId, for a console the server has not numbered yet. */
export function consoleCodeFromClientId(clientId: string): string {
  let code = derivedCodes.get(clientId);
  if (code === undefined) {
    code = base32(hash53(clientId) % 32 ** DERIVED_CODE_LENGTH, DERIVED_CODE_LENGTH);
    // A console has one clientId; the bound only protects a server numbering many.
    if (derivedCodes.size > 10_000) derivedCodes.clear();
    derivedCodes.set(clientId, code);
  }
  return code;
}

export interface AppealNumberParts {
  prefix: string;
  consoleCode: string;
  seq: number;
}

export interface MakeAppealNumberInput {
  prefix: string;
  clientId: string;
  seq: number;
  /** The server-assigned console number, when the console has one: shorter and collision-free. */
  consoleNumber?: number | null;
}

const PREFIX_RE = /^[^\s-]{1,8}$/u;

export function makeAppealNumber({ prefix, clientId, seq, consoleNumber }: MakeAppealNumberInput): string {
  if (!PREFIX_RE.test(prefix)) throw new RangeError(`bad prefix: ${prefix}`);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`bad sequence: ${seq}`);
  const code = consoleNumber != null ? consoleCodeFromNumber(consoleNumber) : consoleCodeFromClientId(clientId);
  return `${prefix}-${code}-${String(seq).padStart(4, '0')}`;
}

// What an operator may type when a caller dictates a number: Cyrillic look-alikes, o for zero, i/l for one.
const LOOK_ALIKES: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', Р: 'P', С: 'C', Т: 'T', Х: 'X', О: '0', O: '0', I: '1', L: '1', З: '3',
};

/**
 * Parts of an appeal number as typed back by an operator (any case, spaces or dashes, Cyrillic
 * letters in the console code), or null when it cannot be one.
 */
export function parseAppealNumber(input: string): AppealNumberParts | null {
  const parts = input.trim().split(/[\s\-–—]+/u).filter(Boolean);
  if (parts.length !== 3) return null;
  const [prefix, rawCode, rawSeq] = parts;
  const code = [...rawCode.toUpperCase()].map((c) => LOOK_ALIKES[c] ?? c).join('');
  if (code.length !== ASSIGNED_CODE_LENGTH && code.length !== DERIVED_CODE_LENGTH) return null;
  if ([...code].some((c) => !ALPHABET.includes(c))) return null;
  if (!/^\d+$/.test(rawSeq)) return null;
  const seq = Number(rawSeq);
  if (!Number.isSafeInteger(seq) || seq < 1) return null;
  return { prefix: prefix.toUpperCase(), consoleCode: code, seq };
}
