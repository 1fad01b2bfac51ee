// UU 27/2022 (Pelindungan Data Pribadi) duties beyond access control: the legal basis recorded per
// category of personal data (seeded), the breach register with its 3 x 24 hour notifications, and
// the log of who viewed an inmate's record.
import { type Kysely, sql } from 'kysely';

/** Starting rows; national administrators edit them on /privacy/legal-basis. */
const LEGAL_BASIS: ReadonlyArray<{
  code: string;
  category: string;
  specific: boolean;
  legal_basis: string;
  purpose: string;
  retention: string;
  holders: string;
}> = [
  {
    code: 'identitas',
    category: 'Identitas warga binaan (nama, NIK, tanggal lahir, jenis kelamin, nomor registrasi)',
    specific: false,
    legal_basis:
      'Pelaksanaan kewenangan/tugas publik (UU 27/2022 Pasal 20 ayat (2) huruf c dan e) — UU 22/2022 tentang Pemasyarakatan',
    purpose: 'Registrasi, penempatan dan pembinaan kemandirian warga binaan',
    retention: 'Selama menjalani pidana atau penahanan, lalu 5 tahun setelah bebas atau pindah',
    holders: 'Register warga binaan (inmates), impor SDP, seleksi, presensi, sertifikat',
  },
  {
    code: 'kesehatan',
    category: 'Data kesehatan (batasan kesehatan untuk bekerja)',
    specific: true,
    legal_basis:
      'Pelaksanaan kewenangan/tugas publik — UU 22/2022 (narapidana bekerja dengan memperhatikan kesehatan)',
    purpose: 'Menilai kelayakan dan keselamatan dalam kegiatan kerja',
    retention: 'Selama menjalani pidana atau penahanan; dihapus saat bebas',
    holders: 'Register warga binaan (batasan kesehatan), seleksi (kelayakan), presensi (sakit)',
  },
  {
    code: 'kejahatan',
    category: 'Catatan kejahatan (kelas register, Register F, tanggal ekspirasi, tingkat risiko)',
    specific: true,
    legal_basis:
      'Pelaksanaan kewenangan/tugas publik — UU 22/2022; Kepdirjenpas PAS-170.PK.01.01.02/2015 (registrasi)',
    purpose: 'Penempatan, kelayakan program, syarat remisi dan integrasi',
    retention: 'Selama menjalani pidana atau penahanan, lalu 5 tahun setelah bebas atau pindah',
    holders: 'Register warga binaan, Register F, seleksi (kelayakan, sidang TPP)',
  },
  {
    code: 'biometrik',
    category: 'Data biometrik / foto (foto dokumentasi kegiatan yang menampakkan wajah)',
    specific: true,
    legal_basis: 'Pelaksanaan kewenangan/tugas publik — UU 22/2022 (dokumentasi pembinaan)',
    purpose: 'Bukti pelaksanaan kegiatan; publikasi hanya foto yang disetujui Humas',
    retention: 'Selama program berjalan, lalu 2 tahun',
    holders: 'Jurnal sesi (foto), galeri foto Humas',
  },
  {
    code: 'keuangan',
    category: 'Data keuangan pribadi (premi, upah per potong)',
    specific: true,
    legal_basis:
      'Kewajiban hukum — UU 22/2022 (hak atas premi); SE Dirjenpas PAS1.PK.01.04-87/2010 (tabungan premi)',
    purpose: 'Menghitung, menyimpan dan membayarkan premi warga binaan',
    retention: 'Sampai premi dibayarkan saat bebas, lalu 10 tahun (arsip keuangan negara)',
    holders: 'Perjanjian kerja sama (skema premi); modul produksi dan premi belum tersedia',
  },
  {
    code: 'keluarga',
    category: 'Kontak keluarga atau penjamin',
    specific: false,
    legal_basis: 'Pelaksanaan kewenangan/tugas publik — UU 22/2022 (integrasi dan reintegrasi sosial)',
    purpose: 'Persiapan bebas dan integrasi',
    retention: 'Selama menjalani pidana atau penahanan',
    holders: 'Belum disimpan di Simandiri (tetap di SDP)',
  },
  {
    code: 'pembinaan',
    category: 'Asesmen, pendidikan, keterampilan, minat, kehadiran dan kompetensi',
    specific: false,
    legal_basis: 'Pelaksanaan kewenangan/tugas publik — UU 22/2022 (pembinaan kemandirian, SPPN)',
    purpose: 'Seleksi peserta, bukti partisipasi aktif, sertifikasi',
    retention: 'Selama menjalani pidana atau penahanan, lalu 5 tahun setelah bebas atau pindah',
    holders: 'Register warga binaan, seleksi, presensi, kompetensi, sertifikat, laporan kehadiran',
  },
  {
    code: 'pegawai',
    category: 'Data pegawai dan pengguna (nama, NIP, jabatan, kontak, log akses)',
    specific: false,
    legal_basis: 'Pelaksanaan kewenangan/tugas publik; kewajiban hukum (akuntabilitas pemrosesan)',
    purpose: 'Akun, tanda tangan dokumen, log audit dan log akses',
    retention: 'Selama akun aktif, lalu 5 tahun (log audit dan log akses)',
    holders: 'Pengguna, log audit, log akses data warga binaan',
  },
];

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: import('kysely').ColumnDefinitionBuilder) =>
    c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (c: import('kysely').ColumnDefinitionBuilder) => c.notNull().defaultTo(sql`now()`);

  await db.schema
    .createTable('privacy_legal_basis')
    .addColumn('id', 'uuid', id)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('specific', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('retention', 'text', (c) => c.notNull())
    .addColumn('holders', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await db.insertInto('privacy_legal_basis').values(LEGAL_BASIS).execute();

  await db.schema
    .createTable('privacy_breaches')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz')
    .addColumn('found_at', 'timestamptz', (c) => c.notNull())
    // found_at + 3 x 24 h (privacy.rules.ts), stored so the dashboard sorts and filters by it.
    .addColumn('notify_due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('categories', sql`text[]`, (c) => c.notNull())
    .addColumn('people_affected', 'integer', (c) => c.notNull().check(sql`people_affected >= 0`))
    .addColumn('measures', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open', 'closed')`),
    )
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closing_note', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addCheckConstraint(
      'privacy_breaches_found_after_occurred',
      sql`occurred_at is null or occurred_at <= found_at`,
    )
    .execute();
  await db.schema
    .createIndex('privacy_breaches_unit_idx')
    .on('privacy_breaches')
    .columns(['unit_id', 'status', 'notify_due_at'])
    .execute();

  await db.schema
    .createTable('privacy_breach_notifications')
    .addColumn('id', 'uuid', id)
    .addColumn('breach_id', 'uuid', (c) => c.notNull().references('privacy_breaches.id'))
    .addColumn('recipient', 'text', (c) => c.notNull().check(sql`recipient in ('subjects', 'authority')`))
    .addColumn('notified_at', 'timestamptz', (c) => c.notNull())
    .addColumn('notified_to', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('privacy_breach_notifications_once', ['breach_id', 'recipient'])
    .execute();

  // One row per view of a person's record. No foreign keys: the insert stays one cheap statement
  // on every page view, and the log outlives the rows it names (retention is its own).
  await db.schema
    .createTable('inmate_access_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', now)
    .addColumn('unit_id', 'uuid', (c) => c.notNull())
    .addColumn('inmate_id', 'uuid', (c) => c.notNull())
    .addColumn('viewer_id', 'uuid')
    .addColumn('viewer_name', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('page', 'api', 'export')`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .execute();
  await db.schema
    .createIndex('inmate_access_log_unit_idx')
    .on('inmate_access_log')
    .columns(['unit_id', 'at'])
    .execute();
  await db.schema
    .createIndex('inmate_access_log_inmate_idx')
    .on('inmate_access_log')
    .columns(['inmate_id', 'at'])
    .execute();
  // Nobody rewrites who looked: rows are only added (and, later, removed by retention).
  await sql`
    create function inmate_access_log_no_update() returns trigger language plpgsql as $$
    begin
      raise exception 'inmate_access_log rows are not changed' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger inmate_access_log_no_update before update on inmate_access_log
    for each row execute function inmate_access_log_no_update()`.execute(db);
}
