// SQL of the newsroom: the events of a unit worth a news item (read from the modules that record
// them, counts only: never a person's name), the facts a draft is written from, the items and their
// photos. Every read passes the principal's scope.
import { type RawBuilder, type SqlBool, sql, type Updateable } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, toNumber } from '../../db/database.ts';
import type { NewsItemsTable, NewsStatus, PhotoConfirmation } from '../../db/schema.ts';

type Num = string | number | bigint | null;

const ITEM = { unit: 'n.unit_id', partner: null };
/** Unit records with no partner column (certificates, sales, job applications by unit). */
const inUnits = (scope: Scope, unit: string): RawBuilder<SqlBool> =>
  scopeFilter(scope, { unit, partner: null });
const inProgrammes = (scope: Scope): RawBuilder<SqlBool> =>
  scopeFilter(scope, { unit: 'pr.unit_id', partner: 'pr.partner_id' });

// ---- events ----

export type NewsEvent =
  | { kind: 'agreement'; day: string; id: string; title: string; partner: string }
  | { kind: 'programme'; day: string; id: string; programme: string }
  | { kind: 'certificates'; day: string; id: string; programme: string; n: number }
  | { kind: 'bazaar'; day: string; id: null; n: number; total: number }
  | { kind: 'visit'; day: string; id: string; title: string; partner: string }
  | { kind: 'placement'; day: string; id: string; partner: string; position: string; n: number };

/**
 * Between two days, in one unit: agreements signed, programmes whose first session was held,
 * certificates issued (per programme and day), bazaar sales (per day), the partner's monitoring and
 * evaluation visits (agreement evaluations), and job placements (applications accepted, per offer
 * and day). Newest first, at most `limit`.
 */
export async function newsEvents(
  conn: Conn,
  scope: Scope,
  r: { unitId: string; since: string; today: string; limit: number },
): Promise<NewsEvent[]> {
  const each = Math.max(5, r.limit);
  const [signed, started, certs, bazaar, visits, placed] = await Promise.all([
    sql<{ id: string; title: string; partner: string; day: string }>`
      select a.id, a.title, p.legal_name as partner, a.signed_on::text as day
        from agreements a join partners p on p.id = a.partner_id
       where a.unit_id = ${r.unitId} and a.signed_on between ${r.since} and ${r.today}
         and ${scopeFilter(scope, { unit: 'a.unit_id', partner: 'a.partner_id' })}
       order by a.signed_on desc limit ${each}`.execute(conn),
    sql<{ id: string; programme: string; day: string }>`
      select pr.id, pr.name as programme, min(s.day)::text as day
        from programmes pr join programme_sessions s on s.programme_id = pr.id
       where pr.unit_id = ${r.unitId} and s.status <> 'cancelled' and ${inProgrammes(scope)}
       group by pr.id, pr.name
      having min(s.day) between ${r.since} and ${r.today}
       order by 3 desc limit ${each}`.execute(conn),
    sql<{ id: string; programme: string; day: string; n: Num }>`
      select pr.id, pr.name as programme, c.issued_on::text as day, count(*) as n
        from certificates c join programmes pr on pr.id = c.programme_id
       where c.unit_id = ${r.unitId} and c.status = 'valid' and c.issued_on between ${r.since} and ${r.today}
         and ${inProgrammes(scope)}
       group by pr.id, pr.name, c.issued_on
       order by 3 desc limit ${each}`.execute(conn),
    sql<{ day: string; n: Num; total: Num }>`
      select s.sold_on::text as day, count(*) as n, sum(s.total) as total
        from sales s
       where s.unit_id = ${r.unitId} and s.channel = 'bazaar' and s.status = 'completed'
         and s.sold_on between ${r.since} and ${r.today} and ${inUnits(scope, 's.unit_id')}
       group by s.sold_on
       order by 1 desc limit ${each}`.execute(conn),
    sql<{ id: string; title: string; partner: string; day: string }>`
      select e.id, a.title, p.legal_name as partner, e.evaluated_on::text as day
        from agreement_evaluations e
        join agreements a on a.id = e.agreement_id
        join partners p on p.id = a.partner_id
       where a.unit_id = ${r.unitId} and e.evaluated_on between ${r.since} and ${r.today}
         and ${scopeFilter(scope, { unit: 'a.unit_id', partner: 'a.partner_id' })}
       order by e.evaluated_on desc limit ${each}`.execute(conn),
    sql<{ id: string; partner: string; position: string; day: string; n: Num }>`
      select o.id, p.legal_name as partner, o.position, ja.status_on::text as day, count(*) as n
        from job_applications ja
        join job_offers o on o.id = ja.offer_id
        join partners p on p.id = o.partner_id
       where ja.unit_id = ${r.unitId} and ja.status = 'diterima'
         and ja.status_on between ${r.since} and ${r.today}
         and ${scopeFilter(scope, { unit: 'ja.unit_id', partner: 'ja.partner_id' })}
       group by o.id, p.legal_name, o.position, ja.status_on
       order by 4 desc limit ${each}`.execute(conn),
  ]);
  const events: NewsEvent[] = [
    ...signed.rows.map((a) => ({ kind: 'agreement' as const, ...a })),
    ...started.rows.map((p) => ({ kind: 'programme' as const, ...p })),
    ...certs.rows.map((c) => ({ kind: 'certificates' as const, ...c, n: toNumber(c.n) })),
    ...bazaar.rows.map((b) => ({
      kind: 'bazaar' as const,
      id: null,
      day: b.day,
      n: toNumber(b.n),
      total: toNumber(b.total),
    })),
    ...visits.rows.map((v) => ({ kind: 'visit' as const, ...v })),
    ...placed.rows.map((j) => ({ kind: 'placement' as const, ...j, n: toNumber(j.n) })),
  ];
  return events.sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0)).slice(0, r.limit);
}

