// Pages of selection: opening an intake, and the intake page with the ranking, the assessment forms,
// consent, the TPP record and its approval, the proposals with why anyone is not eligible.

import { type Ask, ConfirmForm } from '../../app/confirm.tsx';
import { formatDay } from '../../app/format.ts';
import { ErrorSummary, type FormState, TextField } from '../../app/forms.tsx';
import { isMessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { ScrollRegion } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { Reason } from './eligibility.rules.ts';
import { ConsentCell, CriteriaFields } from './selection.parts.tsx';
import type { SelectionMay } from './selection.policy.ts';
import type { intakeDetail } from './selection.service.ts';

type Detail = Awaited<ReturnType<typeof intakeDetail>>;
/** A reason in words; a date in it is written out ("Rabu, 21 Januari 2026"). */
const reasonText = (ctx: ViewCtx, r: Reason) => {
  if (!isMessageKey(r.key)) return r.key;
  const date = r.params?.date;
  const params =
    typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)
      ? { ...r.params, date: formatDay(date, ctx.lang) }
      : r.params;
  return ctx.t(r.key, params);
};

/** What enrolling a candidate asks first (here with scripts, on the confirm page without). */
export function enrolAsk(
  ctx: ViewCtx,
  d: { programme: { name: string; capacity: number | null } },
  name: string,
): Ask {
  return {
    question: ctx.t('selection.enrolAsk', { name, programme: d.programme.name }),
    consequences: [
      ...(d.programme.capacity
        ? [ctx.t('selection.enrolWhat', { name, capacity: d.programme.capacity })]
        : []),
      ctx.t('selection.enrolUndo'),
    ],
    yes: ctx.t('selection.enrolYes'),
  };
}
const errorOf = (ctx: ViewCtx, form: FormState | undefined, field: string) => {
  const e = form?.errors.find((x) => x.field === field);
  return e ? ctx.t(e.key, e.params) : null;
};

export function IntakeNewPage(p: {
  ctx: ViewCtx;
  programme: { id: string; name: string };
  intakes: Array<{ id: string; opened_on: string; status: 'open' | 'decided' | 'closed' }>;
  form: FormState;
}) {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title={ctx.t('selection.new')}>
      <p>
        <a href={`/programmes/${p.programme.id}`}>{p.programme.name}</a>
      </p>
      <h1>{ctx.t('selection.new')}</h1>
      {p.intakes.length > 0 && (
        <ul data-testid="intake-list">
          {p.intakes.map((i) => (
            <li key={i.id}>
              <a href={`/intakes/${i.id}`}>{formatDay(i.opened_on, ctx.lang)}</a> —{' '}
              {ctx.t(`selection.status.${i.status}`)}
            </li>
          ))}
        </ul>
      )}
      <ErrorSummary
        ctx={ctx}
        form={p.form}
        labels={{ opened_on: 'selection.openedOn', criteria: 'selection.criteria' }}
      />
      <form method="post" action={`/programmes/${p.programme.id}/intakes`} novalidate>
        <Csrf ctx={ctx} />
        <TextField ctx={ctx} form={p.form} name="opened_on" label="selection.openedOn" type="date" />
        <CriteriaFields ctx={ctx} form={p.form} />
        <button type="submit" class="primary" data-testid="intake-open">
          {ctx.t('selection.new')}
        </button>
      </form>
    </Layout>
  );
}

export interface IntakeForms {
  add?: FormState;
  score?: { id: string; form: FormState };
  tpp?: FormState;
  consent?: { id: string; form: FormState };
  enrol?: { id: string; form: FormState };
  close?: FormState;
}

