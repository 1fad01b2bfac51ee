// Interface text in Bahasa Indonesia (default) and English. Indonesian is the source of truth:
// each dictionary's English must have exactly the same keys, which the type checker enforces.
// The kernel holds the feature-free texts (navigation, common words, form and error messages);
// each module keeps its own beside its code in `<module>.messages.ts`, which adds its keys to
// `Messages` (so a key is checked wherever it is used) and is registered by the composition root.

export type Lang = 'id' | 'en';
export const LANGS: readonly Lang[] = ['id', 'en'];

const id = {
  'app.name': 'Simandiri',
  'app.tagline': 'Sistem Informasi Manajemen Pembinaan Kemandirian',
  'nav.dashboard': 'Dasbor',
  'nav.units': 'Unit',
  'nav.users': 'Pengguna',
  'nav.audit': 'Log audit',
  'nav.account': 'Akun saya',
  'nav.signout': 'Keluar',
  'nav.menu': 'Menu',
  'nav.skip': 'Langsung ke isi',
  'lang.switch': 'English',
  'lang.label': 'Bahasa',
  'common.save': 'Simpan',
  'common.cancel': 'Batal',
  'common.back': 'Kembali',
  'common.edit': 'Ubah',
  'common.create': 'Tambah',
  'common.search': 'Cari',
  'common.filter': 'Saring',
  'common.reset': 'Atur ulang',
  'common.yes': 'Ya',
  'common.no': 'Tidak',
  'common.active': 'Aktif',
  'common.inactive': 'Nonaktif',
  'common.status': 'Status',
  'common.actions': 'Tindakan',
  'common.none': 'Tidak ada data.',
  'common.optional': 'opsional',
  'common.next': 'Berikutnya',
  'common.prev': 'Sebelumnya',
  'common.page': 'Halaman {n}',
  'common.all': 'Semua',
  'common.saved': 'Perubahan disimpan.',
  'common.tableRegion': 'Tabel, {n} baris',
  'form.errorsTitle': 'Ada {n} isian yang perlu diperbaiki',
  'err.required': 'Wajib diisi.',
  'err.minLength': 'Minimal {n} karakter.',
  'err.maxLength': 'Maksimal {n} karakter.',
  'err.pattern': 'Formatnya tidak sesuai.',
  'err.format.email': 'Alamat email tidak valid.',
  'err.format.uuid': 'Pengenal tidak valid.',
  'err.format.date': 'Tanggal tidak valid (gunakan tttt-bb-hh).',
  'err.format': 'Formatnya tidak sesuai.',
  'err.enum': 'Pilih salah satu pilihan yang tersedia.',
  'err.type': 'Jenis isian tidak sesuai.',
  'err.minimum': 'Minimal {n}.',
  'err.maximum': 'Maksimal {n}.',
  'err.minItems': 'Pilih minimal {n}.',
  'err.additional': 'Isian ini tidak dikenal.',
  'err.invalid': 'Isian tidak valid.',
  'err.pdfUnprintable':
    'Dokumen ini tidak dapat dicetak ke PDF: ada huruf yang tidak tersedia di huruf cetak. Ubah isian yang disebut, lalu cetak ulang.',
  'err.pdfUnprintableField': 'Memuat huruf yang tidak dapat dicetak: {chars}',
  'err.finite': 'Harus berupa angka biasa (bukan tak hingga).',
  'err.nul': 'Mengandung karakter kendali yang tidak dapat disimpan.',
  'err.validation': 'Data yang dikirim belum benar. Periksa isian yang ditandai.',
  'err.notFound': 'Halaman atau data yang dicari tidak ditemukan.',
  'err.forbidden': 'Anda tidak memiliki izin untuk tindakan ini.',
  'err.unauthorized': 'Silakan masuk terlebih dahulu.',
  'err.csrf': 'Formulir ini sudah kedaluwarsa. Muat ulang halaman lalu coba lagi.',
  'err.crossOrigin':
    'Permintaan ini datang dari situs lain dan ditolak. Buka Simandiri langsung di peramban, lalu coba lagi.',
  'err.tooLarge': 'Data yang dikirim terlalu besar.',
  'err.unsupportedMedia': 'Jenis data yang dikirim tidak didukung.',
  'err.badRequest': 'Permintaan tidak dapat diproses.',
  'err.dbUnavailable':
    'Basis data sedang tidak dapat dihubungi. Tunggu sebentar lalu coba lagi; periksa apakah perubahan terakhir Anda sudah tersimpan.',
  'err.dbBusy':
    'Server sedang melayani banyak permintaan sehingga permintaan ini belum dapat diproses. Tunggu beberapa detik lalu coba lagi; periksa apakah perubahan terakhir Anda sudah tersimpan.',
  'err.dbTimeout':
    'Permintaan ini terlalu lama diproses basis data sehingga dihentikan. Persempit periode atau pilihan data lalu coba lagi; bila berulang, coba lagi di luar jam sibuk.',
  'err.internal':
    'Terjadi kesalahan pada sistem. Coba lagi; bila berulang, sampaikan kode {id} kepada administrator.',
  'err.rateLimited': 'Terlalu banyak percobaan masuk. Coba lagi dalam {n} menit.',
  'err.conflict': 'Data ini bertentangan dengan data yang sudah ada.',
  'err.title': 'Terjadi masalah',
  'err.home': 'Kembali ke beranda',
  'tz.Asia/Jakarta': 'WIB (Waktu Indonesia Barat)',
  'tz.Asia/Makassar': 'WITA (Waktu Indonesia Tengah)',
  'tz.Asia/Jayapura': 'WIT (Waktu Indonesia Timur)',
  'role.admin': 'Administrator',
  'role.kepala_upt': 'Kepala UPT',
  'role.petugas': 'Petugas pembinaan',
  'role.instruktur_mitra': 'Instruktur mitra',
  'role.kanwil': 'Kanwil (baca saja)',
  'role.pusat': 'Ditjenpas (baca saja)',
  'role.humas': 'Humas',
  'role.pembimbing_kemasyarakatan': 'Pembimbing Kemasyarakatan (Bapas)',
} as const;

