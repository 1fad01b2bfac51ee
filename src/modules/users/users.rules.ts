// Pure rules of staff accounts: the NIP (Nomor Induk Pegawai) of a civil servant, and which unit a
// role may work in. No I/O.
import type { Role, UnitType } from '../../db/schema.ts';

// An NIP has 18 digits: birth date (yyyymmdd), TMT CPNS, the month of appointment (yyyymm), gender
// (1 man, 2 woman) and a three-digit sequence, e.g. 19850312 201001 1 004.

/** Why an NIP cannot be right, as a message key; null when it is. */
export type NipProblem = 'users.nipDigits' | 'users.nipBirth' | 'users.nipTmt' | 'users.nipGender' | null;

const validDay = (y: number, m: number, d: number) => {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
};

/**
 * Checks an NIP's structure against `today` ('YYYY-MM-DD'): 18 digits; a real birth date of someone
 * at least 17 (the lowest age of appointment is 18; a year's slack for dates kept as years); an
 * appointment month after the 17th birthday and not in the future; gender digit 1 or 2; a sequence
 * above 000.
 */
export function nipProblem(nip: string, today: string): NipProblem {
  if (!/^\d{18}$/.test(nip)) return 'users.nipDigits';
  const y = Number(nip.slice(0, 4));
  const m = Number(nip.slice(4, 6));
  const d = Number(nip.slice(6, 8));
  const ty = Number(today.slice(0, 4));
  const tm = Number(today.slice(5, 7));
  if (
    y < 1930 ||
    !validDay(y, m, d) ||
    nip.slice(0, 8) > `${ty - 17}${today.slice(5, 7)}${today.slice(8, 10)}`
  )
    return 'users.nipBirth';
  const ay = Number(nip.slice(8, 12));
  const am = Number(nip.slice(12, 14));
  if (am < 1 || am > 12 || ay * 12 + am < (y + 17) * 12 + m || ay * 12 + am > ty * 12 + tm)
    return 'users.nipTmt';
  if (nip[14] !== '1' && nip[14] !== '2') return 'users.nipGender';
  if (nip.slice(15) === '000') return 'users.nipDigits';
  return null;
}

/** Why the roles cannot be held in a unit of this type, as a message key; null when they can. */
export type RoleUnitProblem = 'users.pkNeedsBapas' | 'users.pkAlone' | null;

/**
 * A probation officer (pembimbing_kemasyarakatan) works at a Bapas, and only as that: their scope is
 * the people assigned to them, so another role held beside it would silently see nothing of its unit.
 */
export function roleUnitProblem(roles: readonly Role[], unitType: UnitType | null): RoleUnitProblem {
  if (!roles.includes('pembimbing_kemasyarakatan')) return null;
  if (unitType !== 'bapas') return 'users.pkNeedsBapas';
  if (roles.length > 1) return 'users.pkAlone';
  return null;
}
