// The roster rows of the attendance page as an HTML string. A 200-person session is 1,200 radios
// and 6,000 elements; building them as component trees took most of the page's time, so this hot
// path writes the markup directly. EVERY interpolated value goes through `esc` (names, notes and
// reasons are user input; ids and labels too, for safety); attendance.test.ts checks it escapes.
// A row carries only what is used: an id for the error summary's link and the reason field appear
// when the row has something to say (an error, a reason typed); public/attendance.js adds the
// reason field when a saved mark is changed, and without scripts the save asks for it (400) with
// the field shown. attendance.lean.test.ts bounds the size of a 200-person page.
import type { FormState } from '../../app/forms.tsx';
import { MARK_STATUSES, type NotOffered } from './attendance.rules.ts';
import type { RosterRow } from './attendance.service.ts';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c] ?? c);

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** An inmate's registration number beside the name, so that two people of one name are told apart. */
export const regNumber = (reg: string | null): string =>
  reg ? ` <span class="reg-no" data-testid="reg-no">${esc(reg)}</span>` : '';

export interface RosterText {
  /** Status labels in MARK_STATUSES order. */
  labels: readonly string[];
  note: string;
  reason: string;
  /** "Pemagang", "Petugas" per kind (inmates carry no suffix). */
  kind: Record<string, string>;
  /** Why a participant listed with an earlier mark is no longer offered, per reason. */
  notOffered: Record<NotOffered, string>;
}

export function rosterHtml(
  rows: readonly RosterRow[],
  form: FormState,
  errors: ReadonlyMap<string, string>,
  disabled: boolean,
  text: RosterText,
): string {
  const v = form.values;
  const out: string[] = [];
  for (const r of rows) {
    // A participant listed only for a mark saved earlier is read-only, with the reason shown.
    const dis = disabled || r.not_offered !== null ? ' disabled' : '';
    const id = esc(r.enrolment_id);
    const name = `status.${r.enrolment_id}`;
    const chosen = str(v[name]) || r.status || '';
    const noteKey = `note.${r.enrolment_id}`;
    const note = noteKey in v ? str(v[noteKey]) : (r.note ?? '');
    const statusErr = errors.get(name);
    const reasonErr = errors.get(`reason.${r.enrolment_id}`);
    const kind =
      r.kind === 'inmate' ? '' : `<span class="muted"> · ${esc(text.kind[r.kind] ?? r.kind)}</span>`;
    const reason = str(v[`reason.${r.enrolment_id}`]);
    out.push(
      `<li class="att-row" data-enrolment="${id}"`,
      r.status ? ` data-saved="${esc(r.status)}"` : '',
      r.note ? ` data-saved-note="${esc(r.note)}">` : '>',
      // The error summary links to the row it names.
      statusErr ? `<fieldset class="seg" id="f-status.${id}">` : '<fieldset class="seg">',
      `<legend>${esc(r.name)}${regNumber(r.reg_number)}${kind}</legend>`,
      statusErr ? `<p class="error">${esc(statusErr)}</p>` : '',
      r.not_offered
        ? `<p class="notice" data-testid="not-offered.${id}">${esc(text.notOffered[r.not_offered])}</p>`
        : '',
      '<div class="seg-opts">',
    );
    MARK_STATUSES.forEach((s, i) => {
      out.push(
        `<label><input type="radio" name="status.${id}" value="${s}"${chosen === s ? ' checked' : ''}${dis}/>`,
        `<span>${esc(text.labels[i] ?? s)}</span></label>`,
      );
    });
    out.push(
      '</div></fieldset><div class="att-extra"><label class="att-note">',
      `<span>${esc(text.note)}</span><input type="text" name="note.${id}"`,
      note ? ` value="${esc(note)}"` : '',
      ` maxlength="500"${dis}/></label>`,
    );
    if ((r.status && reason) || reasonErr) {
      out.push(
        `<div class="${reasonErr ? 'att-reason has-error' : 'att-reason'}">`,
        `<label for="f-reason.${id}">${esc(text.reason)}</label>`,
        reasonErr
          ? `<p class="error" id="e-reason.${id}" data-testid="error-reason.${id}">${esc(reasonErr)}</p>`
          : '',
        `<input type="text" id="f-reason.${id}" name="reason.${id}" value="${esc(reason)}" maxlength="500"${dis}`,
        reasonErr ? ` aria-invalid="true" aria-describedby="e-reason.${id}"/>` : '/>',
        '</div>',
      );
    }
    out.push('</div></li>');
  }
  return out.join('');
}
