// Demo: Humas Rutan Magetan's public work, through the newsroom, gallery and orders services as the
// people of the story did it on the day. The signing of Wednesday 21 January 2026 drafted from the
// PKS record, rewritten by Humas (demo.humas.story.ts), approved by the Kepala UPT that evening and
// published the next morning; the first certificates the same way; the Hari Bakti bazaar item sent
// back by the Kepala (a visitor's face in the photo) and still a draft; the knitting products in the
// gallery with Humas's own photos; and three order inquiries from the public (one waiting, one
// confirmed into a sale, one declined). Runs after production and certificates; adds what is missing.
import { randomBytes } from 'node:crypto';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { dayInZone } from '../../app/format.ts';
import type { Actor, Ctx, Principal } from '../../app/principal.ts';
import { systemPrincipal } from '../../app/principal.ts';
import { scopeFor } from '../../app/scope.ts';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { sessionsOfProgramme } from '../attendance/attendance.service.ts';
import {
  addToGallery,
  confirmGalleryPhoto,
  galleryOf,
  publishGalleryEntry,
  uploadGalleryPhoto,
} from '../gallery/gallery.service.ts';
import {
  addNewsPhoto,
  approveNews,
  confirmNewsPhoto,
  createDraftFromEvent,
  type EventRef,
  getNews,
  listNews,
  newsEvents,
  publishNews,
  returnNews,
  saveDraft,
  submitNews,
} from '../news/news.service.ts';
import { spamGuard } from '../orders/orders.guard.ts';
import {
  confirmInquiry,
  declineInquiry,
  listInquiries,
  orderableProduct,
  submitInquiry,
} from '../orders/orders.service.ts';
import {
  BAZAAR_RETURN_NOTE,
  certificatesStory,
  DECLINE_REASON,
  DEMO_BUYERS,
  type DemoStory,
  GALLERY_BLURBS,
  GALLERY_DAY,
  SIGNING_DAY,
  SIGNING_STORY,
} from './demo.humas.story.ts';
import { stitchPng } from './demo.png.ts';
import { BAZAAR_DAY, DEMO_PRODUCTS } from './demo.production.ts';

export interface HumasDemoIds {
  unitId: string;
  humas: Actor;
  kepala: Actor;
  petugas: Actor;
}

/** A member of the unit's staff with their own role and scope (not the seed's national one). */
export function unitMember(db: Db, unitId: string, actor: Actor, roles: Role[]) {
  const who: Principal = {
    ...systemPrincipal(actor.name),
    id: actor.userId,
    roles,
    unitId,
    scope: scopeFor({ id: actor.userId ?? undefined, unit_id: unitId, kanwil_id: null, roles }, []),
    actor,
  };
  return (now: Date): Ctx => ({ db, who, now });
}

/** An instant on a day in WIB ("2026-01-21", "15:30"). */
export const wib = (day: string, time: string) => new Date(`${day}T${time}:00+07:00`);

/** A generated product or documentation photo (no camera, nobody in it), 640 × 480. */
export function demoPhoto(name: string, a: readonly [number, number, number], step = 10) {
  return { filename: `${name}.png`, content: stitchPng(640, 480, a, [245, 236, 220], step) };
}

/** The day after `day` ('YYYY-MM-DD'). */
const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

type StaffAt = (now: Date) => Ctx;

/**
 * One item as Humas works: a draft from the event, Humas's own words, a photo (the day's journal
 * photo when there is one, else a new one) confirmed with nobody identifiable, then submitted.
 */
async function draftItem(
  humas: StaffAt,
  o: { ref: EventRef; day: string; story: DemoStory; photo: ReturnType<typeof demoPhoto> },
): Promise<string> {
  const { id } = await createDraftFromEvent(humas(wib(o.day, '14:00')), o.ref);
  const edit = humas(wib(o.day, '15:30'));
  await saveDraft(edit, id, o.story);
  const { choices } = await getNews(edit, id);
  const first = choices[0];
  const { photoId } = await addNewsPhoto(edit, id, first ? { fileId: first.id } : { upload: o.photo });
  await confirmNewsPhoto(edit, id, photoId, { confirmation: 'no_identifiable' });
  await submitNews(humas(wib(o.day, '16:00')), id);
  return id;
}

