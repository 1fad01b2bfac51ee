// The demo's Program Aksi indicators as the offices read them: Kanwil Jawa Timur sees Rutan
// Magetan's UMKM item with its programmes, people and PNBP for the year, Ditjenpas the nation, and
// neither page, export nor API answer holds a name or registration number of the demo register.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';

type Api = {
  items: Array<{
    title: string;
    rows: Array<{ name: string; programmes: number; participants: number; pnbp: number }>;
  }>;
};

describe('the demo Program Aksi indicators', () => {
  let t: TestApp;
  let kanwil: Client;
  let pusat: Client;
  let register: Array<{ name: string; reg_number: string }>;

  before(async () => {
    t = await startTestApp({}, { demo: true });
    kanwil = await t.signedIn('kanwil.jatim', DEMO_PASSWORD);
    pusat = await t.signedIn('ditjenpas', DEMO_PASSWORD);
    register = await t.db.selectFrom('inmates').select(['name', 'reg_number']).execute();
  });
  after(() => t.close());

  test("Kanwil Jawa Timur reads Rutan Magetan's UMKM item for 2026: programmes, people and PNBP", async () => {
    const res = await kanwil.get('/api/v1/program-aksi/indicators?period=2026&level=unit');
    assert.equal(res.statusCode, 200, res.body);
    const umkm = (res.json() as Api).items.find((i) => /UMKM/.test(i.title));
    const magetan = umkm?.rows.find((r) => /Magetan/.test(r.name));
    assert.ok(magetan, JSON.stringify(umkm));
    assert.ok(magetan.programmes >= 1);
    assert.ok(magetan.participants >= 1);
    assert.ok(
      magetan.pnbp > 0,
      'the knitting products belong to the UMKM-tagged programme, and its premi runs are posted',
    );
  });

  test('no page, export or API answer at Kanwil or national level names a person of the register', async () => {
    const bodies: string[] = [];
    for (const c of [kanwil, pusat])
      for (const level of ['unit', 'kanwil', 'nation']) {
        for (const url of [
          `/program-aksi/indicators?period=2026&level=${level}`,
          `/api/v1/program-aksi/indicators?period=2026&level=${level}`,
        ]) {
          const res = await c.get(url);
          if (res.statusCode === 200) bodies.push(res.body);
          else assert.equal(res.statusCode, 403, url);
        }
        const x = await c.get(`/program-aksi/indicators.xlsx?period=2026&level=${level}`);
        if (x.statusCode === 200) bodies.push(x.rawPayload.toString('latin1'));
      }
    assert.ok(bodies.length >= 7);
    for (const body of bodies)
      for (const p of register) {
        assert.ok(!body.includes(p.name), p.name);
        assert.ok(!body.includes(p.reg_number), p.reg_number);
      }
  });
});
