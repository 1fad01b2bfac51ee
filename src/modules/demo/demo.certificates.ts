// Demo: two participants of "Pelatihan Merajut" who met the completion rule complete and hold
// certificates. They are chosen from the data, not by name: the first two narapidana still in the
// Rutan who meet the rule (by name), issued on the day of the class's last held session, so no
// attendance mark ever falls after a holder's completion.

import { type Actor, systemCtx, systemPrincipal } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import { participantsOf, sessionsOfProgramme } from '../attendance/attendance.service.ts';
import { completeAndIssue, completionOverview } from '../certificates/certificates.service.ts';
import { competencyRecord } from '../competencies/competencies.service.ts';
import { programmeIdByName } from '../programmes/programmes.service.ts';
import { DEMO_PROGRAMME } from './demo.programmes.ts';

/** Returns how many certificates it issued: 0 when some exist already or nobody meets the rule. */
export async function seedDemoCertificates(
  db: Db,
  ids: { unitId: string; issuer: Actor },
  now = new Date(),
): Promise<number> {
  const programmeId = ids.unitId ? await programmeIdByName({ db }, ids.unitId, DEMO_PROGRAMME) : undefined;
  if (!programmeId || !ids.issuer.userId) return 0;
  const o = await completionOverview(systemCtx(db), programmeId);
  if (o.certificates.length > 0) return 0;
  const classes = new Map(
    (await participantsOf({ db }, { programmeId })).map((p) => [p.id, p.register_class]),
  );
  const chosen = o.rows
    .filter(
      (r) =>
        r.check.eligible &&
        r.certificateId === null &&
        r.status === 'active' &&
        r.kind === 'inmate' &&
        classes.get(r.id)?.startsWith('B.'),
    )
    .sort((a, b) => a.name.localeCompare(b.name, 'id'))
    .slice(0, 2);
  const lastHeld = (await sessionsOfProgramme({ db }, { programmeId, upTo: '9999-12-31' }))
    .filter((s) => s.status === 'scheduled' && s.ends_at.getTime() <= now.getTime())
    .map((s) => s.day)
    .sort()
    .at(-1);
  const issuer = {
    db,
    who: { ...systemPrincipal(ids.issuer.name), id: ids.issuer.userId, actor: ids.issuer },
    now: new Date(),
  };
  let issued = 0;
  for (const r of chosen) {
    const assessed = (await competencyRecord({ db }, r.id))
      .map((u) => u.assessedOn)
      .filter((d): d is string => d !== null)
      .sort();
    const days = [assessed.at(-1), lastHeld].filter((d): d is string => d !== undefined).sort();
    await completeAndIssue(issuer, r.id, { issuedOn: days.at(-1) });
    issued++;
  }
  return issued;
}