/** The published items and the item sent back; each only when the newsroom has none from its event. */
async function seedNews(db: Db, humas: StaffAt, kepala: StaffAt, now: Date): Promise<number> {
  const drafted = new Set(
    (await listNews(humas(now), { page: 1 })).rows.map((r) => `${r.event_kind}|${r.event_day}`),
  );
  let created = 0;

  // The signing: drafted the afternoon of the day, approved that evening, published the next morning.
  const signing = (await newsEvents(humas(wib(SIGNING_DAY, '14:00')), { limit: 100 })).find(
    (e) => e.kind === 'agreement' && e.day === SIGNING_DAY,
  );
  if (signing && !drafted.has(`agreement|${SIGNING_DAY}`)) {
    const id = await draftItem(humas, {
      ref: { eventKind: 'agreement', eventId: signing.id, lang: 'id' },
      day: SIGNING_DAY,
      story: SIGNING_STORY,
      photo: demoPhoto('penandatanganan-pks', [44, 110, 160]),
    });
    await approveNews(kepala(wib(SIGNING_DAY, '19:30')), id);
    await publishNews(humas(wib(nextDay(SIGNING_DAY), '08:30')), id);
    created++;
  }

  // The first certificates: the same way, on the day they were issued and the next.
  const events = await newsEvents(humas(now), { limit: 200 });
  const certificates = events
    .filter((e) => e.kind === 'certificates')
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))[0];
  if (certificates && !drafted.has(`certificates|${certificates.day}`)) {
    const held = (
      await sessionsOfProgramme({ db }, { programmeId: certificates.id, upTo: certificates.day })
    ).filter((s) => s.status === 'scheduled').length;
    const id = await draftItem(humas, {
      ref: { eventKind: 'certificates', eventId: certificates.id, eventDay: certificates.day, lang: 'id' },
      day: certificates.day,
      story: certificatesStory({ count: certificates.n, day: certificates.day, sessions: held }),
      photo: demoPhoto('sertifikat-pelatihan-merajut', [196, 62, 92]),
    });
    await approveNews(kepala(wib(certificates.day, '18:00')), id);
    await publishNews(humas(wib(nextDay(certificates.day), '09:00')), id);
    created++;
  }

  // The bazaar of Hari Bakti Pemasyarakatan: sent back by the Kepala the next day (a visitor's face
  // shows in the photo), still a draft: never public.
  const bazaar = events.find((e) => e.kind === 'bazaar' && e.day === BAZAAR_DAY);
  if (bazaar && !drafted.has(`bazaar|${BAZAAR_DAY}`)) {
    const { id } = await createDraftFromEvent(humas(wib(BAZAAR_DAY, '16:00')), {
      eventKind: 'bazaar',
      eventDay: BAZAAR_DAY,
      lang: 'id',
    });
    const edit = humas(wib(BAZAAR_DAY, '16:30'));
    await addNewsPhoto(edit, id, { upload: demoPhoto('bazar-hari-bakti', [214, 140, 36], 8) });
    await submitNews(edit, id);
    await returnNews(kepala(wib(nextDay(BAZAAR_DAY), '10:00')), id, BAZAAR_RETURN_NOTE);
    created++;
  }
  return created;
}

/** Colours of each product's photo (the yarn the class uses most for it). */
const PRODUCT_COLOURS: Record<string, readonly [number, number, number]> = {
  [DEMO_PRODUCTS.bag]: [120, 100, 80],
  [DEMO_PRODUCTS.wallet]: [130, 80, 160],
  [DEMO_PRODUCTS.keyRing]: [196, 62, 92],
  [DEMO_PRODUCTS.coaster]: [70, 140, 90],
  [DEMO_PRODUCTS.brooch]: [214, 140, 36],
};

/**
 * The gallery, opened the second week after the bazaar: each knitting product with a blurb and
 * Humas's own photo of it (generated: the product alone, nobody in it), confirmed and published.
 */
async function seedGallery(humas: StaffAt): Promise<number> {
  const ctx = humas(wib(GALLERY_DAY, '10:00'));
  let created = 0;
  for (const row of await galleryOf(ctx)) {
    const blurb = GALLERY_BLURBS[row.name];
    const colour = PRODUCT_COLOURS[row.name];
    if (!blurb || !colour || row.entry_id || !row.active) continue;
    const { id } = await addToGallery(ctx, { productId: row.product_id, blurb });
    const slug = row.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    await uploadGalleryPhoto(ctx, id, demoPhoto(`galeri-${slug}`, colour, 12));
    await confirmGalleryPhoto(ctx, id, { confirmation: 'no_identifiable' });
    await publishGalleryEntry(ctx, id);
    created++;
  }
  return created;
}

/**
 * A visitor of the public gallery, whose browser solved the form's proof-of-work challenge: the demo
 * solves one as the browser would (altcha), with a guard keyed for the seed only (the address hash
 * of a demo inquiry is never compared with a real visitor's).
 */
