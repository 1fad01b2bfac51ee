import { Type } from 'typebox';

/** A client-chosen key (a UUID from crypto.randomUUID, or any 8–100 safe characters). */
export const IdempotencyKey = Type.String({
  pattern: '^[A-Za-z0-9_-]{8,100}$',
  description: 'Chosen by the client; sending the same key again applies the batch once',
});
