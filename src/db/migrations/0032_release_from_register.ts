// Issue 16: a release recorded in the register (the person's page, or an SDP roster import that
// marks the absent released) is the release of their reintegration case too, so the follow-ups,
// the pipeline's "released" list and the outcomes see everyone who left, not only those released
// through "Catat pembebasan". A trigger on the status history (the one row every release writes,
// in the release's own transaction) sets the case's release day, creating the case when there is
// none; a case already released is left alone ("Catat pembebasan" writes it before the register).
// The kind is the planned integrasi when it falls on that day, else 'ekspirasi'.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create function reintegration_release_from_register() returns trigger language plpgsql as $$
    begin
      insert into reintegration_cases as rc (inmate_id, unit_id, released_on, release_kind)
        select i.id, i.unit_id, new.on_date, 'ekspirasi' from inmates i where i.id = new.inmate_id
      on conflict (inmate_id) do update
        set released_on = excluded.released_on,
            release_kind = case when rc.integrasi_date = excluded.released_on then rc.integrasi_kind
                                else 'ekspirasi' end,
            updated_at = now()
        where rc.released_on is null;
      return null;
    end $$`.execute(db);
  await sql`create trigger inmate_status_history_release after insert on inmate_status_history
    for each row when (new.status = 'released') execute function reintegration_release_from_register()`.execute(
    db,
  );
  // People released before this migration: their latest release in the register.
  await sql`insert into reintegration_cases as rc (inmate_id, unit_id, released_on, release_kind)
      select distinct on (h.inmate_id) h.inmate_id, i.unit_id, h.on_date, 'ekspirasi'
        from inmate_status_history h join inmates i on i.id = h.inmate_id
       where h.status = 'released' and i.status = 'released'
       order by h.inmate_id, h.on_date desc, h.created_at desc
    on conflict (inmate_id) do update
      set released_on = excluded.released_on,
          release_kind = case when rc.integrasi_date = excluded.released_on then rc.integrasi_kind
                              else 'ekspirasi' end,
          updated_at = now()
      where rc.released_on is null`.execute(db);
}
