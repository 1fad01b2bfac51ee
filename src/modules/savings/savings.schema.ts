// Input and output schemas of the tabungan premi: withdrawal, payout and transfer bodies (JSON and
// HTML form), and what the API answers (a ledger with its statement, withdrawals, tasks, transfers).
import { Type } from 'typebox';
import { date, enumOf, nullable, uuid } from '../../app/schema.ts';
import { PAYOUT_METHODS, PURPOSES } from './savings.rules.ts';

const rupiah = Type.Integer({ minimum: 1, maximum: 1_000_000_000_000, description: 'Whole rupiah' });

const withdrawalHead = {
  day: date,
  purpose: enumOf(PURPOSES),
  reason: Type.String({ minLength: 1, maxLength: 500 }),
  recipient: Type.Optional(
    Type.String({ maxLength: 200, description: 'Required when the purpose is family: who receives it' }),
  ),
};

export const WithdrawalBody = Type.Object({ ...withdrawalHead, amount: rupiah });
/** The HTML form takes the amount as people type it ("50.000", "Rp 50.000"); the route reads it. */
export const WithdrawalForm = Type.Object({
  ...withdrawalHead,
  reason: Type.String({ maxLength: 500 }),
  amount: Type.String({ maxLength: 30 }),
});

export const PayoutBody = Type.Object({
  paid_on: date,
  method: enumOf(PAYOUT_METHODS),
  reference: Type.Optional(Type.String({ maxLength: 100, description: 'Required for a bank transfer' })),
});

export const SendBody = Type.Object({ to_unit_id: uuid, sent_on: date });
export const ReceiveBody = Type.Object({ inmate_id: uuid });

export const TasksQuery = Type.Object({
  unit_id: Type.Optional({ ...uuid, description: 'One of your units; all of them when absent' }),
});
export const IncomingQuery = Type.Object({
  pending: Type.Optional(Type.Boolean({ description: 'Only transfers not yet received' })),
});

const Pockets = { saved: Type.Integer(), spendable: Type.Integer() };

export const WithdrawalOut = Type.Object({
  id: Type.String(),
  number: Type.String(),
  day: Type.String(),
  amount: Type.Integer(),
  purpose: Type.String(),
  reason: Type.String(),
  recipient: nullable(Type.String()),
  created_by_name: nullable(Type.String()),
});

export const PayoutOut = Type.Object({
  id: Type.String(),
  number: Type.String(),
  paid_on: Type.String(),
  ...Pockets,
  method: Type.String(),
  reference: nullable(Type.String()),
});

export const TransferOut = Type.Object({
  id: Type.String(),
  from_unit_id: Type.String(),
  from_unit_name: Type.String(),
  from_name: Type.String(),
  from_reg_number: Type.String(),
  to_unit_id: Type.String(),
  to_unit_name: Type.String(),
  to_inmate_id: nullable(Type.String()),
  ...Pockets,
  sent_on: Type.String(),
  received_on: nullable(Type.String()),
});

export const LedgerOut = Type.Object({
  inmate: Type.Object({
    id: Type.String(),
    unit_id: Type.String(),
    unit_name: Type.String(),
    name: Type.String(),
    reg_number: Type.String(),
    status: Type.String(),
  }),
  balance: Type.Object({ ...Pockets, total: Type.Integer() }),
  postings: Type.Array(
    Type.Object({
      entry_id: Type.String(),
      day: Type.String(),
      kind: Type.String(),
      memo: Type.String(),
      ...Pockets,
      amount: Type.Integer(),
      balance: Type.Object({ ...Pockets, total: Type.Integer() }),
    }),
  ),
  payout: nullable(PayoutOut),
  transfer_out: nullable(
    Type.Object({ id: Type.String(), to_unit_name: Type.String(), sent_on: Type.String(), ...Pockets }),
  ),
});

export const TaskOut = Type.Object({
  id: Type.String({ description: "The inmate's id" }),
  unit_id: Type.String(),
  unit_name: Type.String(),
  name: Type.String(),
  reg_number: Type.String(),
  released_on: nullable(Type.String()),
  ...Pockets,
});

export const CreatedOut = Type.Object({ id: Type.String(), number: Type.String() });
export const PaidOut = Type.Object({
  id: Type.String(),
  number: Type.String(),
  ...Pockets,
  total: Type.Integer(),
});
export const SentOut = Type.Object({ id: Type.String(), ...Pockets, total: Type.Integer() });
export const ReceivedOut = Type.Object({ id: Type.String(), ...Pockets });
export const ListOf = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer() });