type CoreKey = keyof typeof id;

const en: Record<CoreKey, string> = {
  'app.name': 'Simandiri',
  'app.tagline': 'Self-reliance Programme Management Information System',
  'nav.dashboard': 'Dashboard',
  'nav.units': 'Units',
  'nav.users': 'Users',
  'nav.audit': 'Audit log',
  'nav.account': 'My account',
  'nav.signout': 'Sign out',
  'nav.menu': 'Menu',
  'nav.skip': 'Skip to content',
  'lang.switch': 'Bahasa Indonesia',
  'lang.label': 'Language',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.back': 'Back',
  'common.edit': 'Edit',
  'common.create': 'Add',
  'common.search': 'Search',
  'common.filter': 'Filter',
  'common.reset': 'Reset',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.active': 'Active',
  'common.inactive': 'Inactive',
  'common.status': 'Status',
  'common.actions': 'Actions',
  'common.none': 'Nothing here yet.',
  'common.optional': 'optional',
  'common.next': 'Next',
  'common.prev': 'Previous',
  'common.page': 'Page {n}',
  'common.all': 'All',
  'common.saved': 'Changes saved.',
  'common.tableRegion': 'Table, {n} rows',
  'form.errorsTitle': '{n} field(s) need attention',
  'err.required': 'Required.',
  'err.minLength': 'At least {n} characters.',
  'err.maxLength': 'At most {n} characters.',
  'err.pattern': 'Not in the expected format.',
  'err.format.email': 'Not a valid email address.',
  'err.format.uuid': 'Not a valid identifier.',
  'err.format.date': 'Not a valid date (use yyyy-mm-dd).',
  'err.format': 'Not in the expected format.',
  'err.enum': 'Choose one of the available options.',
  'err.type': 'Wrong kind of value.',
  'err.minimum': 'At least {n}.',
  'err.maximum': 'At most {n}.',
  'err.minItems': 'Choose at least {n}.',
  'err.additional': 'Unknown field.',
  'err.invalid': 'Invalid value.',
  'err.pdfUnprintable':
    'This document cannot be printed as a PDF: it contains characters the print font does not have. Change the field named, then print again.',
  'err.pdfUnprintableField': 'Contains characters that cannot be printed: {chars}',
  'err.finite': 'Must be an ordinary number (not infinity).',
  'err.nul': 'Contains a control character that cannot be stored.',
  'err.validation': 'Some of the data is not right yet. Check the marked fields.',
  'err.notFound': 'The page or record you asked for was not found.',
  'err.forbidden': 'You do not have permission to do this.',
  'err.unauthorized': 'Please sign in first.',
  'err.csrf': 'This form has expired. Reload the page and try again.',
  'err.crossOrigin':
    'This request came from another site and was refused. Open Simandiri directly in your browser and try again.',
  'err.tooLarge': 'The data sent is too large.',
  'err.unsupportedMedia': 'This kind of data is not supported.',
  'err.badRequest': 'The request could not be processed.',
  'err.dbUnavailable':
    'The database cannot be reached at the moment. Wait a moment and try again; check whether your last change was saved.',
  'err.dbBusy':
    'The server is handling many requests and could not take this one yet. Wait a few seconds and try again; check whether your last change was saved.',
  'err.dbTimeout':
    'The database took too long over this request, so it was stopped. Narrow the period or the selection and try again; if it keeps happening, try again outside busy hours.',
  'err.internal':
    'Something went wrong. Try again; if it keeps happening, give code {id} to your administrator.',
  'err.rateLimited': 'Too many sign-in attempts. Try again in {n} minutes.',
  'err.conflict': 'This conflicts with existing data.',
  'err.title': 'Something went wrong',
  'err.home': 'Back to the start page',
  'tz.Asia/Jakarta': 'WIB (Western Indonesia Time)',
  'tz.Asia/Makassar': 'WITA (Central Indonesia Time)',
  'tz.Asia/Jayapura': 'WIT (Eastern Indonesia Time)',
  'role.admin': 'Administrator',
  'role.kepala_upt': 'Head of unit',
  'role.petugas': 'Programme officer',
  'role.instruktur_mitra': 'Partner instructor',
  'role.kanwil': 'Regional office (read-only)',
  'role.pusat': 'Directorate (read-only)',
  'role.humas': 'Public relations',
  'role.pembimbing_kemasyarakatan': 'Probation officer (Bapas)',
};

