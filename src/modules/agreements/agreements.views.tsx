// An agreement's page: its terms in force on any date, status actions, documents, and monitoring
// and evaluation.
import { type Ask, ConfirmForm } from '../../app/confirm.tsx';
import { formatDay, formatRupiah } from '../../app/format.ts';
import { ErrorSummary, type FormState, fieldsFor, TextField } from '../../app/forms.tsx';
import { Csrf, Layout } from '../../app/layout.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { StatusBadge } from './agreements.list.views.tsx';
import type { AgreementDetail } from './agreements.service.ts';

type Doc = { id: string; kind: string; filename: string; mime: string; size: number; created_at: Date };

export interface AgreementPageProps {
  ctx: ViewCtx;
  /** From agreements.policy.ts: what this principal may do with agreements. */
  may: { manage: boolean; sign: boolean };
  d: AgreementDetail;
  documents: Doc[];
  uploadForm: FormState;
  evalForm: FormState;
  actionForm: FormState;
  maxUploadMb: number;
}

function ActionButton({
  ctx,
  id,
  action,
  label,
}: {
  ctx: ViewCtx;
  id: string;
  action: string;
  label: string;
}) {
  return (
    <form
      method="post"
      action={action === 'sign' ? `/agreements/${id}/sign` : `/agreements/${id}/actions`}
      class="inline"
    >
      <Csrf ctx={ctx} />
      {action !== 'sign' && <input type="hidden" name="action" value={action} />}
      <button type="submit" data-testid={`action-${action}`}>
        {label}
      </button>
    </form>
  );
}

/**
 * What ending an agreement asks first. In the dialog (scripts) the date and reason are not known
 * yet; the confirm page (no scripts) names them.
 */
export function terminateAsk(ctx: ViewCtx, title: string, chosen?: { on: string; reason: string }): Ask {
  return {
    question: ctx.t('agreements.terminateAsk', { title }),
    consequences: [
      ctx.t('agreements.terminateWhat'),
      ...(chosen
        ? [ctx.t('agreements.terminateWhen', { date: formatDay(chosen.on, ctx.lang), reason: chosen.reason })]
        : []),
    ],
    yes: ctx.t('agreements.terminateYes'),
  };
}

