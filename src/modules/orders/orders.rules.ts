// The pure rules of an order inquiry: an Indonesian WhatsApp number in one form, what the spam
// guard allows, and the reference series. No I/O: tested without a database.

/** The unit's series of inquiry references: PSN/2026/0001, gapless per unit and year. */
export const ORDER_SERIES = 'PSN';

/** More than this many posts from one address within THROTTLE_MINUTES is refused (429). */
export const THROTTLE_MAX = 5;
export const THROTTLE_MINUTES = 10;
/** A proof-of-work challenge must be solved and sent within this time. */
export const CHALLENGE_MINUTES = 10;
/** The name under which the spam guard counts posts of this form. */
export const ORDER_FORM = 'order';

/**
 * An Indonesian mobile number as WhatsApp knows it, "+62812…", from what people type: 0812-3456-7890,
 * 62 812 3456 7890 or +62 (812) 3456-7890. Null when it is not one: the subscriber part starts with 8
 * and has 9 to 13 digits (10 to 14 written with the leading 0).
 */
export function normaliseWhatsapp(input: string): string | null {
  const s = input.trim().replace(/[\s.\-()]/g, '');
  if (!/^\+?[0-9]+$/.test(s)) return null;
  let rest: string;
  if (s.startsWith('+62')) rest = s.slice(3);
  else if (s.startsWith('62')) rest = s.slice(2);
  else if (s.startsWith('08')) rest = s.slice(1);
  else return null;
  if (!/^8[0-9]{8,12}$/.test(rest)) return null;
  return `+62${rest}`;
}

/** Whether one more post from an address that made `recent` posts (this one included) is too many. */
export function throttled(recent: number): boolean {
  return recent > THROTTLE_MAX;
}