/**
 * Every text's key: the core's here, each module's added by its messages file with
 * `declare module '../../app/i18n.ts' { interface Messages extends Record<keyof typeof id, string> {} }`.
 */
export interface Messages extends Record<CoreKey, string> {}
export type MessageKey = keyof Messages;

/** One module's texts in both languages (its `<module>.messages.ts`). */
export interface Dictionary {
  id: Readonly<Record<string, string>>;
  en: Readonly<Record<string, string>>;
}

const dictionaries: Record<Lang, Record<string, string>> = { id: { ...id }, en: { ...en } };

/** Adds a module's texts (the composition root does, once per module); a key has one owner. */
export function registerMessages(texts: Dictionary): void {
  for (const lang of LANGS) {
    const dict = dictionaries[lang];
    for (const [key, text] of Object.entries(texts[lang])) {
      if (Object.hasOwn(dict, key) && dict[key] !== text) throw new Error(`message ${key} is defined twice`);
      dict[key] = text;
    }
  }
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const dict = dictionaries[lang];
  return (key, params) => {
    // Read when called, not when made: a module's texts may be registered after a translator exists.
    const text = dict[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
  };
}

export function isLang(v: unknown): v is Lang {
  return v === 'id' || v === 'en';
}

export function isMessageKey(v: unknown): v is MessageKey {
  return typeof v === 'string' && v in dictionaries.id;
}
