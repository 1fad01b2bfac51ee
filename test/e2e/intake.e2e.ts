// The journey of issue 4's selection: a petugas opens an intake for a programme, sees who is proposed
// and why someone is not eligible, scores the candidates, records a detainee's consent and the TPP's
// decisions; the Kepala UPT approves; the accepted are enrolled, except a detainee without consent.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dayInZone } from '../../src/app/format.ts';
import { actingAs } from '../../src/app/principal.ts';
import type { RegisterClass } from '../../src/db/schema.ts';
import { createProgramme } from '../../src/modules/programmes/programmes.service.ts';
import { DEMO_PASSWORD, DESKTOP, NARROW_PHONE, useE2e } from './harness.ts';
import { IntakeListPage, IntakeNewPage, IntakePage } from './intake-pages.ts';
import { navigation, SignInPage } from './pages.ts';

const e2e = useE2e();

/** Demo people held at Rutan Magetan today, by register class and risk, in a fixed order. */
async function people(classes: RegisterClass[], risk: 'rendah' | null, n: number) {
  let q = e2e.app.db
    .selectFrom('inmates as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .select(['i.id', 'i.name', 'i.unit_id'])
    .where('u.code', '=', 'RUTAN-MGT')
    .where('i.status', '=', 'active')
    .where('i.register_class', 'in', classes)
    .where('i.health_restriction', '=', false);
  q = risk ? q.where('i.risk_level', '=', risk) : q.where('i.risk_level', 'is', null);
  const rows = await q.orderBy('i.reg_number').limit(n).execute();
  assert.equal(rows.length, n, `demo register has ${n} of ${classes.join('/')}`);
  return rows;
}

describe('an intake in the browser', () => {
  test('from proposed candidates through assessment, consent and the approved TPP decision to enrolment', async () => {
    // Arrange: a second class at Rutan Magetan open to low-risk inmates, 5 places.
    // Detainees have no risk level (the assessment is for narapidana with over a year left).
    const [s1, s2, s3, unassessed] = await people(['B.I'], 'rendah', 4);
    const [d1, d2] = await people(['A.I', 'A.II', 'A.III', 'A.IV'], null, 2);
    assert.ok(s1 && s2 && s3 && d1 && d2 && unassessed);
    // A narapidana with more than a year left whose assessment is not recorded yet.
    await e2e.app.db
      .updateTable('inmates')
      .set({ risk_level: null, expected_release_date: '2031-01-01' })
      .where('id', '=', unassessed.id)
      .execute();
    const petugasId = (
      await e2e.app.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'petugas.magetan')
        .executeTakeFirstOrThrow()
    ).id;
    const programmeId = await createProgramme(
      { db: e2e.app.db, now: new Date(), who: actingAs({ userId: petugasId, name: 'petugas.magetan' }) },
      {
        name: 'Pelatihan Sablon Kaos',
        kind: 'training',
        capacity: 5,
        status: 'running',
        eligibility: { risk_levels: ['rendah', 'sedang'] },
        unit_id: s1.unit_id,
      },
    );
    const today = dayInZone(new Date(), 'Asia/Jakarta');

    const page = await e2e.newPage({ viewport: DESKTOP });
    await new SignInPage(page).open().then((p) => p.signIn('petugas.magetan', DEMO_PASSWORD));

    // The Seleksi menu item lists the unit's intakes: the demo knitting class's is there.
    const list = await IntakeListPage.fromMenu(page);
    assert.equal(list.path, '/intakes');
    assert.equal(await list.rows.filter({ hasText: 'Pelatihan Merajut' }).count(), 1);
    await list.filter({ status: 'open' });
    assert.equal(await list.rows.count(), 0, 'the demo intake is decided, not open');

    // Open the intake: drop "Kesehatan", add "Ketelitian" scored 0–3.
    const form = await IntakeNewPage.open(page, programmeId);
    await form.criterion(4, '');
    await form.criterion(5, 'Ketelitian', 3);
    const intake = await form.open();
    assert.equal(await intake.status.innerText(), 'Terbuka');
    assert.match(await page.locator('main').innerText(), /Belum ada calon/);

    // Someone without a risk assessment is not eligible, and the page says why.
    const why = await intake.proposal(unassessed.id).innerText();
    assert.match(why, /Tidak memenuhi syarat/);
    assert.match(why, /Tingkat risiko belum dinilai/);
    assert.equal(await page.getByTestId(`add-${unassessed.id}`).count(), 0);

    for (const p of [s1, s2, s3, d1, d2]) assert.equal((await intake.addCandidate(p.id)).status(), 200);
    const scores: Array<[string, number[]]> = [
      [s3.name, [2, 2, 1, 3, 1]],
      [d2.name, [3, 3, 3, 4, 1]],
      [s2.name, [4, 4, 3, 4, 2]],
      [d1.name, [5, 4, 4, 5, 2]],
      [s1.name, [5, 5, 4, 5, 3]],
    ];
    const keys = ['minat', 'bakat', 'pengalaman', 'perilaku', 'ketelitian'];
    const over = await intake.score(s1.name, {
      minat: 5,
      bakat: 5,
      pengalaman: 4,
      perilaku: 5,
      ketelitian: 4,
    });
    assert.equal(over.status(), 400);
    assert.match(await intake.errorSummary.innerText(), /Nilai Ketelitian harus 0 sampai 3/);
    for (const [name, v] of scores) {
      const res = await intake.score(name, Object.fromEntries(keys.map((k, i) => [k, v[i] ?? 0])));
      assert.equal(res.status(), 200, `scores of ${name}`);
    }
    const names = [s1.name, s2.name, s3.name, d1.name, d2.name];
    assert.deepEqual(await intake.ranking(names), [s1.name, d1.name, s2.name, d2.name, s3.name]);
    assert.match(await intake.candidateRows.first().innerText(), /22/);

    // A detainee's consent, with a note; who recorded it is shown.
    const d1Id = await intake.candidateId(d1.name);
    const d2Id = await intake.candidateId(d2.name);
    assert.match(await intake.consentCell(d1Id).innerText(), /Belum ada persetujuan/);
    assert.equal((await intake.recordConsent(d1.name, 'Bersedia, di hadapan wali')).status(), 200);
    const consent = await intake.consentCell(d1Id).innerText();
    assert.match(consent, /Persetujuan diberikan \w+, \d{1,2} \w+ \d{4}/);
    assert.match(consent, /oleh Sri Wahyuni/);
    assert.match(consent, /Bersedia, di hadapan wali/);

    // The TPP session: four accepted (one of them a detainee who has not consented), one rejected.
    const tpp = await intake.recordTpp({
      heldOn: today,
      members: ['Kasubsi Pelayanan Tahanan (ketua)', 'Kepala Pengamanan Rutan (KPR)'],
      decisions: [
        { name: s1.name, decision: 'accepted' },
        { name: d1.name, decision: 'accepted' },
        { name: s2.name, decision: 'accepted' },
        { name: d2.name, decision: 'accepted' },
        { name: s3.name, decision: 'rejected', reason: 'Nilai di bawah peserta lain' },
      ],
    });
    assert.equal(tpp.status(), 200);
    assert.equal(await intake.status.innerText(), 'Sudah diputuskan TPP');
    assert.match(await intake.tppRecord.innerText(), /Menunggu persetujuan Kepala UPT/);
    assert.equal(await page.getByTestId('tpp-approve').count(), 0, 'a petugas does not approve');
    const url = page.url();

    // The Kepala UPT approves.
    const head = await e2e.newPage({ viewport: DESKTOP });
    await new SignInPage(head).open().then((p) => p.signIn('ari.rahmanto', DEMO_PASSWORD));
    await head.goto(url);
    const approval = new IntakePage(head);
    assert.equal((await approval.approve()).status(), 200);
    assert.match(await approval.tppRecord.innerText(), /Disetujui Ari Rahmanto/);

    // Enrolment: the accepted join; the detainee without consent is refused, with why.
    await page.reload();
    for (const name of [s1.name, d1.name, s2.name]) {
      assert.equal((await intake.enrol(name)).status(), 200, `enrol ${name}`);
      assert.ok(await intake.isEnrolled(name), `${name} shows as enrolled`);
    }
    const refused = await intake.enrol(d2.name);
    assert.equal(refused.status(), 409);
    assert.match(await intake.errorSummary.innerText(), /persetujuan belum dicatat/);
    assert.match(await intake.consentCell(d2Id).innerText(), /Belum ada persetujuan/);
    assert.equal(await intake.isEnrolled(d2.name), false);
    assert.equal(await page.getByTestId(`enrol-${await intake.candidateId(s3.name)}`).count(), 0);

    const participants = await intake.participants();
    const rows = (await participants.rows.allInnerTexts()).join('\n');
    for (const n of [s1.name, d1.name, s2.name]) assert.match(rows, new RegExp(n));
    for (const n of [d2.name, s3.name]) assert.doesNotMatch(rows, new RegExp(n));
    assert.match(await participants.places.innerText(), /3 dari 5 tempat terisi/);
  });

  test('the intake list, the criteria form and the demo intake fit a 360 px phone', async () => {
    const page = await e2e.newPage({ viewport: NARROW_PHONE });
    await new SignInPage(page).open().then((p) => p.signIn('petugas.magetan', DEMO_PASSWORD));
    const list = await IntakeListPage.fromMenu(page);
    const demo =
      (await list.rows.filter({ hasText: 'Pelatihan Merajut' }).locator('a').getAttribute('href')) ?? '';
    const programme = await e2e.app.db
      .selectFrom('programmes')
      .select('id')
      .where('name', '=', 'Pelatihan Merajut')
      .executeTakeFirstOrThrow();
    for (const url of ['/intakes', `/programmes/${programme.id}/intakes/new`, demo]) {
      assert.equal((await navigation(page, () => page.goto(url))).status(), 200, url);
      const w = await list.widths();
      assert.ok(w.scrollWidth <= w.viewport, `${url} scrolls sideways: ${w.scrollWidth} > ${w.viewport}`);
    }
    // The demo intake: 24 ranked candidates, the approved TPP decision.
    const intake = new IntakePage(page);
    assert.equal(await intake.candidateRows.count(), 24);
    assert.match(await intake.tppRecord.innerText(), /Disetujui Ari Rahmanto/);
  });
});