/** The items already made from these events: `${kind}|${id ?? ''}|${day}` → item id. */
export async function itemsOfEvents(conn: Conn, scope: Scope, unitId: string) {
  const rows = await conn
    .selectFrom('news_items as n')
    .select(['n.id', 'n.event_kind', 'n.event_id', 'n.event_day'])
    .where('n.unit_id', '=', unitId)
    .where(scopeFilter(scope, ITEM))
    .orderBy('n.created_at')
    .execute();
  return new Map(rows.map((r) => [`${r.event_kind}|${r.event_id ?? ''}|${r.event_day}`, r.id]));
}

// ---- facts of one event ----

export interface UnitFacts {
  id: string;
  name: string;
  city: string | null;
  kepala_position: string | null;
}

/** The unit's name, city and its Kepala UPT's title (position) as recorded on the account. */
export async function unitFacts(conn: Conn, scope: Scope, unitId: string): Promise<UnitFacts | undefined> {
  return conn
    .selectFrom('units as u')
    .select(['u.id', 'u.name', 'u.city'])
    .select((eb) =>
      eb
        .selectFrom('users as k')
        .select('k.position')
        .whereRef('k.unit_id', '=', 'u.id')
        .where('k.active', '=', true)
        .where(sql<SqlBool>`'kepala_upt' = any(k.roles)`)
        .orderBy('k.created_at')
        .limit(1)
        .as('kepala_position'),
    )
    .where('u.id', '=', unitId)
    .where(scopeFilter(scope, { unit: 'u.id', partner: null }))
    .executeTakeFirst();
}

export interface AgreementFacts {
  id: string;
  title: string;
  number_first: string | null;
  signed_on: string | null;
  signed_place: string | null;
  partner: string;
  scope: string | null;
}

/** An agreement in scope with its partner and the scope of its terms in force on the day. */
export async function agreementFacts(conn: Conn, scope: Scope, id: string, day: string) {
  const r = await sql<AgreementFacts>`
    select a.id, a.title, a.number_first, a.signed_on::text as signed_on, a.signed_place,
           p.legal_name as partner,
           (select t.scope from agreement_terms t where t.agreement_id = a.id
             order by (t.effective_from <= ${day}) desc, t.effective_from desc limit 1) as scope
      from agreements a join partners p on p.id = a.partner_id
     where a.id = ${id} and ${scopeFilter(scope, { unit: 'a.unit_id', partner: 'a.partner_id' })}`.execute(
    conn,
  );
  return r.rows[0];
}

