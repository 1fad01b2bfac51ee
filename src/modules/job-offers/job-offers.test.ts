// Jobs (#16): offers by partner, matched candidates, applications refused without CV consent, and
// a partner's instructor who sees only their partner's offers and only consenting people.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildKanwil, buildUnit, buildUser } from '../../../test/builders.ts';
import {
  buildPartnerWithInstructor,
  buildSkillProgramme,
  buildTrainee,
  giveCvConsent,
  withdrawCvConsent,
} from '../../../test/jobs-fixtures.ts';
import { dayInZone } from '../../app/format.ts';

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

describe('job offers and applications', () => {
  let t: TestApp;
  let staff: Client;
  let instructorA: Client;
  let instructorB: Client;
  let otherUnitStaff: Client;
  const today = dayInZone(new Date(), 'Asia/Jakarta');
  const ids = {} as Record<
    'partnerA' | 'partnerB' | 'offerA' | 'offerB' | 'ani' | 'budi' | 'citra' | 'dewi',
    string
  >;

  const count = async (table: 'job_applications' | 'job_application_events' | 'audit_log' | 'job_offers') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    t = await startTestApp();
    const kanwil = await buildKanwil(t.db);
    const unit = await buildUnit(t.db, { kanwil_id: kanwil.id });
    const other = await buildUnit(t.db, { kanwil_id: kanwil.id });
    const petugas = await buildUser(t.db, { roles: ['petugas'], unit_id: unit.id });
    const otherPetugas = await buildUser(t.db, { roles: ['petugas'], unit_id: other.id });
    const a = await buildPartnerWithInstructor(t.db, unit.id, 'PT. Arta Rajut Uji');
    const b = await buildPartnerWithInstructor(t.db, unit.id, 'CV Las Uji');
    ids.partnerA = a.partner.id;
    ids.partnerB = b.partner.id;
    const rajut = await buildSkillProgramme(t.db, {
      unit_id: unit.id,
      skill_area: 'Rajut',
      name: 'Pelatihan Merajut',
      units: [
        { code: 'R01', title: 'Merajut dasar' },
        { code: 'R02', title: 'Finishing rajutan' },
      ],
    });
    const las = await buildSkillProgramme(t.db, {
      unit_id: unit.id,
      skill_area: 'Las',
      units: [{ code: 'L01', title: 'Las listrik' }],
    });
    const [r01, r02] = rajut.units;
    const [l01] = las.units;
    assert.ok(r01 && r02 && l01);
    const ani = await buildTrainee(t.db, {
      unit_id: unit.id,
      programme_id: rajut.programme.id,
      name: 'Ani Lestari',
      completed: true,
      competentIn: [r01.id],
    });
    const budi = await buildTrainee(t.db, {
      unit_id: unit.id,
      programme_id: rajut.programme.id,
      name: 'Budi Santoso',
      completed: true,
    });
    const citra = await buildTrainee(t.db, {
      unit_id: unit.id,
      programme_id: las.programme.id,
      name: 'Citra Dewanti',
      completed: true,
      competentIn: [l01.id],
    });
    const dewi = await buildTrainee(t.db, {
      unit_id: unit.id,
      programme_id: rajut.programme.id,
      name: 'Dewi Anggraini',
      competentIn: [r02.id],
      status: 'released',
    });
    Object.assign(ids, { ani: ani.id, budi: budi.id, citra: citra.id, dewi: dewi.id });
    await giveCvConsent(t.db, ani, addDays(today, -30));
    await giveCvConsent(t.db, dewi, addDays(today, -30));
    staff = await t.signedIn(petugas.username);
    instructorA = await t.signedIn(a.instructor.username);
    instructorB = await t.signedIn(b.instructor.username);
    otherUnitStaff = await t.signedIn(otherPetugas.username);

    const offer = (partner_id: string, position: string) => ({
      partner_id,
      position,
      place: 'Magetan',
      home_based: true,
      pay_from: 1_250_000,
      pay_to: 2_000_000,
      pay_basis: 'month',
      requirements: 'Bisa merajut syal',
      skill_area: 'rajut',
      competencies: ['R02', 'merajut dasar'],
      opens_on: addDays(today, -10),
      closes_on: addDays(today, 20),
    });
    const resA = await staff.json('POST', '/api/v1/job-offers', offer(ids.partnerA, 'Perajut rumahan'));
    assert.equal(resA.statusCode, 201, resA.body);
    ids.offerA = (resA.json() as { id: string }).id;
    // The instructor of partner B adds their own partner's offer.
    const resB = await instructorB.json('POST', '/api/v1/job-offers', offer(ids.partnerB, 'Pengelas'));
    assert.equal(resB.statusCode, 201, resB.body);
    ids.offerB = (resB.json() as { id: string }).id;
  });
  after(() => t.close());

  test('an offer with bad dates or pay is refused field by field, nothing written', async () => {
    const before = [await count('job_offers'), await count('audit_log')];
    const bad = await staff.json('POST', '/api/v1/job-offers', {
      partner_id: ids.partnerA,
      position: 'Perajut',
      place: 'Magetan',
      pay_from: 2_000_000,
      pay_to: 1_000_000,
      opens_on: today,
      closes_on: addDays(today, -1),
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /"field":"closes_on"/);
    assert.match(bad.body, /"field":"pay_to"/);
    assert.match(bad.body, /"field":"pay_basis"/);
    const form = await staff.postForm('/job-offers', {
      partner_id: ids.partnerA,
      position: 'Perajut',
      place: 'Magetan',
      opens_on: today,
      closes_on: addDays(today, -1),
    });
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /data-testid="error-summary"/);
    assert.match(form.body, /Tanggal tutup tidak boleh sebelum tanggal buka/);
    assert.deepEqual([await count('job_offers'), await count('audit_log')], before);
  });

  test("matching: completed programmes' skill area and competent units; staff see everyone with a consent badge", async () => {
    const res = await staff.get(`/api/v1/job-offers/${ids.offerA}/candidates`);
    assert.equal(res.statusCode, 200, res.body);
    const items = (
      res.json() as {
        items: Array<{
          name: string;
          score: number;
          cv_consent: boolean;
          competencies: string[];
          skill_area: boolean;
        }>;
      }
    ).items;
    assert.deepEqual(
      items.map((c) => [c.name, c.score, c.cv_consent]),
      [
        ['Ani Lestari', 2, true],
        ['Budi Santoso', 1, false],
        ['Dewi Anggraini', 1, true],
      ],
    );
    assert.deepEqual(items[0]?.competencies, ['merajut dasar']);
    assert.deepEqual(items[2]?.competencies, ['R02']);
    assert.equal(items[2]?.skill_area, false, 'an unfinished programme does not count for the skill area');
    const page = await staff.get(`/job-offers/${ids.offerA}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Budi Santoso/);
    assert.match(page.body, /data-testid="consent-no"/);
    assert.doesNotMatch(page.body, /Citra Dewanti/);
  });

  test('an application for a person who did not consent is refused (409), with a clear message, nothing written', async () => {
    const before = [
      await count('job_applications'),
      await count('job_application_events'),
      await count('audit_log'),
    ];
    const res = await staff.json('POST', `/api/v1/job-offers/${ids.offerA}/applications`, {
      inmate_id: ids.budi,
    });
    assert.equal(res.statusCode, 409, res.body);
    assert.match(res.body, /Budi Santoso belum menyetujui CV-nya dibagikan/);
    const form = await staff.postForm(`/job-offers/${ids.offerA}/applications`, { inmate_id: ids.budi });
    assert.equal(form.statusCode, 409);
    assert.match(form.body, /belum menyetujui CV-nya dibagikan/);
    assert.deepEqual(
      [await count('job_applications'), await count('job_application_events'), await count('audit_log')],
      before,
    );
  });

  test("a partner's instructor sees only their partner's offers and only consenting candidates", async () => {
    const list = (await instructorA.get('/api/v1/job-offers')).json() as { items: Array<{ id: string }> };
    assert.deepEqual(
      list.items.map((o) => o.id),
      [ids.offerA],
    );
    assert.equal((await instructorA.get(`/api/v1/job-offers/${ids.offerB}`)).statusCode, 404);
    assert.equal((await instructorA.get(`/job-offers/${ids.offerB}`)).statusCode, 404);
    assert.equal((await instructorB.get(`/api/v1/job-offers/${ids.offerA}/candidates`)).statusCode, 404);
    const c = (await instructorA.get(`/api/v1/job-offers/${ids.offerA}/candidates`)).json() as {
      items: Array<{ name: string }>;
    };
    assert.deepEqual(
      c.items.map((x) => x.name),
      ['Ani Lestari', 'Dewi Anggraini'],
    );
    const page = await instructorA.get(`/job-offers/${ids.offerA}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /Budi Santoso/);
    // An offer for another partner is not theirs to add.
    const other = await instructorA.json('POST', '/api/v1/job-offers', {
      partner_id: ids.partnerB,
      position: 'Pengelas',
      place: 'Magetan',
      opens_on: today,
      closes_on: today,
    });
    assert.equal(other.statusCode, 400);
    assert.match(other.body, /"field":"partner_id"/);
    // Another unit's staff do not know of the offer.
    assert.equal((await otherUnitStaff.get(`/api/v1/job-offers/${ids.offerA}`)).statusCode, 404);
  });

  test('an application moves through its statuses with dates, each change kept in its history', async () => {
    const created = await staff.json('POST', `/api/v1/job-offers/${ids.offerA}/applications`, {
      inmate_id: ids.ani,
      applied_on: addDays(today, -5),
    });
    assert.equal(created.statusCode, 201, created.body);
    const app = created.json() as { id: string; status: string; events: unknown[] };
    assert.equal(app.status, 'diajukan');
    assert.equal(app.events.length, 1);
    const base = `/api/v1/job-offers/${ids.offerA}/applications/${app.id}/status`;
    const again = await staff.json('POST', `/api/v1/job-offers/${ids.offerA}/applications`, {
      inmate_id: ids.ani,
    });
    assert.equal(again.statusCode, 409, 'once per offer');

    const interview = await instructorA.json('POST', base, {
      status: 'wawancara',
      on_date: addDays(today, -3),
    });
    assert.equal(interview.statusCode, 200, interview.body);
    const back = await staff.json('POST', base, { status: 'diajukan', on_date: today });
    assert.equal(back.statusCode, 400);
    assert.match(back.body, /"field":"status"/);
    const early = await staff.json('POST', base, { status: 'diterima', on_date: addDays(today, -4) });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /"field":"on_date"/);
    const future = await staff.json('POST', base, { status: 'diterima', on_date: addDays(today, 1) });
    assert.equal(future.statusCode, 400);
    const hired = await staff.json('POST', base, { status: 'diterima', on_date: addDays(today, -1) });
    assert.equal(hired.statusCode, 200, hired.body);
    const h = hired.json() as {
      status: string;
      status_on: string;
      events: Array<{ status: string; on_date: string }>;
    };
    assert.equal(h.status, 'diterima');
    assert.equal(h.status_on, addDays(today, -1));
    assert.deepEqual(
      h.events.map((e) => [e.status, e.on_date]),
      [
        ['diajukan', addDays(today, -5)],
        ['wawancara', addDays(today, -3)],
        ['diterima', addDays(today, -1)],
      ],
    );
    const refused = await staff.json('POST', base, { status: 'ditolak', on_date: today });
    assert.equal(refused.statusCode, 400, 'a hired person is not refused afterwards');

    // The HTML form re-renders with its message on a bad date.
    const page = await staff.postForm(`/job-offers/${ids.offerA}/applications/${app.id}/status`, {
      status: 'mundur',
      on_date: addDays(today, -9),
    });
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /Tanggal tidak boleh sebelum status terakhir/);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', app.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['job_applications.create', 'job_applications.status', 'job_applications.status'],
    );
  });

  test('an offer added through the form keeps its competencies one per line; a closed offer takes no application', async () => {
    const created = await staff.postForm('/job-offers', {
      partner_id: ids.partnerA,
      position: 'Penjahit rumahan',
      place: 'Kec. Plaosan',
      home_based: 'true',
      pay_from: '',
      requirements: 'Bisa menjahit',
      skill_area: 'Jahit',
      competencies: 'J01\n\nMenjahit dasar\nj01',
      opens_on: addDays(today, -2),
      closes_on: addDays(today, 5),
    });
    assert.equal(created.statusCode, 303, created.body.slice(0, 400));
    const id = String(created.headers.location).split('/').pop() ?? '';
    const offer = (await staff.get(`/api/v1/job-offers/${id}`)).json() as {
      home_based: boolean;
      competencies: string[];
      pay_from: number | null;
      status: string;
    };
    assert.deepEqual(
      [offer.home_based, offer.competencies, offer.pay_from, offer.status],
      [true, ['J01', 'Menjahit dasar'], null, 'open'],
    );
    const list = await staff.get('/job-offers');
    assert.match(list.body, /Penjahit rumahan/);
    const edit = await staff.get(`/job-offers/${id}/edit`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /J01\nMenjahit dasar/);
    const closed = await staff.postForm(`/job-offers/${id}`, {
      partner_id: ids.partnerA,
      position: 'Penjahit rumahan',
      place: 'Kec. Plaosan',
      opens_on: addDays(today, -2),
      closes_on: addDays(today, 5),
      status: 'closed',
    });
    assert.equal(closed.statusCode, 303);
    const refused = await staff.json('POST', `/api/v1/job-offers/${id}/applications`, {
      inmate_id: ids.dewi,
    });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /sudah ditutup/);
  });

  test("the instructor's CV link works only while the consent is live: a withdrawal stops it at once", async () => {
    const apps = (await instructorA.get(`/api/v1/job-offers/${ids.offerA}/applications`)).json() as {
      items: Array<{ id: string; name: string }>;
    };
    const ani = apps.items.find((a) => a.name === 'Ani Lestari');
    assert.ok(ani);
    const url = `/job-offers/${ids.offerA}/applications/${ani.id}/cv.pdf`;
    const page = await instructorA.get(`/job-offers/${ids.offerA}`);
    assert.ok(page.body.includes(`href="${url}"`), 'the page links to the CV');
    const cv = await instructorA.get(url);
    assert.equal(cv.statusCode, 200, cv.body.slice(0, 300));
    assert.equal(cv.headers['content-type'], 'application/pdf');
    assert.equal(cv.headers['cache-control'], 'no-store');
    assert.equal((await instructorB.get(url)).statusCode, 404, "another partner's instructor");

    await withdrawCvConsent(t.db, ids.ani, today);
    assert.equal((await instructorA.get(url)).statusCode, 404, 'refused at once after withdrawal');
    const after = (await instructorA.get(`/api/v1/job-offers/${ids.offerA}/applications`)).json() as {
      items: Array<{ name: string }>;
    };
    assert.ok(
      !after.items.some((a) => a.name === 'Ani Lestari'),
      'the application is hidden from the partner',
    );
    const candidates = (await instructorA.get(`/api/v1/job-offers/${ids.offerA}/candidates`)).json() as {
      items: Array<{ name: string }>;
    };
    assert.ok(!candidates.items.some((a) => a.name === 'Ani Lestari'));
    const staffCv = await staff.get(url);
    assert.equal(staffCv.statusCode, 409, 'staff are told why');
    const staffPage = await staff.get(`/job-offers/${ids.offerA}`);
    assert.ok(!staffPage.body.includes(`href="${url}"`), 'no CV link without consent');
  });
});
