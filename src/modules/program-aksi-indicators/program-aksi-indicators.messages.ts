// Texts of the Program Aksi indicators page and its export, in Indonesian and English (the
// reference list's own texts are with the partners' and agreements', where the tags are set).
export const id = {
  'programAksi.ind.nav': 'Indikator Program Aksi',
  'programAksi.ind.title': 'Indikator Program Aksi',
  'programAksi.ind.intro':
    'Untuk setiap butir Program Aksi: program yang ditandai dengan butir itu, pesertanya, sertifikat, nilai produksi dan PNBP, untuk {period}. Hanya jumlah dan total, tanpa nama warga binaan.',
  'programAksi.ind.period': 'Periode (bulan atau tahun)',
  'programAksi.ind.periodHint': 'Tulis TTTT-BB untuk satu bulan (2026-11) atau TTTT untuk satu tahun (2026).',
  'programAksi.ind.level': 'Tingkat',
  'programAksi.ind.level.unit': 'Per UPT',
  'programAksi.ind.level.kanwil': 'Per Kanwil',
  'programAksi.ind.level.nation': 'Nasional',
  'programAksi.ind.show': 'Tampilkan',
  'programAksi.ind.download': 'Unduh (XLSX)',
  'programAksi.ind.year': 'tahun {year} ({from} s.d. {to})',
  'programAksi.ind.nation': 'Seluruh Indonesia',
  'programAksi.ind.place': 'Wilayah',
  'programAksi.ind.unit': 'UPT',
  'programAksi.ind.kanwil': 'Kanwil',
  'programAksi.ind.item': 'Butir Program Aksi',
  'programAksi.ind.inactive': 'tidak aktif lagi',
  'programAksi.ind.col.programmes': 'Program',
  'programAksi.ind.col.participants': 'Peserta (orang)',
  'programAksi.ind.col.certificates': 'Sertifikat',
  'programAksi.ind.col.productionValue': 'Nilai produksi',
  'programAksi.ind.col.pnbp': 'PNBP',
  'programAksi.ind.none':
    'Belum ada program bertanda butir ini dengan kegiatan, dan belum ada PNBP, pada periode ini.',
  'programAksi.ind.howTitle': 'Cara menghitung',
  'programAksi.ind.how.programmes':
    'Program: program yang ditandai dengan butir ini dan punya kegiatan (peserta, sesi, produksi atau penjualan) pada periode ini, menurut rekap bulanan.',
  'programAksi.ind.how.participants':
    'Peserta: orang yang berbeda, terdaftar pada program-program itu pada hari mana pun dalam periode. Seseorang di dua program butir yang sama, atau selama dua belas bulan, dihitung satu kali; karena itu peserta setahun bukan jumlah peserta tiap bulan.',
  'programAksi.ind.how.certificates':
    'Sertifikat: sertifikat yang terbit pada periode ini dan masih berlaku.',
  'programAksi.ind.how.productionValue':
    'Nilai produksi: barang yang lolos uji mitra dikali tarif borongan, ditambah penjualan UPT atas produk program itu (bersih dari pembatalan).',
  'programAksi.ind.how.pnbp':
    'PNBP dicatat per UPT dan per kelompok dalam perhitungan premi, bukan per program. PNBP setiap kelompok dari perhitungan premi yang sudah dibukukan dibagi ke program-program pemilik produknya menurut nilai produk itu dalam kelompok (barang lolos uji kali tarif, atau nilai barang yang terjual), lalu bagian sebuah program masuk ke setiap butir yang ditandakan padanya; pembalikan mengurangi pada bulannya. Program dengan dua butir dihitung pada keduanya, jadi PNBP butir-butir tidak dijumlahkan. PNBP produk tanpa program atau dari program tanpa tanda tidak masuk butir mana pun; jumlahnya ada di tabel di bawah.',
  'programAksi.ind.pnbpTitle': 'PNBP dan bagian yang masuk butir',
  'programAksi.ind.pnbp.total': 'PNBP seluruhnya',
  'programAksi.ind.pnbp.attributed': 'Masuk butir Program Aksi',
  'programAksi.ind.pnbp.notAttributed': 'Tidak masuk butir mana pun',
  'programAksi.ind.pnbpNone': 'Belum ada perhitungan premi yang dibukukan pada periode ini.',
  'programAksi.ind.fresh': 'Angka rekap per {at}.',
  'programAksi.ind.freshPending': 'Angka rekap per {at}; {n} perubahan belum dihitung.',
  'programAksi.ind.freshNever': 'Rekap bulanan belum pernah dihitung.',
  'programAksi.ind.periodFormat': 'Tulis periode sebagai TTTT-BB (satu bulan) atau TTTT (satu tahun).',
  'programAksi.ind.periodFuture': 'Periode {period} belum dimulai. Pilih bulan ini atau sebelumnya.',
  'programAksi.ind.sheet': 'Indikator',
  'programAksi.ind.sheetHow': 'Cara menghitung',
  'programAksi.ind.periodLabel': 'Periode',
};

