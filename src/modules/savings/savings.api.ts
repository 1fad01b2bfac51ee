// /api/v1/savings: an inmate's ledger (balance and statement), withdrawals, the payout at release,
// and transfers between units (send, receive). The payout task list and the incoming transfers are
// the list pages' twins, declared in savings.routes.ts.
import { type App, ctxOf } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import * as payouts from './savings.payouts.service.ts';
import {
  CreatedOut,
  LedgerOut,
  ListOf,
  PaidOut,
  PayoutBody,
  ReceiveBody,
  ReceivedOut,
  SendBody,
  SentOut,
  WithdrawalBody,
  WithdrawalOut,
} from './savings.schema.ts';
import * as service from './savings.service.ts';
import * as transfers from './savings.transfers.service.ts';

const tags = ['savings'];

function ledgerOut(s: service.Statement) {
  return {
    inmate: s.inmate,
    balance: s.balance,
    postings: s.rows.map((r) => ({
      entry_id: r.posting.entry_id,
      day: r.posting.day,
      kind: r.posting.kind,
      memo: r.posting.memo,
      saved: r.posting.saved,
      spendable: r.posting.spendable,
      amount: r.amount,
      balance: r.balance,
    })),
    payout: s.payout && {
      id: s.payout.id,
      number: s.payout.number,
      paid_on: s.payout.paid_on,
      saved: s.payout.saved,
      spendable: s.payout.spendable,
      method: s.payout.method,
      reference: s.payout.reference,
    },
    transfer_out: s.transferOut && {
      id: s.transferOut.id,
      to_unit_name: s.transferOut.to_unit_name,
      sent_on: s.transferOut.sent_on,
      saved: s.transferOut.saved,
      spendable: s.transferOut.spendable,
    },
  };
}

export async function savingsApi(app: App) {
  app.get(
    '/api/v1/savings/inmates/:id',
    {
      config: { permission: 'premi.view' },
      schema: {
        tags,
        summary: "An inmate's premi savings: balances per pocket and every posting with the running balance",
        params: IdParams,
        response: { 200: LedgerOut },
      },
    },
    async (req) => ledgerOut(await service.statement(ctxOf(req), req.params.id)),
  );

  app.get(
    '/api/v1/savings/inmates/:id/withdrawals',
    {
      config: { permission: 'premi.view' },
      schema: {
        tags,
        summary: "An inmate's withdrawals from the spendable balance",
        params: IdParams,
        response: { 200: ListOf(WithdrawalOut) },
      },
    },
    async (req) => {
      const s = await service.statement(ctxOf(req), req.params.id);
      return { items: s.withdrawals, total: s.withdrawals.length };
    },
  );

  app.post(
    '/api/v1/savings/inmates/:id/withdrawals',
    {
      config: { permission: 'premi.prepare' },
      schema: {
        tags,
        summary:
          'Withdraw from the spendable balance (409 savings.overdraw above it; 422 savings.not_active after release or transfer)',
        params: IdParams,
        body: WithdrawalBody,
        response: { 201: CreatedOut },
      },
    },
    async (req, reply) => reply.code(201).send(await payouts.withdraw(ctxOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/savings/inmates/:id/payout',
    {
      config: { permission: 'premi.payout' },
      schema: {
        tags,
        summary:
          'Pay out both pockets at release; the ledger closes at zero (422 before release or with nothing owed, 409 when already paid)',
        params: IdParams,
        body: PayoutBody,
        response: { 201: PaidOut },
      },
    },
    async (req, reply) => reply.code(201).send(await payouts.payOut(ctxOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/savings/inmates/:id/transfer',
    {
      config: { permission: 'premi.prepare' },
      schema: {
        tags,
        summary:
          "Send a transferred inmate's whole balance to the new unit (422 unless status is transferred; 409 once sent)",
        params: IdParams,
        body: SendBody,
        response: { 201: SentOut },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await transfers.sendTransfer(ctxOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/savings/transfers/:id/receive',
    {
      config: { permission: 'premi.prepare' },
      schema: {
        tags,
        summary:
          "Receive a transferred balance into the person's record in your unit (409 when already received)",
        params: IdParams,
        body: ReceiveBody,
        response: { 200: ReceivedOut },
      },
    },
    async (req) => transfers.receiveTransfer(ctxOf(req), req.params.id, req.body),
  );
}
