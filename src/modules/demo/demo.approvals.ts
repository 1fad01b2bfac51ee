// Demo: what waits in the Kepala UPT's approvals inbox on the morning the demo is opened. A
// detainee of the knitting class was marked alpa at the last session now locked, though that day
// they were called to the Pengadilan Negeri Magetan; yesterday the petugas asked for the roll call
// to be opened again to correct it. Ari Rahmanto has not decided yet. Made through the services as
// the petugas did it; nothing after `now`, and nothing again once a request exists for a session
// of the last five weeks.

import { dayInZone } from '../../app/format.ts';
import type { Actor } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import { requestUnlock, unlockRequestsOf } from '../approvals/approvals.requests.ts';
import { programmeIdByName } from '../programmes/programmes.service.ts';
import { DEFAULT_LOCK_DAYS, sessionsWithStatus } from '../programmes/sessions.status.ts';
import { staff } from './demo.ctx.ts';
import { DEMO_PROGRAMME } from './demo.programmes.ts';

export const DEMO_UNLOCK_REASON =
  'Koreksi presensi: satu peserta tercatat alpa, padahal hari itu dipanggil sidang di Pengadilan ' +
  'Negeri Magetan (surat panggilan sidang ada di berkas register).';

const ZONE = 'Asia/Jakarta';
const DAY_MS = 86_400_000;

export async function seedDemoApprovals(
  db: Db,
  ids: { unitId: string; petugas: Actor },
  now: Date = new Date(),
): Promise<number> {
  const programmeId = ids.unitId ? await programmeIdByName({ db }, ids.unitId, DEMO_PROGRAMME) : undefined;
  if (!programmeId || !ids.petugas.userId) return 0;
  const petugas = staff(db, ids.petugas, ['petugas']);
  // Asked yesterday at nine, about a session already locked then.
  const askedAt = new Date(now.getTime() - DAY_MS);
  askedAt.setUTCHours(2, 0, 0, 0); // 09:00 WIB
  if (askedAt.getTime() > now.getTime()) return 0;
  const asker = petugas(askedAt);
  const dayBefore = (days: number) => dayInZone(new Date(askedAt.getTime() - days * DAY_MS), ZONE);
  const held = (
    await sessionsWithStatus(asker, {
      programmeIds: [programmeId],
      from: dayBefore(35),
      to: dayBefore(DEFAULT_LOCK_DAYS + 1),
      order: 'desc',
    })
  ).filter((s) => !s.cancelled && s.attendance === 'done');
  for (const s of held) {
    if ((await unlockRequestsOf(asker, s.id)).length > 0) return 0;
  }
  const session = held[0];
  if (!session) return 0;
  await requestUnlock(asker, {
    sessionId: session.id,
    reason: DEMO_UNLOCK_REASON,
    lockDays: DEFAULT_LOCK_DAYS,
  });
  return 1;
}
