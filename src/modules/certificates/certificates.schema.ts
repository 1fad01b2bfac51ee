// Inputs of the completion and certificate pages, validated by the same schemas at the edge.
import { Type } from 'typebox';

export const CompletionRuleBody = Type.Object({
  min_attendance: Type.Integer({ minimum: 0, maximum: 100 }),
});

export const RevokeBody = Type.Object({
  reason: Type.String({ minLength: 5, maxLength: 500 }),
});

/** Any text: a malformed token is answered exactly like an unknown one (404), never with 400. */
export const TokenParams = Type.Object({ token: Type.String({ maxLength: 200 }) });