export async function programAksiOfAgreement(conn: Conn, agreementId: string): Promise<string[]> {
  const r = await conn
    .selectFrom('agreement_program_aksi as x')
    .innerJoin('program_aksi as pa', 'pa.id', 'x.program_aksi_id')
    .select('pa.title')
    .where('x.agreement_id', '=', agreementId)
    .orderBy('pa.number')
    .execute();
  return r.map((x) => x.title);
}

export async function programAksiOfProgramme(conn: Conn, programmeId: string): Promise<string[]> {
  const r = await conn
    .selectFrom('programme_program_aksi as x')
    .innerJoin('program_aksi as pa', 'pa.id', 'x.program_aksi_id')
    .select('pa.title')
    .where('x.programme_id', '=', programmeId)
    .orderBy('pa.number')
    .execute();
  return r.map((x) => x.title);
}

export interface ProgrammeFacts {
  id: string;
  unit_id: string;
  name: string;
  skill_area: string | null;
  location: string | null;
  agreement_id: string | null;
  partner: string | null;
  first_day: string | null;
  inmates: Num;
}

const programmeFactsSql = (scope: Scope, where: RawBuilder<unknown>) => sql<ProgrammeFacts>`
  select pr.id, pr.unit_id, pr.name, pr.skill_area, pr.location, pr.agreement_id, p.legal_name as partner,
         (select min(s.day)::text from programme_sessions s
           where s.programme_id = pr.id and s.status <> 'cancelled') as first_day,
         (select count(*) from enrolments e where e.programme_id = pr.id and e.kind = 'inmate'
             and e.status <> 'withdrawn') as inmates
    from programmes pr left join partners p on p.id = pr.partner_id
   where ${where} and ${inProgrammes(scope)}
   order by pr.created_at limit 1`;

/** A programme in scope, its partner, its first session's day and how many inmates are enrolled. */
export async function programmeFacts(conn: Conn, scope: Scope, id: string) {
  return (await programmeFactsSql(scope, sql`pr.id = ${id}`).execute(conn)).rows[0];
}

/** The first programme run under an agreement (its purpose tells the agreement's). */
export async function programmeOfAgreement(conn: Conn, scope: Scope, agreementId: string) {
  return (await programmeFactsSql(scope, sql`pr.agreement_id = ${agreementId}`).execute(conn)).rows[0];
}

/** Certificates (valid) of a programme issued on a day, counted. */
export async function certificatesOn(conn: Conn, scope: Scope, programmeId: string, day: string) {
  const r = await sql<{ n: Num }>`select count(*) as n from certificates c
     where c.programme_id = ${programmeId} and c.issued_on = ${day} and c.status = 'valid'
       and ${inUnits(scope, 'c.unit_id')}`.execute(conn);
  return toNumber(r.rows[0]?.n ?? 0);
}

/** The unit's completed bazaar sales of a day: how many and their total. */
export async function bazaarOn(conn: Conn, scope: Scope, unitId: string, day: string) {
  const r = await sql<{ n: Num; total: Num }>`select count(*) as n, coalesce(sum(s.total), 0) as total
      from sales s
     where s.unit_id = ${unitId} and s.channel = 'bazaar' and s.status = 'completed' and s.sold_on = ${day}
       and ${inUnits(scope, 's.unit_id')}`.execute(conn);
  return { n: toNumber(r.rows[0]?.n ?? 0), total: toNumber(r.rows[0]?.total ?? 0) };
}

/** An agreement evaluation (the partner's monitoring visit) in scope. */
export async function evaluationFacts(conn: Conn, scope: Scope, id: string) {
  const r = await sql<{ agreement_id: string; unit_id: string; day: string }>`
    select e.agreement_id, a.unit_id, e.evaluated_on::text as day
      from agreement_evaluations e join agreements a on a.id = e.agreement_id
     where e.id = ${id} and ${scopeFilter(scope, { unit: 'a.unit_id', partner: 'a.partner_id' })}`.execute(
    conn,
  );
  return r.rows[0];
}