async function visitorInquiry(
  db: Db,
  o: { slug: string; productId: string; buyer: { name: string; whatsapp: string }; ip: string; qty: number },
  more: { delivery: 'pickup' | 'delivery'; address?: string; note?: string },
) {
  const guard = spamGuard(`demo-seed-${randomBytes(16).toString('hex')}`);
  const challenge = await guard.challenge();
  const solution = await solveChallenge({ challenge, deriveKey });
  const altcha = Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
  const who: Principal = {
    ...systemPrincipal('anonymous'),
    scope: scopeFor({ unit_id: null, kanwil_id: null, roles: [] }, []),
    actor: { userId: null, name: 'anonymous', ip: o.ip },
  };
  const { reference } = await submitInquiry({ db, who, now: new Date() }, guard, {
    slug: o.slug,
    productId: o.productId,
    ip: o.ip,
    input: {
      name: o.buyer.name,
      whatsapp: o.buyer.whatsapp,
      qty: o.qty,
      delivery: more.delivery,
      address: more.address,
      note: more.note,
      altcha,
    },
  });
  return reference;
}

/**
 * Three inquiries from the public gallery this week: a wallet to pick up, confirmed by the petugas
 * into a sale paid by QRIS; bags to be sent out of the province, declined; key rings still waiting.
 */
async function seedOrders(
  db: Db,
  o: { slug: string; products: ReadonlyMap<string, string> },
  petugas: StaffAt,
  now: Date,
): Promise<number> {
  const { slug, products } = o;
  const ctx = petugas(now);
  const asked = new Set((await listInquiries(ctx, { page: 1 })).rows.map((r) => r.buyer_name));
  if (asked.has(DEMO_BUYERS.confirmed.name)) return 0;
  const available = async (name: string) => {
    const id = products.get(name);
    if (!id) return null;
    const p = await orderableProduct({ db }, slug, id).catch(() => null);
    return p && p.available > 0 ? { id, available: p.available } : null;
  };
  let created = 0;
  const wallet = (await available(DEMO_PRODUCTS.wallet)) ?? (await available(DEMO_PRODUCTS.coaster));
  if (wallet) {
    await visitorInquiry(
      db,
      { slug, productId: wallet.id, buyer: DEMO_BUYERS.confirmed, ip: '198.51.100.23', qty: 1 },
      { delivery: 'pickup', note: 'Saya ambil sendiri hari Sabtu pagi saat jam layanan kunjungan.' },
    );
    created++;
  }
  const bag = (await available(DEMO_PRODUCTS.bag)) ?? (await available(DEMO_PRODUCTS.brooch));
  if (bag) {
    await visitorInquiry(
      db,
      {
        slug,
        productId: bag.id,
        buyer: DEMO_BUYERS.declined,
        ip: '203.0.113.71',
        qty: Math.min(2, bag.available),
      },
      {
        delivery: 'delivery',
        address: 'Jl. Gajah Mada No. 41, Denpasar, Bali',
        note: 'Untuk oleh-oleh keluarga, mohon dikirim lewat ekspedisi.',
      },
    );
    created++;
  }
  const keyRings = (await available(DEMO_PRODUCTS.keyRing)) ?? (await available(DEMO_PRODUCTS.brooch));
  if (keyRings) {
    await visitorInquiry(
      db,
      {
        slug,
        productId: keyRings.id,
        buyer: DEMO_BUYERS.pending,
        ip: '192.0.2.140',
        qty: Math.min(5, keyRings.available),
      },
      { delivery: 'pickup', note: 'Untuk suvenir arisan, warna campur.' },
    );
    created++;
  }
  const today = dayInZone(now, 'Asia/Jakarta');
  for (const r of (await listInquiries(ctx, { status: 'pending', page: 1 })).rows) {
    if (r.buyer_name === DEMO_BUYERS.confirmed.name)
      await confirmInquiry(ctx, r.id, {
        paymentMethod: 'qris',
        paymentRef: `QRIS-${today.replaceAll('-', '')}-${r.reference.replace(/\D/g, '').slice(-4)}`,
        soldOn: today,
      });
    if (r.buyer_name === DEMO_BUYERS.declined.name) await declineInquiry(ctx, r.id, DECLINE_REASON);
  }
  return created;
}

export async function seedDemoHumas(db: Db, ids: HumasDemoIds, now: Date = new Date()): Promise<number> {
  if (!ids.unitId || !ids.humas.userId || !ids.kepala.userId) return 0;
  // Never after `now`: certificates issued this afternoon are written up and published by tonight.
  const upTo =
    (f: StaffAt): StaffAt =>
    (at) =>
      f(at.getTime() > now.getTime() ? now : at);
  const humas = upTo(unitMember(db, ids.unitId, ids.humas, ['humas']));
  const kepala = upTo(unitMember(db, ids.unitId, ids.kepala, ['kepala_upt']));
  let created = await seedNews(db, humas, kepala, now);
  created += await seedGallery(humas);
  const petugas = unitMember(db, ids.unitId, ids.petugas, ['petugas']);
  // The unit's public address (units.public_slug) as the newsroom links it.
  const slug = (await listNews(humas(now), { page: 1 })).rows[0]?.unit_slug;
  const products = new Map((await galleryOf(humas(now))).map((p) => [p.name, p.product_id]));
  if (slug) created += await seedOrders(db, { slug, products }, petugas, now);
  return created;
}
