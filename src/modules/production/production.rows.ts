// The participant rows of the production log as an HTML string: a 200-person session with three
// products is 600 count pairs and their materials, so this hot path writes the markup directly
// (as attendance.roster.ts does). EVERY interpolated value goes through `esc` (names are user
// input; ids and labels too, for safety); production.test.ts checks that names are escaped.
import type { FormState } from '../../app/forms.tsx';
import { fieldOf } from './production.rules.ts';
import type { ProductionLog } from './production.service.ts';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c] ?? c);

export interface RowText {
  finished: string;
  inProgress: string;
  materials: string;
  /** "Kosongkan untuk memakai resep: {per} per {uom} selesai." with the two filled per material. */
  materialHint: (per: string, uom: string) => string;
  kind: Record<string, string>;
  notOffered: Record<string, string>;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** An inmate's registration number beside the name (as on the roll call): one name may be two people. */
const regNumber = (reg: string | null): string =>
  reg ? ` <span class="reg-no" data-testid="reg-no">${esc(reg)}</span>` : '';

export function rowsHtml(
  d: Pick<ProductionLog, 'roster' | 'products' | 'entries' | 'materialNames'>,
  form: FormState,
  errors: ReadonlyMap<string, string>,
  disabled: boolean,
  text: RowText,
): string {
  const v = form.values;
  const out: string[] = [];
  const input = (name: string, saved: string, label: string, dis: string) => {
    const id = esc(`f-${name}`);
    const shown = name in v ? str(v[name]) : saved;
    const err = errors.get(name);
    out.push(
      `<label for="${id}"><span>${esc(label)}</span></label>`,
      err ? `<p class="error" id="e-${esc(name)}">${esc(err)}</p>` : '',
      `<input type="number" inputmode="numeric" min="0" step="1" id="${id}" name="${esc(name)}" value="${esc(shown)}" data-saved="${esc(saved)}"${dis}`,
      err ? ` aria-invalid="true" aria-describedby="e-${esc(name)}"/>` : '/>',
    );
  };
  for (const r of d.roster) {
    const en = r.enrolment_id;
    const dis = disabled || r.not_offered !== null ? ' disabled' : '';
    const kind =
      r.kind === 'inmate' ? '' : `<span class="muted"> · ${esc(text.kind[r.kind] ?? r.kind)}</span>`;
    out.push(
      `<li class="prod-row" data-testid="prod-row" data-enrolment="${esc(en)}">`,
      `<h3 class="prod-name">${esc(r.name)}${regNumber(r.reg_number)}${kind}</h3>`,
      r.not_offered ? `<p class="notice">${esc(text.notOffered[r.not_offered] ?? '')}</p>` : '',
    );
    for (const p of d.products) {
      const e = d.entries.get(`${en}|${p.id}`);
      const fin = fieldOf.finished(en, p.id);
      const prog = fieldOf.inProgress(en, p.id);
      out.push(
        `<fieldset class="prod-item" data-product="${esc(p.id)}"><legend>${esc(p.name)}</legend>`,
        '<div class="prod-counts"><div>',
      );
      input(fin, e ? String(e.finished) : '', `${text.finished} (${p.uom})`, dis);
      out.push('</div><div>');
      input(prog, e?.in_progress ? String(e.in_progress) : '', text.inProgress, dis);
      out.push('</div></div>');
      if (e) out.push(`<input type="hidden" name="saved.${esc(en)}.${esc(p.id)}" value="1"/>`);
      if (p.bom.length > 0) {
        // Open only when something in it needs looking at: an error, or a quantity set by hand.
        const fields = p.bom.map((b) => fieldOf.material(en, p.id, b.material_id));
        const stored = p.bom.map((b) => {
          const q = e?.materials.get(b.material_id) ?? 0;
          // Shown only when it differs from the bill of materials: empty follows the count.
          return e && q !== b.qty_per_item * e.finished ? String(q) : '';
        });
        const open = fields.some((f, i) => errors.has(f) || (f in v ? str(v[f]) : stored[i]) !== '');
        out.push(`<details class="prod-mat"${open ? ' open' : ''}><summary>${esc(text.materials)}</summary>`);
        p.bom.forEach((b, i) => {
          const m = d.materialNames.get(b.material_id);
          const uom = m?.uom ?? '';
          out.push('<div class="prod-mat-line">');
          input(fields[i] as string, stored[i] as string, `${m?.name ?? ''} (${uom})`, dis);
          out.push(`<p class="hint">${esc(text.materialHint(`${b.qty_per_item} ${uom}`, p.uom))}</p></div>`);
        });
        out.push('</details>');
      }
      out.push('</fieldset>');
    }
    out.push('</li>');
  }
  return out.join('');
}