/** A job offer in scope and how many of its applications were accepted on the day. */
export async function placementFacts(conn: Conn, scope: Scope, offerId: string, day: string) {
  const r = await sql<{
    unit_id: string;
    partner: string;
    position: string;
    skill_area: string | null;
    n: Num;
  }>`
    select o.unit_id, p.legal_name as partner, o.position, o.skill_area,
           (select count(*) from job_applications ja where ja.offer_id = o.id and ja.status = 'diterima'
              and ja.status_on = ${day}) as n
      from job_offers o join partners p on p.id = o.partner_id
     where o.id = ${offerId} and ${scopeFilter(scope, { unit: 'o.unit_id', partner: 'o.partner_id' })}`.execute(
    conn,
  );
  const row = r.rows[0];
  return row ? { ...row, n: toNumber(row.n) } : undefined;
}

// ---- items ----

const itemCols = [
  'n.id',
  'n.unit_id',
  'n.slug',
  'n.event_kind',
  'n.event_id',
  'n.event_day',
  'n.lang',
  'n.title',
  'n.dateline',
  'n.lead',
  'n.body_html',
  'n.quote',
  'n.quote_by',
  'n.status',
  'n.return_note',
  'n.submitted_at',
  'n.submitted_by',
  'n.approved_at',
  'n.approved_by',
  'n.published_at',
  'n.published_by',
  'n.unpublished_at',
  'n.unpublished_by',
  'n.created_by',
  'n.created_at',
  'n.updated_at',
] as const;