export function IntakePage({
  ctx,
  d,
  forms,
  may,
}: {
  ctx: ViewCtx;
  d: Detail;
  forms: IntakeForms;
  may: SelectionMay;
}) {
  const base = `/intakes/${d.intake.id}`;
  const manage = may.manage;
  const approved = d.tpp?.approved_at != null;
  const closed = d.intake.status === 'closed';
  // A closed intake is read-only: no form of this page is offered.
  const editable = manage && !closed;
  const open = d.intake.status === 'open';
  const tppForm = forms.tpp;
  return (
    <Layout ctx={ctx} title={`${ctx.t('selection.title')} — ${d.programme.name}`}>
      <p>
        <a href={`/programmes/${d.programme.id}`}>{d.programme.name}</a>
      </p>
      <h1>
        {ctx.t('selection.title')} {formatDay(d.intake.opened_on, ctx.lang)}
      </h1>
      <p data-testid="intake-status">
        {d.intake.closed_as
          ? ctx.t(`selection.closedAs.${d.intake.closed_as}`)
          : ctx.t(`selection.status.${d.intake.status}`)}
      </p>
      {d.intake.closed_as && d.intake.closed_at && (
        <p data-testid="intake-closed">
          {ctx.t('selection.closedBy', {
            how: ctx.t(`selection.closedAs.${d.intake.closed_as}`),
            at: ctx.dateTime(d.intake.closed_at),
            reason: d.intake.close_reason ?? '',
          })}
        </p>
      )}
      <p>
        <a href={`/programmes/${d.programme.id}/enrolments`} data-testid="enrolments-link">
          {ctx.t('enrolments.title')}
        </a>
      </p>
      {forms.add && <ErrorSummary ctx={ctx} form={forms.add} labels={{}} />}
      {forms.score && <ErrorSummary ctx={ctx} form={forms.score.form} labels={{}} />}
      {forms.consent && (
        <ErrorSummary ctx={ctx} form={forms.consent.form} labels={{ note: 'selection.consentNote' }} />
      )}
      {forms.enrol && <ErrorSummary ctx={ctx} form={forms.enrol.form} labels={{}} />}
      {forms.close && (
        <ErrorSummary ctx={ctx} form={forms.close} labels={{ reason: 'selection.closeReason' }} />
      )}
      {tppForm && (
        <ErrorSummary
          ctx={ctx}
          form={tppForm}
          labels={{ held_on: 'selection.heldOn', members: 'selection.members' }}
        />
      )}

      <h2>{ctx.t('selection.candidates')}</h2>
      {d.candidates.length === 0 ? (
        <p>{ctx.t('selection.noCandidates')}</p>
      ) : (
        <ScrollRegion label={ctx.t('selection.candidates')}>
          <table data-testid="candidate-table" class="candidate-cards">
            <thead>
              <tr>
                <th scope="col">{ctx.t('selection.rank')}</th>
                <th scope="col">{ctx.t('selection.person')}</th>
                {d.intake.criteria.map((c) => (
                  <th scope="col" key={c.key}>
                    {c.label} (0–{c.max})
                  </th>
                ))}
                <th scope="col">{ctx.t('selection.total')}</th>
                <th scope="col">{ctx.t('selection.consent')}</th>
                <th scope="col">{ctx.t('selection.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {d.candidates.map((c) => {
                const f = forms.score?.id === c.id ? forms.score.form : undefined;
                const formId = `score-${c.id}`;
                return (
                  <tr key={c.id} data-testid={`candidate-${c.id}`}>
                    <td class="rank" data-label={ctx.t('selection.rank')}>
                      {c.rank}
                    </td>
                    <th scope="row" class="person">
                      {c.name}
                      <br />
                      <span class="muted">{c.reg_number}</span>
                    </th>
                    {d.intake.criteria.map((k) => {
                      const err = errorOf(ctx, f, `scores.${k.key}`);
                      const v = f ? f.values[k.key] : c.scores[k.key];
                      return (
                        <td
                          key={k.key}
                          class={err ? 'has-error' : undefined}
                          data-label={`${k.label} (0–${k.max})`}
                        >
                          {open && manage ? (
                            <input
                              form={formId}
                              type="number"
                              name={k.key}
                              min={0}
                              max={k.max}
                              step="any"
                              value={v === undefined ? '' : String(v)}
                              aria-label={`${k.label} ${c.name}`}
                              aria-invalid={err ? 'true' : undefined}
                            />
                          ) : (
                            String(v ?? '–')
                          )}
                          {err && <p class="error">{err}</p>}
                        </td>
                      );
                    })}
                    <td data-label={ctx.t('selection.total')}>
                      {c.total}
                      {open && manage && (
                        <form
                          method="post"
                          action={`${base}/candidates/${c.id}/scores`}
                          id={formId}
                          class="inline"
                          novalidate
                        >
                          <Csrf ctx={ctx} />
                          <button type="submit" data-testid={`score-${c.id}`}>
                            {ctx.t('selection.saveScores')}
                          </button>
                        </form>
                      )}
                    </td>
                    <td data-testid={`consent-cell-${c.id}`} data-label={ctx.t('selection.consent')}>
                      {c.category === 'narapidana' ? (
                        '–'
                      ) : (
                        <ConsentCell
                          ctx={ctx}
                          c={c}
                          action={`${base}/candidates/${c.id}`}
                          editable={editable}
                          form={forms.consent?.id === c.id ? forms.consent.form : undefined}
                        />
                      )}
                    </td>
                    <td class="decision" data-label={ctx.t('selection.decision')}>
                      {c.decision ? ctx.t(`selection.decision.${c.decision}`) : '–'}
                      {c.decision_reason && <span class="muted"> — {c.decision_reason}</span>}
                      {c.enrolled && (
                        <p>
                          <strong data-testid={`enrolled-${c.id}`}>{ctx.t('selection.enrolled')}</strong>
                        </p>
                      )}
                      {c.place === 'completed' && (
                        <p>
                          <strong data-testid={`completed-${c.id}`}>
                            {ctx.t('selection.completedBefore')}
                          </strong>
                        </p>
                      )}
                      {forms.enrol?.id === c.id && (
                        <p class="error">{errorOf(ctx, forms.enrol.form, 'enrol')}</p>
                      )}
                      {approved && c.decision === 'accepted' && editable && c.place === null && (
                        <ConfirmForm
                          ctx={ctx}
                          action={`${base}/candidates/${c.id}/enrol`}
                          ask={enrolAsk(ctx, d, c.name)}
                          class="inline"
                        >
                          <button type="submit" data-testid={`enrol-${c.id}`}>
                            {ctx.t('selection.enrol')}
                          </button>
                        </ConfirmForm>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      <h2>{ctx.t('selection.tpp')}</h2>
      {d.tpp && (
        <div data-testid="tpp-record">
          <p>
            {d.tpp.held_on}: {d.tpp.members.join(', ')}
          </p>
          {d.tpp.notes && <p>{d.tpp.notes}</p>}
          <p>
            {d.tpp.approved_at
              ? ctx.t('selection.approvedBy', { name: d.tpp.approved_by_name ?? '' })
              : ctx.t('selection.awaitingApproval')}
          </p>
          {!d.tpp.approved_at && !closed && may.approve && (
            <form method="post" action={`${base}/approve`}>
              <Csrf ctx={ctx} />
              <button type="submit" class="primary" data-testid="tpp-approve">
                {ctx.t('selection.approve')}
              </button>
            </form>
          )}
        </div>
      )}
      {editable && !approved && d.candidates.length > 0 && (
        <form method="post" action={`${base}/tpp`} novalidate data-testid="tpp-form">
          <Csrf ctx={ctx} />
          <TextField
            ctx={ctx}
            form={tppForm ?? { values: { held_on: d.tpp?.held_on ?? '' }, errors: [] }}
            name="held_on"
            label="selection.heldOn"
            type="date"
          />
          <div class={errorOf(ctx, tppForm, 'members') ? 'field has-error' : 'field'}>
            <label for="f-members">{ctx.t('selection.members')}</label>
            {errorOf(ctx, tppForm, 'members') && <p class="error">{errorOf(ctx, tppForm, 'members')}</p>}
            <textarea id="f-members" name="members" rows={4}>
              {String(tppForm?.values.members ?? d.tpp?.members.join('\n') ?? '')}
            </textarea>
          </div>
          <div class="field">
            <label for="f-notes">{ctx.t('selection.notes')}</label>
            <textarea id="f-notes" name="notes" rows={2}>
              {String(tppForm?.values.notes ?? d.tpp?.notes ?? '')}
            </textarea>
          </div>
          <table>
            <tbody>
              {d.candidates.map((c, i) => {
                const dv = String(tppForm?.values[`decision_${c.id}`] ?? c.decision ?? '');
                const err =
                  errorOf(ctx, tppForm, `decisions.${i}`) ?? errorOf(ctx, tppForm, `decisions.${i}.reason`);
                return (
                  <tr key={c.id} class={err ? 'has-error' : undefined}>
                    <th scope="row">
                      {c.rank}. {c.name}
                    </th>
                    <td>
                      <select
                        name={`decision_${c.id}`}
                        aria-label={`${ctx.t('selection.decision')} ${c.name}`}
                      >
                        <option value="">–</option>
                        {(['accepted', 'waitlisted', 'rejected'] as const).map((v) => (
                          <option key={v} value={v} selected={dv === v}>
                            {ctx.t(`selection.decision.${v}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input
                        name={`reason_${c.id}`}
                        value={String(tppForm?.values[`reason_${c.id}`] ?? c.decision_reason ?? '')}
                        aria-label={`${ctx.t('selection.reason')} ${c.name}`}
                      />
                      {err && <p class="error">{err}</p>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <button type="submit" class="primary" data-testid="tpp-save">
            {ctx.t('selection.saveTpp')}
          </button>
        </form>
      )}

      <h2>{ctx.t('selection.proposals')}</h2>
      <ScrollRegion label={ctx.t('selection.proposals')}>
        <table data-testid="proposal-table">
          <tbody>
            {d.proposals.map((p) => (
              <tr key={p.id} data-testid={`proposal-${p.id}`}>
                <td>
                  {p.name}
                  <br />
                  <span class="muted">{p.reg_number}</span>
                </td>
                <td>
                  {p.result.eligible ? (
                    ctx.t('selection.eligible')
                  ) : (
                    <>
                      {ctx.t('selection.ineligible')}
                      <ul>
                        {p.result.reasons.map((r) => (
                          <li key={r.key}>{reasonText(ctx, r)}</li>
                        ))}
                      </ul>
                    </>
                  )}
                </td>
                <td>
                  {p.result.eligible && open && editable && (
                    <form method="post" action={`${base}/candidates`} class="inline">
                      <Csrf ctx={ctx} />
                      <input type="hidden" name="inmate_id" value={p.id} />
                      <button type="submit" data-testid={`add-${p.id}`}>
                        {ctx.t('selection.add')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {editable && (
        <form method="post" action={`${base}/close`} novalidate data-testid="close-form">
          <h2>{ctx.t(open ? 'selection.cancel' : 'selection.close')}</h2>
          <Csrf ctx={ctx} />
          <TextField
            ctx={ctx}
            form={forms.close ?? { values: {}, errors: [] }}
            name="reason"
            label="selection.closeReason"
            maxLength={500}
          />
          <button type="submit" data-testid="intake-close">
            {ctx.t(open ? 'selection.cancel' : 'selection.close')}
          </button>
        </form>
      )}
    </Layout>
  );
}
