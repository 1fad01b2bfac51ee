// Indonesia's 2026 national holidays and cuti bersama (SKB of the Ministers of Religious Affairs,
// Manpower and PANRB No. 1497, 2 and 5 of 2025). Seeded once as data the administrator edits: Islamic
// dates can move with the ministry's isbat decision.
import type { HolidayKind } from '../../db/schema.ts';

export const HOLIDAYS_2026: ReadonlyArray<{ day: string; name: string; kind: HolidayKind }> = [
  { day: '2026-01-01', name: 'Tahun Baru 2026 Masehi', kind: 'national' },
  { day: '2026-01-16', name: 'Isra Mikraj Nabi Muhammad SAW', kind: 'national' },
  { day: '2026-02-16', name: 'Cuti bersama Tahun Baru Imlek', kind: 'cuti_bersama' },
  { day: '2026-02-17', name: 'Tahun Baru Imlek 2577 Kongzili', kind: 'national' },
  { day: '2026-03-18', name: 'Cuti bersama Hari Suci Nyepi', kind: 'cuti_bersama' },
  { day: '2026-03-19', name: 'Hari Suci Nyepi (Tahun Baru Saka 1948)', kind: 'national' },
  { day: '2026-03-20', name: 'Cuti bersama Idulfitri 1447 H', kind: 'cuti_bersama' },
  { day: '2026-03-21', name: 'Hari Raya Idulfitri 1447 H', kind: 'national' },
  { day: '2026-03-22', name: 'Hari Raya Idulfitri 1447 H (hari kedua)', kind: 'national' },
  { day: '2026-03-23', name: 'Cuti bersama Idulfitri 1447 H', kind: 'cuti_bersama' },
  { day: '2026-03-24', name: 'Cuti bersama Idulfitri 1447 H', kind: 'cuti_bersama' },
  { day: '2026-04-03', name: 'Wafat Yesus Kristus', kind: 'national' },
  { day: '2026-04-05', name: 'Kebangkitan Yesus Kristus (Paskah)', kind: 'national' },
  { day: '2026-05-01', name: 'Hari Buruh Internasional', kind: 'national' },
  { day: '2026-05-14', name: 'Kenaikan Yesus Kristus', kind: 'national' },
  { day: '2026-05-15', name: 'Cuti bersama Kenaikan Yesus Kristus', kind: 'cuti_bersama' },
  { day: '2026-05-27', name: 'Hari Raya Iduladha 1447 H', kind: 'national' },
  { day: '2026-05-28', name: 'Cuti bersama Iduladha 1447 H', kind: 'cuti_bersama' },
  { day: '2026-05-31', name: 'Hari Raya Waisak 2570 BE', kind: 'national' },
  { day: '2026-06-01', name: 'Hari Lahir Pancasila', kind: 'national' },
  { day: '2026-06-16', name: 'Tahun Baru Islam 1448 H', kind: 'national' },
  { day: '2026-08-17', name: 'Hari Kemerdekaan Republik Indonesia', kind: 'national' },
  { day: '2026-08-25', name: 'Maulid Nabi Muhammad SAW', kind: 'national' },
  { day: '2026-12-24', name: 'Cuti bersama Hari Raya Natal', kind: 'cuti_bersama' },
  { day: '2026-12-25', name: 'Hari Raya Natal', kind: 'national' },
];