/** The items in scope, the latest changed first, optionally of some statuses. */
export async function listNews(
  conn: Conn,
  scope: Scope,
  o: { statuses?: readonly NewsStatus[]; limit: number; offset: number },
) {
  let q = conn
    .selectFrom('news_items as n')
    .innerJoin('units as u', 'u.id', 'n.unit_id')
    .where(scopeFilter(scope, ITEM));
  if (o.statuses?.length) q = q.where('n.status', 'in', [...o.statuses]);
  const [rows, count] = await Promise.all([
    q
      .select(itemCols)
      .select(['u.name as unit_name', 'u.public_slug as unit_slug'])
      .select((eb) =>
        eb
          .selectFrom('news_photos as ph')
          .select((e) => e.fn.countAll<string>().as('c'))
          .whereRef('ph.news_id', '=', 'n.id')
          .as('photo_count'),
      )
      .orderBy('n.updated_at', 'desc')
      .orderBy('n.id')
      .limit(o.limit)
      .offset(o.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}
export type NewsRow = Awaited<ReturnType<typeof listNews>>['rows'][number];

/** One item in scope, with its unit's name and public address; `lock` for a change. */
export async function findNews(conn: Conn, scope: Scope, id: string, o: { lock?: boolean } = {}) {
  let q = conn
    .selectFrom('news_items as n')
    .innerJoin('units as u', 'u.id', 'n.unit_id')
    .select(itemCols)
    .select(['u.name as unit_name', 'u.public_slug as unit_slug', 'u.timezone'])
    .where('n.id', '=', id)
    .where(scopeFilter(scope, ITEM));
  if (o.lock) q = q.forUpdate('n');
  return q.executeTakeFirst();
}
export type NewsItem = NonNullable<Awaited<ReturnType<typeof findNews>>>;

export type NewsInsert = Pick<
  NewsItemsTable,
  | 'unit_id'
  | 'slug'
  | 'event_kind'
  | 'event_id'
  | 'event_day'
  | 'title'
  | 'dateline'
  | 'lead'
  | 'quote'
  | 'quote_by'
  | 'created_by'
> & { lang: 'id' | 'en'; body_html: string };

export async function insertNews(conn: Conn, v: NewsInsert): Promise<string> {
  return (await conn.insertInto('news_items').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export type NewsPatch = Omit<
  Updateable<NewsItemsTable>,
  'id' | 'unit_id' | 'created_at' | 'updated_at' | 'created_by'
>;

export async function updateNews(conn: Conn, id: string, patch: NewsPatch): Promise<void> {
  await conn
    .updateTable('news_items')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Whether another item of the unit already has this slug. */
export async function slugTaken(conn: Conn, unitId: string, slug: string, exceptId: string | null) {
  let q = conn.selectFrom('news_items').select('id').where('unit_id', '=', unitId).where('slug', '=', slug);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

// ---- photos ----

/** The item's photos in order, with who confirmed each (the caller has found the item in scope). */
export async function photosOf(conn: Conn, newsId: string) {
  return conn
    .selectFrom('news_photos as ph')
    .innerJoin('files as f', 'f.id', 'ph.file_id')
    .leftJoin('users as c', 'c.id', 'ph.confirmed_by')
    .select([
      'ph.id',
      'ph.file_id',
      'ph.position',
      'ph.caption',
      'ph.confirmation',
      'ph.consent_note',
      'ph.confirmed_at',
      'c.full_name as confirmed_by_name',
      'f.owner_type',
    ])
    .where('ph.news_id', '=', newsId)
    .orderBy('ph.position')
    .orderBy('ph.created_at')
    .execute();
}
export type NewsPhotoRow = Awaited<ReturnType<typeof photosOf>>[number];

export async function insertPhoto(conn: Conn, v: { news_id: string; file_id: string; position: number }) {
  return (await conn.insertInto('news_photos').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function confirmPhoto(
  conn: Conn,
  photoId: string,
  v: { confirmation: PhotoConfirmation; consent_note: string | null; confirmed_by: string | null },
) {
  await conn
    .updateTable('news_photos')
    .set({ ...v, confirmed_at: new Date() })
    .where('id', '=', photoId)
    .execute();
}

export async function deletePhoto(conn: Conn, photoId: string) {
  await conn.deleteFrom('news_photos').where('id', '=', photoId).execute();
}

/**
 * The unit's journal documentation photos of sessions held on the day (files of kind 'photo' of
 * session journals), in scope: what Humas may choose from for an item about that day.
 */
export async function journalPhotosOn(conn: Conn, scope: Scope, unitId: string, day: string) {
  return conn
    .selectFrom('files as f')
    .innerJoin('programme_sessions as s', 's.id', 'f.owner_id')
    .innerJoin('programmes as pr', 'pr.id', 's.programme_id')
    .select(['f.id', 's.day', 'pr.name as programme_name'])
    .where('f.owner_type', '=', 'session_journal')
    .where('f.kind', '=', 'photo')
    .where('s.status', '<>', 'cancelled')
    .where('s.day', '=', day)
    .where('pr.unit_id', '=', unitId)
    .where(inProgrammes(scope))
    .orderBy('f.created_at')
    .limit(40)
    .execute();
}

/** A journal photo of the unit (in scope), or a photo uploaded for this item: may be added to it. */
export async function choosablePhoto(
  conn: Conn,
  scope: Scope,
  unitId: string,
  newsId: string,
  fileId: string,
) {
  return conn
    .selectFrom('files as f')
    .select(['f.id'])
    .where('f.id', '=', fileId)
    .where('f.unit_id', '=', unitId)
    .where('f.kind', '=', 'photo')
    .where((eb) =>
      eb.or([
        eb.and([eb('f.owner_type', '=', 'news_item'), eb('f.owner_id', '=', newsId)]),
        eb.and([
          eb('f.owner_type', '=', 'session_journal'),
          eb.exists(
            eb
              .selectFrom('programme_sessions as s')
              .innerJoin('programmes as pr', 'pr.id', 's.programme_id')
              .select('s.id')
              .whereRef('s.id', '=', 'f.owner_id')
              .where('pr.unit_id', '=', unitId)
              .where(inProgrammes(scope)),
          ),
        ]),
      ]),
    )
    .executeTakeFirst();
}

/** Items awaiting the Kepala UPT's approval, in scope, oldest first. */
export async function awaitingApproval(conn: Conn, scope: Scope) {
  return conn
    .selectFrom('news_items as n')
    .select(['n.id', 'n.title', 'n.event_day', 'n.submitted_at', 'n.updated_at'])
    .where('n.status', '=', 'submitted')
    .where(scopeFilter(scope, ITEM))
    .orderBy('n.submitted_at')
    .execute();
}
