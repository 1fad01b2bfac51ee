// Issue 16: release and reintegration. One case per person from the months before release to a
// year after it: the integrasi decree, the readiness checklist, the person's consents (CV sharing,
// follow-up), job offers and applications, an own-business (UMKM) plan with the help given, the
// follow-ups at 1, 3, 6 and 12 months, and the retention job's runs (UU 27/2022). A Bapas probation
// officer (role pembimbing_kemasyarakatan) sees only the people whose case names them.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users drop constraint users_roles_valid`.execute(db);
  await sql`alter table users add constraint users_roles_valid check (cardinality(roles) > 0 and roles <@
    array['admin','kepala_upt','petugas','instruktur_mitra','kanwil','pusat','humas','pembimbing_kemasyarakatan']::text[])`.execute(
    db,
  );
  // Set by the retention job: the person's name, NIK and contacts were replaced (the counts stay).
  await sql`alter table inmates add column pseudonymised_at timestamptz`.execute(db);

  await sql`create table reintegration_cases (
    id uuid primary key default gen_random_uuid(),
    inmate_id uuid not null unique references inmates(id),
    unit_id uuid not null references units(id),
    -- A planned integrasi (pembebasan bersyarat, cuti bersyarat, cuti menjelang bebas) and its decree.
    integrasi_kind text check (integrasi_kind in ('PB', 'CB', 'CMB')),
    integrasi_date date,
    decree_number text,
    decree_date date,
    plan text check (plan in ('work', 'umkm', 'training', 'none_yet')),
    -- Family member or guarantor after release, and where the person will live (personal data).
    guarantor_name text,
    guarantor_relation text,
    guarantor_phone text,
    address_after_release text,
    -- Where the premi balance is paid out at release.
    bank_name text,
    bank_account text,
    -- The Bapas supervising an integrasi and its probation officer (PK).
    bapas_unit_id uuid references units(id),
    pk_user_id uuid references users(id),
    -- The release as it happened.
    released_on date,
    release_kind text check (release_kind in ('ekspirasi', 'PB', 'CB', 'CMB')),
    pseudonymised_at timestamptz,
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint reintegration_cases_integrasi check ((integrasi_kind is null) = (integrasi_date is null)),
    constraint reintegration_cases_decree check (integrasi_date is null or decree_number is not null),
    constraint reintegration_cases_release check ((released_on is null) = (release_kind is null))
  )`.execute(db);
  await sql`create index reintegration_cases_unit_idx on reintegration_cases (unit_id, released_on)`.execute(
    db,
  );
  await sql`create index reintegration_cases_pk_idx on reintegration_cases (pk_user_id, inmate_id)
    where pk_user_id is not null`.execute(db);

  // A unit's own checklist items, added to every case after the built-in ones.
  await sql`create table readiness_templates (
    id uuid primary key default gen_random_uuid(),
    unit_id uuid not null references units(id),
    label text not null check (length(trim(label)) between 3 and 200),
    -- Due this many days before the release date.
    days_before integer not null default 14 check (days_before between 0 and 180),
    active boolean not null default true,
    created_by uuid references users(id),
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create table readiness_items (
    id uuid primary key default gen_random_uuid(),
    case_id uuid not null references reintegration_cases(id),
    unit_id uuid not null references units(id),
    kind text not null check (kind in ('ktp', 'bank_account', 'certificates', 'cv', 'guarantor', 'plan', 'bapas_pk', 'custom')),
    template_id uuid references readiness_templates(id),
    label text,
    owner_id uuid references users(id),
    due_on date not null,
    status text not null default 'open' check (status in ('open', 'done', 'not_applicable')),
    note text,
    done_on date,
    done_by uuid references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint readiness_items_custom check ((kind = 'custom') = (template_id is not null and label is not null)),
    constraint readiness_items_done check ((status = 'open') = (done_on is null))
  )`.execute(db);
  await sql`create unique index readiness_items_kind_key on readiness_items (case_id, kind) where kind <> 'custom'`.execute(
    db,
  );
  await sql`create unique index readiness_items_template_key on readiness_items (case_id, template_id)
    where template_id is not null`.execute(db);
  await sql`create index readiness_items_due_idx on readiness_items (unit_id, due_on) where status = 'open'`.execute(
    db,
  );

  // What the person agreed to: their CV shared with employers, being followed up after release.
  // Withdrawal ends a consent (withdrawn_on); a new consent is a new row.
  await sql`create table reintegration_consents (
    id uuid primary key default gen_random_uuid(),
    inmate_id uuid not null references inmates(id),
    unit_id uuid not null references units(id),
    purpose text not null check (purpose in ('cv_sharing', 'follow_up')),
    given_on date not null,
    note text,
    recorded_by uuid references users(id),
    withdrawn_on date,
    withdrawn_by uuid references users(id),
    created_at timestamptz not null default now(),
    constraint reintegration_consents_order check (withdrawn_on is null or withdrawn_on >= given_on)
  )`.execute(db);
  await sql`create unique index reintegration_consents_live_key on reintegration_consents (inmate_id, purpose)
    where withdrawn_on is null`.execute(db);

  // Job offers from partners and other employers (registered as partners).
  await sql`create table job_offers (
    id uuid primary key default gen_random_uuid(),
    unit_id uuid not null references units(id),
    partner_id uuid not null references partners(id),
    position text not null check (length(trim(position)) between 3 and 200),
    place text not null,
    home_based boolean not null default false,
    pay_from bigint check (pay_from >= 0),
    pay_to bigint check (pay_to >= 0),
    pay_basis text check (pay_basis in ('month', 'week', 'day', 'piece')),
    requirements text not null default '',
    -- Matching: the programmes' skill area (e.g. Rajut) and competency codes or titles.
    skill_area text,
    competencies text[] not null default '{}',
    opens_on date not null,
    closes_on date not null,
    status text not null default 'open' check (status in ('open', 'closed')),
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint job_offers_dates check (closes_on >= opens_on),
    constraint job_offers_pay check (pay_to is null or pay_from is null or pay_to >= pay_from)
  )`.execute(db);
  await sql`create index job_offers_unit_idx on job_offers (unit_id, closes_on)`.execute(db);
  await sql`create table job_applications (
    id uuid primary key default gen_random_uuid(),
    offer_id uuid not null references job_offers(id),
    inmate_id uuid not null references inmates(id),
    unit_id uuid not null references units(id),
    partner_id uuid not null references partners(id),
    status text not null default 'diajukan' check (status in ('diajukan', 'wawancara', 'diterima', 'ditolak', 'mundur')),
    applied_on date not null,
    status_on date not null,
    note text,
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint job_applications_once unique (offer_id, inmate_id),
    constraint job_applications_dates check (status_on >= applied_on)
  )`.execute(db);
  await sql`create index job_applications_inmate_idx on job_applications (inmate_id)`.execute(db);
  await sql`create table job_application_events (
    id uuid primary key default gen_random_uuid(),
    application_id uuid not null references job_applications(id),
    status text not null check (status in ('diajukan', 'wawancara', 'diterima', 'ditolak', 'mundur')),
    on_date date not null,
    note text,
    recorded_by uuid references users(id),
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index job_application_events_app_idx on job_application_events (application_id, on_date)`.execute(
    db,
  );

  // An own-business (UMKM) plan and the starter kits or capital given for it.
  await sql`create table business_plans (
    id uuid primary key default gen_random_uuid(),
    inmate_id uuid not null unique references inmates(id),
    unit_id uuid not null references units(id),
    business_name text,
    trade text not null,
    description text not null default '',
    -- The catalogue products the person learned to make.
    product_ids uuid[] not null default '{}',
    location text,
    capital_needed bigint check (capital_needed >= 0),
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create table business_assistance (
    id uuid primary key default gen_random_uuid(),
    plan_id uuid not null references business_plans(id),
    unit_id uuid not null references units(id),
    kind text not null check (kind in ('starter_kit', 'capital', 'training', 'other')),
    item text not null,
    value bigint not null check (value >= 0),
    giver text not null,
    partner_id uuid references partners(id),
    given_on date not null,
    recorded_by uuid references users(id),
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index business_assistance_plan_idx on business_assistance (plan_id)`.execute(db);

  // Follow-ups after release at 1, 3, 6 and 12 months.
  await sql`create table follow_ups (
    id uuid primary key default gen_random_uuid(),
    inmate_id uuid not null references inmates(id),
    unit_id uuid not null references units(id),
    month_no integer not null check (month_no in (1, 3, 6, 12)),
    contacted_on date not null,
    contact_lost boolean not null default false,
    work_status text check (work_status in ('employed', 'own_business', 'not_working')),
    income_band text check (income_band in ('none', 'lt_1m', '1m_3m', '3m_5m', 'gt_5m')),
    in_trade boolean,
    reoffended boolean not null default false,
    note text,
    recorded_by uuid references users(id),
    -- Whether a Bapas probation officer recorded it (else the unit's staff).
    by_bapas boolean not null default false,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint follow_ups_once unique (inmate_id, month_no),
    constraint follow_ups_answer check (contact_lost or work_status is not null)
  )`.execute(db);
  await sql`create index follow_ups_unit_idx on follow_ups (unit_id, contacted_on)`.execute(db);

  // What each run of the retention job did (counts only, never a name).
  await sql`create table retention_runs (
    id uuid primary key default gen_random_uuid(),
    run_on date not null,
    retention_years integer not null,
    -- People whose last follow-up (or release) is before this day were pseudonymised.
    cutoff date not null,
    people integer not null default 0,
    details jsonb not null default '{}',
    triggered_by uuid references users(id),
    created_at timestamptz not null default now()
  )`.execute(db);
}
