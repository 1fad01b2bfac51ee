// A dashboard per role (issue 13 item 1), with the demo data: what each role sees first, that the
// offices see figures per unit without an inmate's name or number, and that no page shows an
// action's code instead of words.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { demoInmates } from '../demo/demo.inmates.ts';
import { refreshDirty } from '../rollups/rollups.service.ts';
import { panelOrder } from './dashboard.routes.ts';

/** The page's text without tags, so attribute values (option codes) do not count. */
const text = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]*>/g, ' ');
const RAW_CODE =
  /\b(auth\.signin|auth\.signout|attendance\.save|inmates\.create|sessions\.generate|journal\.create)\b/;

describe('a dashboard per role, with the demo data', () => {
  let t: TestApp;
  const page = new Map<string, string>();
  let magetan = '';
  const as = async (username: string): Promise<Client> => t.signedIn(username, DEMO_PASSWORD);

  before(async () => {
    t = await startTestApp({}, { demo: true });
    magetan = (
      await t.db.selectFrom('units').select('id').where('code', '=', 'RUTAN-MGT').executeTakeFirstOrThrow()
    ).id;
    for (const u of [
      'petugas.magetan',
      'ari.rahmanto',
      'instruktur.arta',
      'humas.magetan',
      'kanwil.jatim',
      'ditjenpas',
      'admin.magetan',
    ]) {
      const res = await (await as(u)).get('/dashboard');
      assert.equal(res.statusCode, 200, `${u}: ${res.statusCode}`);
      page.set(u, res.body);
    }
  });
  after(() => t.close());

  const body = (u: string) => page.get(u) ?? '';

  test('the petugas sees the next sessions with the roll call and journal one tap away, then her tasks', () => {
    const b = body('petugas.magetan');
    assert.match(b, /data-testid="dashboard-sessions"/);
    assert.match(b, /Sesi hari ini dan berikutnya/);
    assert.match(b, /href="\/sessions\/[0-9a-f-]+\/attendance"/);
    assert.match(b, /href="\/sessions\/[0-9a-f-]+\/journal"/);
    assert.match(b, /data-testid="dashboard-missing"/);
    for (const tile of ['tile-production-value', 'tile-pnbp-owed', 'past-expiry-panel'])
      assert.match(b, new RegExp(`data-testid="${tile}"`), tile);
    assert.match(b, /data-testid="absence-alerts"/);
    // Sessions come before the production tiles: the petugas's day starts with the class.
    assert.ok(b.indexOf('dashboard-sessions') < b.indexOf('tile-production-value'));
    assert.doesNotMatch(b, /approvals-panel|unit-figures/);
  });

  test("the Kepala UPT sees the approvals inbox and the unit's month in figures with small charts", () => {
    const b = body('ari.rahmanto');
    assert.match(b, /data-testid="approvals-panel"/);
    assert.match(b, /data-testid="unit-figures"/);
    const participants = /data-testid="figure-participants">([\d.]+)</.exec(b);
    assert.ok(participants && Number(participants[1]?.replace('.', '')) > 0, 'active participants counted');
    // Six months in a table the charts are drawn from: readable without scripts.
    assert.equal(
      (/<table data-testid="figures-history">[\s\S]*?<\/table>/.exec(b)?.[0].match(/<tr/g) ?? []).length,
      7,
    );
    assert.match(b, /<script src="\/static\/dashboard-chart\.[0-9a-f]{8}\.js" defer/);
    assert.match(b, /data-testid="figure-premi"/);
    assert.match(b, /data-testid="dashboard-recent"/);
    assert.ok(b.indexOf('approvals-panel') < b.indexOf('unit-figures'), 'the inbox first');
  });

  test("the partner's instructor sees her programmes' next sessions with roll call, journal and competency checks", () => {
    const b = body('instruktur.arta');
    assert.match(b, /Sesi program Anda/);
    assert.match(b, /href="\/sessions\/[0-9a-f-]+\/attendance"/);
    assert.match(b, /href="\/programmes\/[0-9a-f-]+\/competencies"/);
    assert.doesNotMatch(b, /tile-production-value|past-expiry-link|approvals-panel/);
  });

  test('Humas sees the latest documentation photos and events worth a news item, in words', () => {
    const b = body('humas.magetan');
    assert.match(b, /data-testid="dashboard-photos"/);
    assert.match(b, /<img src="\/photos\/[0-9a-f-]+(\?size=thumb)?"/);
    assert.match(
      b,
      /data-testid="news-event-[a-z]+-[0-9a-f-]+"/,
      'each event has its Buat draf button or its item',
    );
    assert.match(b, /data-testid="dashboard-news"/);
    assert.match(b, /Program Pelatihan Merajut dimulai/);
    assert.match(b, /ditandatangani/);
    assert.doesNotMatch(b, /tile-pnbp-owed|dashboard-sessions/);
  });

  for (const office of ['kanwil.jatim', 'ditjenpas']) {
    test(`${office} sees every unit's figures for the month and no inmate's name or registration number`, async () => {
      const b = body(office);
      assert.match(b, /data-testid="office-total"/);
      assert.match(b, new RegExp(`data-testid="unit-card-${magetan}"`));
      assert.match(b, /Peserta aktif/);
      const one = (await (await as(office)).get(`/dashboard/${magetan}`)).body;
      assert.match(one, /data-testid="unit-figures"/);
      for (const html of [b, one]) {
        for (const p of demoInmates()) {
          assert.ok(!html.includes(p.name), `${office} must not see ${p.name}`);
          assert.ok(!html.includes(p.reg_number), `${office} must not see ${p.reg_number}`);
        }
      }
    });
  }

  test('the offices read the monthly aggregates, stamped with the time they were counted', async () => {
    assert.match(text(body('kanwil.jatim')), /Angka per \d{2}[.:]\d{2} WIB\./);
    const cancelledOf = (html: string) => {
      const card = html.slice(html.indexOf(`data-testid="unit-card-${magetan}"`));
      return Number(/(\d+) sesi dibatalkan/.exec(card)?.[1]);
    };
    const before = cancelledOf(body('kanwil.jatim'));
    const programme = await t.db
      .selectFrom('programmes')
      .select('id')
      .where('unit_id', '=', magetan)
      .executeTakeFirstOrThrow();
    const day = new Date().toISOString().slice(0, 10);
    await t.db
      .insertInto('programme_sessions')
      .values({
        programme_id: programme.id,
        schedule_id: null,
        day,
        starts_at: new Date(`${day}T13:00:00+07:00`),
        ends_at: new Date(`${day}T14:00:00+07:00`),
        status: 'cancelled',
        cancel_reason: 'Kunjungan Kanwil',
        extra: true,
      })
      .execute();
    const waiting = (await (await as('kanwil.jatim')).get('/dashboard')).body;
    assert.equal(cancelledOf(waiting), before, 'not counted before the recount');
    assert.match(text(waiting), /perubahan sesudahnya sedang dihitung/);
    await refreshDirty(t.db);
    const counted = (await (await as('kanwil.jatim')).get('/dashboard')).body;
    assert.equal(cancelledOf(counted), before + 1);
    assert.doesNotMatch(text(counted), /sedang dihitung/);
  });

  test('no dashboard shows an action code: every event is in words', () => {
    for (const [u, b] of page) assert.doesNotMatch(text(b), RAW_CODE, u);
    assert.doesNotMatch(body('ari.rahmanto'), /<code>/);
    assert.match(body('ari.rahmanto'), /Masuk ke Simandiri/);
  });

  test('no dashboard keeps the generic staff count or a placeholder sentence', () => {
    for (const [u, b] of page) {
      assert.doesNotMatch(b, /Pengguna aktif|akan tampil|setelah modulnya tersedia/, u);
    }
  });

  test('a user with several roles sees the union, the petugas panels first', () => {
    const order = panelOrder(['kepala_upt', 'petugas']);
    assert.equal(order[0], 'sessions');
    assert.ok(order.includes('approvals') && order.includes('figures'));
    assert.equal(new Set(order).size, order.length);
  });
});