export const en: Record<keyof typeof id, string> = {
  'programAksi.ind.nav': 'Program Aksi indicators',
  'programAksi.ind.title': 'Program Aksi indicators',
  'programAksi.ind.intro':
    'For each Program Aksi item: the programmes tagged with it, their participants, certificates, production value and PNBP, for {period}. Counts and sums only, no inmate names.',
  'programAksi.ind.period': 'Period (month or year)',
  'programAksi.ind.periodHint': 'Write YYYY-MM for a month (2026-11) or YYYY for a year (2026).',
  'programAksi.ind.level': 'Level',
  'programAksi.ind.level.unit': 'By unit',
  'programAksi.ind.level.kanwil': 'By Kanwil',
  'programAksi.ind.level.nation': 'National',
  'programAksi.ind.show': 'Show',
  'programAksi.ind.download': 'Download (XLSX)',
  'programAksi.ind.year': 'the year {year} ({from} to {to})',
  'programAksi.ind.nation': 'All of Indonesia',
  'programAksi.ind.place': 'Place',
  'programAksi.ind.unit': 'Unit',
  'programAksi.ind.kanwil': 'Kanwil',
  'programAksi.ind.item': 'Program Aksi item',
  'programAksi.ind.inactive': 'no longer active',
  'programAksi.ind.col.programmes': 'Programmes',
  'programAksi.ind.col.participants': 'Participants (people)',
  'programAksi.ind.col.certificates': 'Certificates',
  'programAksi.ind.col.productionValue': 'Production value',
  'programAksi.ind.col.pnbp': 'PNBP',
  'programAksi.ind.none':
    'No programme tagged with this item had activity, and no PNBP was attributed to it, in this period.',
  'programAksi.ind.howTitle': 'How it is counted',
  'programAksi.ind.how.programmes':
    'Programmes: those tagged with the item that had activity (participants, sessions, production or sales) in the period, by the monthly aggregates.',
  'programAksi.ind.how.participants':
    'Participants: distinct people enrolled in those programmes on any day of the period. A person in two programmes of the same item, or for twelve months, counts once, so a year’s participants are not the sum of its months.',
  'programAksi.ind.how.certificates': 'Certificates: issued in the period and still valid.',
  'programAksi.ind.how.productionValue':
    "Production value: items passed by the partner's check at the piece rate, plus the unit's own sales of the programmes' products (net of cancellations).",
  'programAksi.ind.how.pnbp':
    "PNBP is recorded per unit and per group of a premi run, not per programme. Each group's PNBP in a posted premi run is shared among the programmes whose products it paid for, by those products' value in the group (passed items at the rate, or the value of goods sold); a programme's share then goes to every item it is tagged with; a reversal subtracts in its own month. A programme with two items counts under both, so the items' PNBP do not add up. PNBP of products of no programme, or of untagged programmes, belongs to no item; the table below shows how much.",
  'programAksi.ind.pnbpTitle': 'PNBP and the part attributed to items',
  'programAksi.ind.pnbp.total': 'All PNBP',
  'programAksi.ind.pnbp.attributed': 'Attributed to a Program Aksi item',
  'programAksi.ind.pnbp.notAttributed': 'Attributed to no item',
  'programAksi.ind.pnbpNone': 'No premi run was posted in this period.',
  'programAksi.ind.fresh': 'Aggregates as of {at}.',
  'programAksi.ind.freshPending': 'Aggregates as of {at}; {n} changes not yet counted.',
  'programAksi.ind.freshNever': 'The monthly aggregates have never been computed.',
  'programAksi.ind.periodFormat': 'Write the period as YYYY-MM (a month) or YYYY (a year).',
  'programAksi.ind.periodFuture': 'The period {period} has not begun. Choose this month or an earlier one.',
  'programAksi.ind.sheet': 'Indicators',
  'programAksi.ind.sheetHow': 'How it is counted',
  'programAksi.ind.periodLabel': 'Period',
};

declare module '../../app/i18n.ts' {
  interface Messages extends Record<keyof typeof id, string> {}
}