export function AgreementPage(p: AgreementPageProps) {
  const { ctx, d } = p;
  const a = d.agreement;
  const day = (v: string | null) => (v ? formatDay(v, ctx.lang) : '—');
  const manage = p.may.manage;
  const terms = d.inForce;
  const final = a.status === 'expired' || a.status === 'terminated';
  const ev = fieldsFor(ctx, p.evalForm);
  return (
    <Layout ctx={ctx} title={a.title}>
      <p>
        <a href={d.parent ? `/agreements/${d.parent.id}` : '/agreements'}>
          ← {d.parent ? d.parent.title : ctx.t('agreements.title')}
        </a>
      </p>
      <h1 data-testid="agreement-title">{a.title}</h1>
      <p>
        {ctx.t(`kind.${a.kind}`)} · <a href={`/partners/${a.partner_id}`}>{a.partner_name}</a> ·{' '}
        <StatusBadge ctx={ctx} status={a.status} />
      </p>
      {p.actionForm.errors.length > 0 && (
        <ErrorSummary
          ctx={ctx}
          form={p.actionForm}
          labels={{ reason: 'agreements.terminateReason', signed_on: 'agreements.signedOn' }}
        />
      )}
      <div class="actions">
        {a.status === 'draft' && p.may.sign && a.signed_on && (
          <ActionButton ctx={ctx} id={a.id} action="sign" label={ctx.t('action.sign')} />
        )}
        {a.status === 'signed' && manage && (
          <ActionButton ctx={ctx} id={a.id} action="activate" label={ctx.t('action.activate')} />
        )}
        {a.status === 'active' && manage && (
          <ActionButton ctx={ctx} id={a.id} action="expire" label={ctx.t('action.expire')} />
        )}
        {a.status === 'draft' && manage && (
          <a class="button" href={`/agreements/${a.id}/edit`} data-testid="agreement-edit">
            {ctx.t('common.edit')}
          </a>
        )}
        {!a.parent_id && (a.status === 'signed' || a.status === 'active') && manage && (
          <a class="button" href={`/agreements/${a.id}/addendum`} data-testid="agreement-addendum">
            {ctx.t('agreements.newAddendum')}
          </a>
        )}
        <a class="button" href={`/agreements/${a.id}/summary.pdf?on=${d.on}`} data-testid="agreement-pdf">
          {ctx.t('agreements.summaryPdf')}
        </a>
      </div>
      {a.status === 'draft' && p.may.sign && !a.signed_on && (
        // Marking signed asks for the signing date the draft does not have yet.
        <form
          method="post"
          action={`/agreements/${a.id}/sign`}
          novalidate
          data-testid="sign-form"
          class="panel"
        >
          <Csrf ctx={ctx} />
          <p class="hint">{ctx.t('agreements.signHint')}</p>
          <TextField ctx={ctx} form={p.actionForm} name="signed_on" label="agreements.signedOn" type="date" />
          <button type="submit" class="primary" data-testid="action-sign">
            {ctx.t('action.sign')}
          </button>
        </form>
      )}
      {a.status !== 'draft' && <p class="muted">{ctx.t('agreements.lockedHint')}</p>}
      <dl class="facts">
        <dt>{ctx.t('agreements.numberFirst')}</dt>
        <dd>{a.number_first ?? '—'}</dd>
        <dt>{ctx.t('agreements.numberSecond')}</dt>
        <dd>{a.number_second ?? '—'}</dd>
        <dt>{ctx.t('agreements.signedOn')}</dt>
        <dd>
          {day(a.signed_on)}
          {a.signed_place ? `, ${a.signed_place}` : ''}
        </dd>
        <dt>{ctx.t('agreements.validFrom')}</dt>
        <dd>{day(a.valid_from)}</dd>
        <dt>{ctx.t('agreements.validTo')}</dt>
        <dd>{terms?.valid_to ? day(terms.valid_to) : ctx.t('agreements.openEnded')}</dd>
        {a.terminated_reason && (
          <>
            <dt>{ctx.t('agreements.terminateReason')}</dt>
            <dd>
              {day(a.terminated_on)}: {a.terminated_reason}
            </dd>
          </>
        )}
        <dt>{ctx.t('agreements.programAksi')}</dt>
        <dd>{d.programAksi.map((x) => x.title).join('; ') || '—'}</dd>
      </dl>
      <h2>{ctx.t('agreements.parties')}</h2>
      <ul class="plain" data-testid="agreement-parties">
        {a.parties.map((x) => (
          <li key={`${x.role}${x.name}`}>
            <strong>
              {x.role === 'first'
                ? ctx.t('agreements.partyFirst')
                : x.role === 'second'
                  ? ctx.t('agreements.partySecond')
                  : ctx.t('agreements.partyOther')}
              :
            </strong>{' '}
            {x.name}
            {x.signatory_name &&
              ` — ${x.signatory_name}${x.signatory_position ? `, ${x.signatory_position}` : ''}${x.signatory_nip ? ` (NIP ${x.signatory_nip})` : ''}`}
          </li>
        ))}
      </ul>

      <h2>{ctx.t('agreements.termsOn')}</h2>
      {!a.parent_id && (
        <form method="get" action={`/agreements/${a.id}`} class="filters">
          <label>
            {ctx.t('agreements.termsOn')}
            <input type="date" name="on" value={d.on} data-testid="terms-on" />
          </label>
          <button type="submit">{ctx.t('agreements.show')}</button>
        </form>
      )}
      {!terms ? (
        <p data-testid="terms-none">{ctx.t('agreements.noTerms')}</p>
      ) : (
        <section data-testid="terms-in-force">
          <p class="muted">
            {ctx.t('agreements.termsFrom', {
              date: day(terms.effective_from),
              source:
                terms.source_id === a.id
                  ? ctx.t(`kind.${a.kind}`)
                  : (d.addenda.find((x) => x.id === terms.source_id)?.title ?? ctx.t('kind.addendum')),
            })}
          </p>
          <dl class="facts">
            <dt>{ctx.t('agreements.scope')}</dt>
            <dd>{terms.scope ?? '—'}</dd>
            <dt>{ctx.t('agreements.materialsBy')}</dt>
            <dd>{terms.materials_by ? ctx.t(`materials.${terms.materials_by}`) : '—'}</dd>
            <dt>{ctx.t('agreements.payModel')}</dt>
            <dd>{ctx.t(`payModel.${terms.pay_model}`)}</dd>
            <dt>{ctx.t('agreements.rejectsSaleable')}</dt>
            <dd data-testid="terms-rejects-saleable">
              {ctx.t(terms.rejects_saleable ? 'common.yes' : 'common.no')}
            </dd>
            <dt>{ctx.t('agreements.split')}</dt>
            <dd data-testid="terms-split">
              {d.split.premi}/{d.split.pnbp}/{d.split.capital}
              {!d.split.fromAgreement && ` (${ctx.t('agreements.splitDefault')})`}
            </dd>
          </dl>
          {terms.piece_rates.length > 0 && (
            <>
              <h3>{ctx.t('agreements.pieceRates')}</h3>
              <ul data-testid="terms-rates">
                {terms.piece_rates.map((r) => (
                  <li key={r.product}>
                    {r.product}: {formatRupiah(r.rate)} / {r.unit}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>{ctx.t('agreements.obligationsFirst')}</h3>
          <ol>
            {terms.obligations_first.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ol>
          <h3>{ctx.t('agreements.obligationsSecond')}</h3>
          <ol>
            {terms.obligations_second.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ol>
        </section>
      )}
      {!a.parent_id && d.addenda.length > 0 && (
        <>
          <h2>{ctx.t('agreements.addenda')}</h2>
          <ul class="plain">
            {d.addenda.map((x) => (
              <li key={x.id}>
                <a href={`/agreements/${x.id}`}>{x.title}</a> · {day(x.valid_from)} ·{' '}
                <StatusBadge ctx={ctx} status={x.status} />
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>{ctx.t('docs.title')}</h2>
      {p.documents.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <ul class="plain" data-testid="agreement-documents">
          {p.documents.map((f) => (
            <li key={f.id}>
              <a href={`/files/${f.id}`}>{f.filename}</a> ·{' '}
              {ctx.t(f.kind === 'photo' ? 'docs.kind.photo' : 'docs.kind.signed_scan')} ·{' '}
              {Math.ceil(f.size / 1024)} KB
            </li>
          ))}
        </ul>
      )}
      {manage && (
        <>
          <ErrorSummary ctx={ctx} form={p.uploadForm} labels={{ file: 'docs.file' }} />
          <form
            method="post"
            action={`/agreements/${a.id}/documents`}
            enctype="multipart/form-data"
            class="row-form"
            data-testid="upload-form"
          >
            <Csrf ctx={ctx} />
            <label>
              {ctx.t('docs.kind')}
              <select name="kind">
                <option value="signed_scan">{ctx.t('docs.kind.signed_scan')}</option>
                <option value="photo">{ctx.t('docs.kind.photo')}</option>
              </select>
            </label>
            <label class={p.uploadForm.errors.length ? 'has-error' : ''}>
              {ctx.t('docs.file', { mb: p.maxUploadMb })}
              {p.uploadForm.errors.map((e) => (
                <span class="error" key={e.field} data-testid="error-file">
                  {' '}
                  {ctx.t(e.key, e.params)}
                </span>
              ))}
              <input
                type="file"
                name="file"
                accept="application/pdf,image/jpeg,image/png"
                required
                data-testid="upload-file"
              />
            </label>
            <button type="submit" data-testid="upload-submit">
              {ctx.t('docs.upload')}
            </button>
          </form>
        </>
      )}

      <h2>{ctx.t('eval.title')}</h2>
      {d.evaluations.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        d.evaluations.map((e) => (
          <article class="card" key={e.id} data-testid="evaluation">
            <p>
              <strong>{day(e.evaluated_on)}</strong> · {e.evaluator} · {ctx.t('eval.score')}:{' '}
              <strong>{e.score}</strong>
            </p>
            <p>{e.findings}</p>
            {e.actions.length > 0 && (
              <ul class="plain">
                {e.actions.map((x) => (
                  <li key={x.id}>
                    {x.action} —{' '}
                    {manage ? (
                      <form
                        method="post"
                        action={`/agreements/${a.id}/evaluation-actions/${x.id}`}
                        class="inline"
                      >
                        <Csrf ctx={ctx} />
                        <select name="status" aria-label={`${ctx.t('common.status')}: ${x.action}`}>
                          {(['open', 'in_progress', 'done'] as const).map((s) => (
                            <option key={s} value={s} selected={x.status === s}>
                              {ctx.t(`eval.actionStatus.${s}`)}
                            </option>
                          ))}
                        </select>{' '}
                        <button type="submit">{ctx.t('eval.updateAction')}</button>
                      </form>
                    ) : (
                      ctx.t(`eval.actionStatus.${x.status}`)
                    )}
                  </li>
                ))}
              </ul>
            )}
          </article>
        ))
      )}
      {manage && (
        <details class="panel" open={p.evalForm.errors.length > 0}>
          <summary>{ctx.t('eval.new')}</summary>
          <ErrorSummary
            ctx={ctx}
            form={p.evalForm}
            labels={{
              evaluated_on: 'eval.date',
              evaluator: 'eval.evaluator',
              findings: 'eval.findings',
              score: 'eval.score',
            }}
          />
          <form
            method="post"
            action={`/agreements/${a.id}/evaluations`}
            novalidate
            data-testid="evaluation-form"
          >
            <Csrf ctx={ctx} />
            <ev.Text name="evaluated_on" label="eval.date" type="date" />
            <ev.Text name="evaluator" label="eval.evaluator" maxLength={120} />
            <ev.Text name="findings" label="eval.findings" maxLength={5000} />
            <ev.Text name="score" label="eval.score" type="number" />
            <div class="field">
              <label for="f-actions">{ctx.t('eval.actions')}</label>
              <p class="hint">{ctx.t('eval.actionsHint')}</p>
              <textarea id="f-actions" name="actions" rows={3} />
            </div>
            <button type="submit">{ctx.t('common.save')}</button>
          </form>
        </details>
      )}
      {manage && !final && (
        <details class="panel" open={p.actionForm.errors.length > 0}>
          <summary>{ctx.t('action.terminate')}</summary>
          <ConfirmForm
            ctx={ctx}
            action={`/agreements/${a.id}/actions`}
            testid="terminate-form"
            ask={terminateAsk(ctx, a.title)}
          >
            <input type="hidden" name="action" value="terminate" />
            <TextField
              ctx={ctx}
              form={p.actionForm}
              name="reason"
              label="agreements.terminateReason"
              maxLength={1000}
            />
            <TextField
              ctx={ctx}
              form={p.actionForm}
              name="on"
              label="agreements.terminateOn"
              type="date"
              optional
            />
            <button type="submit">{ctx.t('action.terminate')}</button>
          </ConfirmForm>
        </details>
      )}
    </Layout>
  );
}
