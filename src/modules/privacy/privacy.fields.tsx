// The privacy forms' two field kinds, on the shared fields of app/forms.tsx: a date and time typed
// in the unit's zone, and a long text that is required unless said otherwise.
import type { ComponentProps } from 'preact';
import { TextArea, TextField } from '../../app/forms.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { splitMinutes } from './privacy.rules.ts';

type FieldProps = Omit<ComponentProps<typeof TextField>, 'type'>;

export function DateTimeField(p: FieldProps) {
  return <TextField {...p} type="datetime-local" />;
}

export function LongText(p: Omit<ComponentProps<typeof TextArea>, 'maxLength'> & { maxLength: number }) {
  return <TextArea {...p} optional={p.optional ?? false} />;
}

/** "2 hari 5 jam 10 menit lagi" or "terlambat 3 jam …". */
export function remaining(ctx: ViewCtx, minutesLeft: number): string {
  const s = splitMinutes(minutesLeft);
  const params = { d: s.days, h: s.hours, m: s.minutes };
  return minutesLeft >= 0 ? ctx.t('privacy.left', params) : ctx.t('privacy.over', params);
}
