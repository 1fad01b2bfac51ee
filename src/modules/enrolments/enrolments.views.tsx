// The participants page of a programme: who takes part, places taken, adding an intern or a staff
// member, and changing a participant's status with a reason.
import { ErrorSummary, type FormState, SelectField, TextField } from '../../app/forms.tsx';
import { Csrf, Layout } from '../../app/layout.tsx';
import { ScrollRegion } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { EnrolmentsMay } from './enrolments.policy.ts';
import type { EnrolmentRow } from './enrolments.repo.ts';
import { END_REASONS as REASONS, ENROLMENT_STATUSES as STATUSES } from './enrolments.schema.ts';

export function EnrolmentsPage(p: {
  ctx: ViewCtx;
  programme: { id: string; name: string; capacity: number };
  rows: EnrolmentRow[];
  add: FormState;
  change?: { id: string; form: FormState } | undefined;
  may: EnrolmentsMay;
}) {
  const { ctx } = p;
  const taken = p.rows.filter((r) => r.status === 'active' || r.status === 'suspended').length;
  const manage = p.may.manage;
  return (
    <Layout ctx={ctx} title={`${ctx.t('enrolments.title')} — ${p.programme.name}`}>
      <p>
        <a href={`/programmes/${p.programme.id}`}>{p.programme.name}</a> ·{' '}
        <a href={`/programmes/${p.programme.id}/completion`} data-testid="enrolments-completion">
          {ctx.t('certificates.link')}
        </a>
      </p>
      <h1>{ctx.t('enrolments.title')}</h1>
      <p data-testid="places">{ctx.t('enrolments.places', { n: taken, cap: p.programme.capacity })}</p>
      {p.change && (
        <ErrorSummary ctx={ctx} form={p.change.form} labels={{ end_reason: 'enrolments.endReason' }} />
      )}
      {p.rows.length === 0 ? (
        <p>{ctx.t('enrolments.none')}</p>
      ) : (
        <ScrollRegion label={ctx.t('enrolments.title')}>
          <table data-testid="enrolment-table">
            <thead>
              <tr>
                <th scope="col">{ctx.t('enrolments.name')}</th>
                <th scope="col">{ctx.t('enrolments.kind')}</th>
                <th scope="col">{ctx.t('enrolments.status')}</th>
                {manage && <th scope="col">{ctx.t('enrolments.change')}</th>}
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr key={r.id} data-testid={`enrolment-${r.id}`}>
                  <td>
                    {ctx.can('attendance.view') ? (
                      <a
                        href={`/enrolments/${r.id}/competencies`}
                        data-testid={`enrolment-competencies-${r.id}`}
                      >
                        {r.name}
                      </a>
                    ) : (
                      r.name
                    )}
                    {r.institution && <span class="muted"> — {r.institution}</span>}
                    {r.period_from && (
                      <span class="muted">
                        {' '}
                        ({r.period_from} – {r.period_to})
                      </span>
                    )}
                  </td>
                  <td>{ctx.t(`enrolments.kind.${r.kind}`)}</td>
                  <td>
                    {ctx.t(`enrolments.status.${r.status}`)}
                    {r.end_reason && ` — ${ctx.t(`enrolments.endReason.${r.end_reason}`)}`}
                    {r.ended_on && ` (${r.ended_on})`}
                  </td>
                  {manage && (
                    <td>
                      {(r.status === 'active' || r.status === 'suspended') && (
                        <form method="post" action={`/enrolments/${r.id}/status`} class="inline">
                          <Csrf ctx={ctx} />
                          <select name="status" aria-label={ctx.t('enrolments.status')}>
                            {STATUSES.filter((s) => s !== r.status).map((s) => (
                              <option key={s} value={s}>
                                {ctx.t(`enrolments.status.${s}`)}
                              </option>
                            ))}
                          </select>
                          <select name="end_reason" aria-label={ctx.t('enrolments.endReason')}>
                            <option value="">–</option>
                            {REASONS.map((s) => (
                              <option key={s} value={s}>
                                {ctx.t(`enrolments.endReason.${s}`)}
                              </option>
                            ))}
                          </select>
                          <input
                            type="date"
                            name="on_date"
                            required
                            aria-label={ctx.t('enrolments.onDate')}
                          />
                          <button type="submit">{ctx.t('enrolments.change')}</button>
                        </form>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {manage && (
        <>
          <h2>{ctx.t('enrolments.add')}</h2>
          <ErrorSummary
            ctx={ctx}
            form={p.add}
            labels={{
              name: 'enrolments.name',
              institution: 'enrolments.institution',
              period_to: 'enrolments.periodTo',
            }}
          />
          <form method="post" action={`/programmes/${p.programme.id}/enrolments`} novalidate>
            <Csrf ctx={ctx} />
            <SelectField
              ctx={ctx}
              form={p.add}
              name="kind"
              label="enrolments.kind"
              options={[
                { value: 'intern', label: ctx.t('enrolments.kind.intern') },
                { value: 'staff', label: ctx.t('enrolments.kind.staff') },
              ]}
            />
            <TextField ctx={ctx} form={p.add} name="name" label="enrolments.name" />
            <TextField ctx={ctx} form={p.add} name="institution" label="enrolments.institution" optional />
            <TextField
              ctx={ctx}
              form={p.add}
              name="period_from"
              label="enrolments.periodFrom"
              type="date"
              optional
            />
            <TextField
              ctx={ctx}
              form={p.add}
              name="period_to"
              label="enrolments.periodTo"
              type="date"
              optional
            />
            <TextField ctx={ctx} form={p.add} name="started_on" label="enrolments.startedOn" type="date" />
            <button type="submit" class="primary" data-testid="enrolment-add">
              {ctx.t('enrolments.add')}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}
