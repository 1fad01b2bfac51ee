// The spam guard of the public order form, without any third-party service: a keyed hash of the
// sender's address (for throttling, never the address itself) and an ALTCHA proof-of-work
// challenge signed with a key derived from the session secret, solved in the visitor's browser.
import { createHmac } from 'node:crypto';
import { type Challenge, createChallenge, type Payload, randomInt, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { CHALLENGE_MINUTES } from './orders.rules.ts';

/** Keys for each purpose, derived from the one secret so that none of them can stand for another. */
const derive = (secret: string, purpose: string) =>
  createHmac('sha256', secret).update(`simandiri:${purpose}`).digest('hex');

export interface SpamGuard {
  /** HMAC-SHA256 of the sender's address: the same for one address on every app node. */
  addressHash(ip: string): string;
  /** A fresh challenge for the widget (expires after CHALLENGE_MINUTES). */
  challenge(now?: Date): Promise<Challenge>;
  /**
   * The verified solution's challenge signature and expiry (to be spent once), or null when the
   * payload is missing, malformed, expired, wrongly signed or wrongly solved.
   */
  verify(payload: unknown): Promise<{ signature: string; expiresAt: Date } | null>;
}

/** Parses the widget's field: base64 of JSON `{ challenge, solution }`. */
function parse(payload: unknown): Payload | null {
  if (typeof payload !== 'string' || payload.length === 0 || payload.length > 4000) return null;
  try {
    const v = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as Payload;
    const p = v?.challenge?.parameters;
    if (!p || typeof v.challenge.signature !== 'string' || typeof v.solution !== 'object' || !v.solution)
      return null;
    // Only the algorithm this server issues: a payload naming a costlier one must not make it work.
    if (p.algorithm !== 'SHA-256' || p.cost !== COST || typeof p.expiresAt !== 'number') return null;
    return v;
  } catch {
    return null;
  }
}

/** Iterations of SHA-256 per attempt; the work is the number of attempts (the secret counter). */
const COST = 1;

export function spamGuard(sessionSecret: string): SpamGuard {
  const addressKey = derive(sessionSecret, 'public-post-address');
  const hmacSignatureSecret = derive(sessionSecret, 'altcha-signature');
  const hmacKeySignatureSecret = derive(sessionSecret, 'altcha-key-signature');
  return {
    addressHash: (ip) => createHmac('sha256', addressKey).update(ip).digest('hex'),
    challenge: (now = new Date()) =>
      createChallenge({
        algorithm: 'SHA-256',
        cost: COST,
        // A browser tries on average this many keys: a second or two of a phone's time, and
        // a cost per post that a sender of thousands of posts pays thousands of times.
        counter: randomInt(5_000, 25_000),
        deriveKey,
        expiresAt: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000),
        hmacSignatureSecret,
        hmacKeySignatureSecret,
      }),
    async verify(payload) {
      const v = parse(payload);
      if (!v?.challenge.signature) return null;
      try {
        const r = await verifySolution({
          challenge: v.challenge,
          solution: v.solution,
          deriveKey,
          hmacSignatureSecret,
          hmacKeySignatureSecret,
        });
        if (!r.verified) return null;
      } catch {
        return null;
      }
      return {
        signature: v.challenge.signature,
        expiresAt: new Date((v.challenge.parameters.expiresAt ?? 0) * 1000),
      };
    },
  };
}
