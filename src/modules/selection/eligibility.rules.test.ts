import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canEnrol, checkEligibility, type EligibilityInmate, placeReason } from './eligibility.rules.ts';

const TODAY = '2026-01-21';
const inmate = (over: Partial<EligibilityInmate> = {}): EligibilityInmate => ({
  register_class: 'B.I',
  gender: 'P',
  expected_release_date: '2027-06-30',
  risk_level: 'rendah',
  health_restriction: false,
  status: 'active',
  register_f: [],
  ...over,
});
const keys = (r: ReturnType<typeof checkEligibility>) => (r.eligible ? [] : r.reasons.map((x) => x.key));

describe('eligibility for a programme', () => {
  test('a programme without rules admits any active inmate', () => {
    assert.deepEqual(checkEligibility({}, inmate(), TODAY), { eligible: true, needsConsent: false });
  });

  test('only an active inmate can be proposed; a released or transferred one cannot', () => {
    assert.deepEqual(keys(checkEligibility({}, inmate({ status: 'released' }), TODAY)), [
      'selection.reason.not_active',
    ]);
    assert.deepEqual(keys(checkEligibility({}, inmate({ status: 'transferred' }), TODAY)), [
      'selection.reason.not_active',
    ]);
  });

  test('remaining sentence below the minimum excludes, with the months left and the minimum', () => {
    const r = checkEligibility(
      { min_remaining_months: 6 },
      inmate({ expected_release_date: '2026-07-20' }),
      TODAY,
    );
    assert.deepEqual(r, {
      eligible: false,
      reasons: [{ key: 'selection.reason.remaining_short', params: { months: 5, min: 6 } }],
    });
    assert.equal(
      checkEligibility({ min_remaining_months: 6 }, inmate({ expected_release_date: '2026-07-21' }), TODAY)
        .eligible,
      true,
    );
  });

  test("a detainee's time left is of detention (sisa masa penahanan), not of a sentence", () => {
    const r = checkEligibility(
      { min_remaining_months: 6 },
      inmate({ register_class: 'A.III', expected_release_date: '2026-03-21' }),
      TODAY,
    );
    assert.deepEqual(r, {
      eligible: false,
      reasons: [{ key: 'selection.reason.detention_short', params: { months: 2, min: 6 } }],
    });
  });

  test('a detainee with less than a month, or an order that has ended, is never told "sisa masa pidana 0 bulan"', () => {
    const detainee = (expected_release_date: string) =>
      checkEligibility(
        { min_remaining_months: 6 },
        inmate({ register_class: 'A.II', expected_release_date }),
        TODAY,
      );
    assert.deepEqual(detainee('2026-02-10'), {
      eligible: false,
      reasons: [{ key: 'selection.reason.detention_under_month', params: { min: 6 } }],
    });
    assert.deepEqual(detainee('2026-01-21'), {
      eligible: false,
      reasons: [{ key: 'selection.reason.detention_ended', params: { date: '2026-01-21' } }],
    });
    assert.deepEqual(
      keys(
        checkEligibility({ min_remaining_months: 6 }, inmate({ expected_release_date: '2025-12-31' }), TODAY),
      ),
      ['selection.reason.sentence_ended'],
    );
  });

  test('one who holds a place in the programme or completed it is not taken again', () => {
    assert.equal(placeReason(null), null);
    assert.deepEqual(placeReason('active'), { key: 'selection.reason.enrolled' });
    assert.deepEqual(placeReason('suspended'), { key: 'selection.reason.enrolled' });
    assert.deepEqual(placeReason('completed'), { key: 'selection.reason.completed' });
  });

  test('an unknown release date cannot meet a minimum remaining sentence', () => {
    assert.deepEqual(
      keys(checkEligibility({ min_remaining_months: 6 }, inmate({ expected_release_date: null }), TODAY)),
      ['selection.reason.release_unknown'],
    );
  });

  test('a Register F entry within N months excludes; an older one does not', () => {
    const rules = { no_register_f_months: 6 };
    assert.deepEqual(
      keys(checkEligibility(rules, inmate({ register_f: [{ entry_date: '2025-09-01' }] }), TODAY)),
      ['selection.reason.register_f'],
    );
    assert.equal(
      checkEligibility(rules, inmate({ register_f: [{ entry_date: '2025-07-20' }] }), TODAY).eligible,
      true,
    );
  });

  test('the risk rule does not exclude those the risk-and-needs assessment is not for: detainees and narapidana with a year or less left', () => {
    const r = { risk_levels: ['rendah' as const, 'sedang' as const] };
    const unassessed = { risk_level: null };
    assert.equal(
      checkEligibility(r, inmate({ ...unassessed, register_class: 'A.III' }), TODAY).eligible,
      true,
    );
    assert.equal(
      checkEligibility(
        r,
        inmate({ ...unassessed, register_class: 'B.IIa', expected_release_date: '2026-10-01' }),
        TODAY,
      ).eligible,
      true,
    );
    assert.equal(
      checkEligibility(
        r,
        inmate({ ...unassessed, register_class: 'B.I', expected_release_date: '2027-01-21' }),
        TODAY,
      ).eligible,
      true,
      'exactly a year left',
    );
    // A detainee who was given a level anyway is still held to it.
    assert.equal(
      checkEligibility(r, inmate({ register_class: 'A.III', risk_level: 'tinggi' }), TODAY).eligible,
      false,
    );
  });

  test('a risk level outside the allowed ones excludes, and so does an unassessed risk', () => {
    const rules = { risk_levels: ['rendah', 'sedang'] as const };
    const r = { risk_levels: [...rules.risk_levels] };
    assert.deepEqual(checkEligibility(r, inmate({ risk_level: 'tinggi' }), TODAY), {
      eligible: false,
      reasons: [{ key: 'selection.reason.risk_level', params: { level: 'tinggi' } }],
    });
    assert.deepEqual(keys(checkEligibility(r, inmate({ risk_level: null }), TODAY)), [
      'selection.reason.risk_unknown',
    ]);
    assert.equal(checkEligibility(r, inmate({ risk_level: 'sedang' }), TODAY).eligible, true);
  });

  test('a programme for one gender excludes the other', () => {
    assert.deepEqual(keys(checkEligibility({ gender: 'P' }, inmate({ gender: 'L' }), TODAY)), [
      'selection.reason.gender',
    ]);
  });

  test('a health restriction excludes unless the programme allows it', () => {
    assert.deepEqual(keys(checkEligibility({}, inmate({ health_restriction: true }), TODAY)), [
      'selection.reason.health',
    ]);
    assert.equal(
      checkEligibility({ allow_health_restriction: true }, inmate({ health_restriction: true }), TODAY)
        .eligible,
      true,
    );
  });

  test('every failing rule is reported, not only the first', () => {
    const r = checkEligibility(
      { min_remaining_months: 6, gender: 'P', risk_levels: ['rendah'] },
      inmate({ gender: 'L', risk_level: 'tinggi', expected_release_date: '2026-02-01', status: 'released' }),
      TODAY,
    );
    assert.deepEqual(keys(r), [
      'selection.reason.not_active',
      'selection.reason.remaining_under_month',
      'selection.reason.risk_level',
      'selection.reason.gender',
    ]);
  });
});

