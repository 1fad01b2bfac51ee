// Issue 17: Humas. News items drafted from recorded events (Humas drafts, the Kepala UPT approves,
// Humas publishes), their documentation photos (each confirmed before publication: nobody
// identifiable, or consent recorded), web-size and thumbnail copies of stored photos with their
// metadata stripped, the public product gallery, order inquiries from the public (a pending order
// that the unit's staff confirm into a sale) and the spam guard's records (attempts per address,
// proof-of-work solutions used once). Each unit gets a readable public address (its slug).
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  // "Rutan Kelas IIB Magetan" -> "rutan-kelas-iib-magetan"; a clash gets the unit code appended.
  await sql`create function unit_slug(name text) returns text language sql immutable as $$
    select trim(both '-' from regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g'))
  $$`.execute(db);
  await sql`alter table units add column public_slug text`.execute(db);
  await sql`update units u set public_slug = case
      when (select count(*) from units o where unit_slug(o.name) = unit_slug(u.name)) > 1
        then unit_slug(u.name) || '-' || unit_slug(u.code)
      else unit_slug(u.name) end`.execute(db);
  await sql`alter table units alter column public_slug set not null`.execute(db);
  await sql`alter table units add constraint units_public_slug_key unique (public_slug)`.execute(db);
  await sql`alter table units add constraint units_public_slug_format
    check (public_slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(public_slug) <= 100)`.execute(db);
  await sql`create function units_fill_slug() returns trigger language plpgsql as $$
    begin
      if new.public_slug is null then
        new.public_slug := unit_slug(new.name);
        if exists (select 1 from units where public_slug = new.public_slug and id <> new.id) then
          new.public_slug := new.public_slug || '-' || unit_slug(new.code);
        end if;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger units_fill_slug before insert on units
    for each row execute function units_fill_slug()`.execute(db);

  // Smaller copies of a stored photo (files.content holds the web size, metadata stripped).
  await sql`create table image_variants (
    file_id uuid not null references files(id) on delete cascade,
    size text not null check (size in ('thumb')),
    mime text not null check (mime in ('image/jpeg', 'image/webp', 'image/png')),
    width integer not null check (width > 0),
    height integer not null check (height > 0),
    content bytea not null,
    created_at timestamptz not null default now(),
    primary key (file_id, size)
  )`.execute(db);

  await sql`create table news_items (
    id uuid primary key default gen_random_uuid(),
    unit_id uuid not null references units(id),
    -- The readable part of the public address: "2026-01-21-penandatanganan-pks-...".
    slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 120),
    -- The recorded event the draft was made from (null: written from scratch).
    event_kind text not null check (event_kind in
      ('agreement', 'programme', 'certificates', 'bazaar', 'visit', 'placement', 'other')),
    event_id uuid,
    event_day date not null,
    lang text not null default 'id' check (lang in ('id', 'en')),
    title text not null check (length(trim(title)) between 3 and 200),
    dateline text not null check (length(trim(dateline)) between 2 and 60),
    -- Plain text: the first paragraph, also the link preview's description.
    lead text not null check (length(trim(lead)) between 10 and 1000),
    -- Sanitised HTML from the editor (paragraphs, emphasis, lists, links).
    body_html text not null default '',
    quote text check (length(quote) <= 1000),
    quote_by text check (length(quote_by) <= 200),
    status text not null default 'draft'
      check (status in ('draft', 'submitted', 'approved', 'published', 'unpublished')),
    return_note text,
    submitted_at timestamptz,
    submitted_by uuid references users(id),
    approved_at timestamptz,
    approved_by uuid references users(id),
    published_at timestamptz,
    published_by uuid references users(id),
    unpublished_at timestamptz,
    unpublished_by uuid references users(id),
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (unit_id, slug),
    constraint news_items_published check (status <> 'published' or (published_at is not null and approved_at is not null))
  )`.execute(db);
  await sql`create index news_items_public_idx on news_items (unit_id, published_at desc)
    where status = 'published'`.execute(db);
  await sql`create index news_items_unit_idx on news_items (unit_id, status, updated_at desc)`.execute(db);

  // A news item's photos, in order (the first is the cover and the link preview's image). A photo
  // is shown publicly only once Humas confirms nobody is identifiable or consent is recorded.
  await sql`create table news_photos (
    id uuid primary key default gen_random_uuid(),
    news_id uuid not null references news_items(id) on delete cascade,
    file_id uuid not null references files(id),
    position integer not null default 0 check (position >= 0),
    caption text check (length(caption) <= 300),
    confirmation text check (confirmation in ('no_identifiable', 'consent')),
    consent_note text check (length(consent_note) <= 500),
    confirmed_by uuid references users(id),
    confirmed_at timestamptz,
    created_at timestamptz not null default now(),
    unique (news_id, file_id),
    constraint news_photos_consent check (confirmation is distinct from 'consent' or consent_note is not null),
    constraint news_photos_confirmed check ((confirmation is null) = (confirmed_at is null))
  )`.execute(db);
  await sql`create index news_photos_file_idx on news_photos (file_id)`.execute(db);

  // A product shown in the unit's public gallery (its price and stock are the product's own).
  await sql`create table gallery_entries (
    id uuid primary key default gen_random_uuid(),
    unit_id uuid not null references units(id),
    product_id uuid not null unique references products(id),
    blurb text check (length(blurb) <= 1000),
    -- Humas's own photo of the product (web size, metadata stripped); null: the product's photo.
    photo_file_id uuid references files(id),
    photo_confirmation text check (photo_confirmation in ('no_identifiable', 'consent')),
    photo_consent_note text check (length(photo_consent_note) <= 500),
    photo_confirmed_by uuid references users(id),
    photo_confirmed_at timestamptz,
    published boolean not null default false,
    published_at timestamptz,
    published_by uuid references users(id),
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index gallery_entries_public_idx on gallery_entries (unit_id) where published`.execute(db);

  // An order inquiry from the public gallery: pending until the unit's staff confirm it into a
  // sale (channel 'order') or decline it. The buyer's name, number and address are personal data.
  await sql`create table order_inquiries (
    id uuid primary key default gen_random_uuid(),
    unit_id uuid not null references units(id),
    reference text not null,
    product_id uuid not null references products(id),
    qty integer not null check (qty between 1 and 10000),
    buyer_name text not null check (length(trim(buyer_name)) between 2 and 120),
    buyer_whatsapp text not null check (length(buyer_whatsapp) between 8 and 20),
    delivery text not null check (delivery in ('pickup', 'delivery')),
    address text check (length(address) <= 500),
    note text check (length(note) <= 1000),
    status text not null default 'pending' check (status in ('pending', 'confirmed', 'declined')),
    sale_id uuid references sales(id),
    decline_reason text,
    decided_by uuid references users(id),
    decided_at timestamptz,
    -- A keyed hash of the sender's address (for throttling), never the address itself.
    address_hash text not null,
    created_at timestamptz not null default now(),
    unique (unit_id, reference),
    constraint order_inquiries_delivery check (delivery = 'pickup' or address is not null),
    constraint order_inquiries_sale check ((status = 'confirmed') = (sale_id is not null))
  )`.execute(db);
  await sql`create index order_inquiries_unit_idx on order_inquiries (unit_id, status, created_at desc)`.execute(
    db,
  );

  // The spam guard: every public form post by a keyed hash of its address (throttling across app
  // nodes), and proof-of-work solutions already used (each one is accepted once, until it expires).
  await sql`create table public_post_attempts (
    id bigint generated always as identity primary key,
    address_hash text not null,
    form text not null,
    at timestamptz not null default now()
  )`.execute(db);
  await sql`create index public_post_attempts_idx on public_post_attempts (address_hash, form, at)`.execute(
    db,
  );
  await sql`create table pow_solutions_used (
    signature text primary key,
    expires_at timestamptz not null
  )`.execute(db);
}
