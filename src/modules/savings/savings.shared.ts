// What the savings services share: the status words a refusal names, refusals (on a field, or not
// found), trimming free text, and the person's unit as its papers print it.
import { AppError, type FieldError } from '../../app/errors.ts';
import type { Ctx } from '../../app/principal.ts';
import type { InmateStatus } from '../../db/schema.ts';
import { unit as unitPolicy } from '../units/units.policy.ts';

export const STATUS_WORDS: Record<InmateStatus, string> = {
  active: 'aktif',
  released: 'bebas',
  transferred: 'pindah',
};
export const clean = (s: string | null | undefined) => {
  const v = s?.trim();
  return v ? v : null;
};
export const year = (day: string) => Number(day.slice(0, 4));
/** A rule refusal that the form shows on the field it is about, and the API as its status. */
export const refusal = (code: string, status: number, f: FieldError) =>
  new AppError(code, status, f.key, f.params ?? {}, [f]);

/** The person's unit as its papers print it (letterhead) and its calendar day. */
export async function unitOf(ctx: Pick<Ctx, 'db' | 'who'>, unitId: string) {
  return unitPolicy(ctx, unitId);
}

export const notFoundIn = (code: string) => new AppError(code, 404, 'err.notFound');