describe('consent', () => {
  test("a detainee's participation is voluntary: eligible, but only with consent", () => {
    assert.deepEqual(checkEligibility({}, inmate({ register_class: 'A.II' }), TODAY), {
      eligible: true,
      needsConsent: true,
    });
    assert.deepEqual(canEnrol({ register_class: 'A.II' }, null), {
      ok: false,
      reason: { key: 'selection.reason.consent_missing' },
    });
    assert.deepEqual(canEnrol({ register_class: 'A.II' }, '2026-01-20T03:00:00Z'), { ok: true });
  });

  test('a sentenced inmate needs no recorded consent to be enrolled', () => {
    assert.deepEqual(canEnrol({ register_class: 'B.IIa' }, null), { ok: true });
  });

  test('nobody takes a place that starts after their tanggal ekspirasi; the day itself still counts', () => {
    const person = { register_class: 'B.IIa' as const, expected_release_date: '2026-03-04' };
    assert.deepEqual(canEnrol(person, null, '2026-03-05'), {
      ok: false,
      reason: { key: 'selection.reason.past_expiry', params: { date: '2026-03-04' } },
    });
    assert.deepEqual(canEnrol(person, null, '2026-03-04'), { ok: true });
    assert.deepEqual(canEnrol({ ...person, expected_release_date: null }, null, '2026-03-05'), { ok: true });
  });
});
