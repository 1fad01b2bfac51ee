// What the maintained monthly aggregates hold (issue 14): one row per unit and month, and one per
// programme and month, counts and sums only, never a person. The reports, the Kanwil and national
// roll-ups, the Program Aksi indicators and the office dashboards all read these shapes; the
// aggregates are kept by rollups.repo.ts (see docs/decisions/0016-monthly-aggregates.md).
import type { MarkStatus, MonthlyReportStatus } from '../../db/schema.ts';

/** Participants by kind: B.* register classes are narapidana, A.* tahanan. */
export interface ParticipantCounts {
  narapidana: number;
  tahanan: number;
  intern: number;
  staff: number;
  total: number;
}

/** The figures of one programme (or one unit, or a sum of units) for one month. */
export interface MonthFigures {
  /** 'YYYY-MM'. */
  month: string;
  /** Distinct people enrolled at any time in the month (active, suspended or ended in it). */
  participants: ParticipantCounts;
  /** Enrolments that started in the month, and that ended as completed in it. */
  enrolled: number;
  completed: number;
  sessionsHeld: number;
  sessionsCancelled: number;
  /** Marks of held sessions, per status. */
  marks: Record<MarkStatus, number>;
  /** Competency units assessed as competent in the month. */
  competencies: number;
  /** Certificates issued in the month (still valid), and revoked in it. */
  certificates: number;
  certificatesRevoked: number;
  /** Items finished (production log), items checked by the partner, passed of them, their value (Rp). */
  itemsFinished: number;
  itemsChecked: number;
  itemsPassed: number;
  offtakeValue: number;
  /** The unit's own sales, net of cancellations (Rp), and their number. */
  salesCount: number;
  salesValue: number;
}

/** One unit's month: the figures plus what belongs to the unit, not to one programme. */
export interface UnitMonth extends MonthFigures {
  unitId: string;
  /** Programmes with at least one held session in the month. */
  programmesRunning: number;
  /** Distinct Program Aksi items of the programmes running. */
  programAksiServed: number;
  /** Posted premi runs of the month (reversals count in their own month): premi, PNBP, capital (Rp). */
  premi: number;
  pnbp: number;
  capital: number;
  /** PNBP deposited to the state in the month (Rp). */
  pnbpDeposited: number;
  /** Agreements signed in the month, ending (valid_to or terminated) in it, and in force at its end. */
  agreementsNew: number;
  agreementsEnding: number;
  agreementsActive: number;
  /** Partners with an agreement in force at the month's end. */
  partnersActive: number;
  /** When this row was last recomputed from the records. */
  computedAt: Date;
}

/** One programme's month. */
export interface ProgrammeMonth extends MonthFigures {
  unitId: string;
  programmeId: string;
  computedAt: Date;
}

/** How fresh the aggregates behind a page are: the oldest stamp shown, and changes not yet counted. */
export interface Freshness {
  computedAt: Date | null;
  pending: number;
  /**
   * How many seconds the read replica the figures came from is behind the primary, when that is
   * at least DATABASE_REPLICA_LAG_NOTICE_SECONDS; null otherwise (no replica, or current enough).
   */
  replicaLagSeconds: number | null;
}

/**
 * Where a unit's monthly report of a month stands (reports.service.ts `reportStatuses`), as the
 * roll-ups show it: the roll-ups receive the function through src/modules.ts, so the shape lives
 * here, in the file both folders read. Due on the 5th of the next month in the unit's zone.
 */
export interface ReportStatus {
  reportId: string | null;
  version: number;
  status: 'none' | MonthlyReportStatus;
  submittedAt: Date | null;
  dueOn: string;
  late: boolean;
}

/**
 * Reintegration outcomes of the people released in a period (issue 16, migration 0031): counts
 * only. The rates and their suppression under five people are outcomes/outcomes.rules.ts.
 */
export interface OutcomeCounts {
  /** Participants released in the period. */
  released: number;
  /** Of them, with at least one follow-up. */
  followedUp: number;
  /** Reached at the six-month follow-up, and of those in work or their own business. */
  m6: number;
  m6Working: number;
  /** With a twelve-month answer, and of those who re-offended. */
  m12: number;
  m12Reoffended: number;
}

/** One unit's (programmeId null) or one programme's outcomes over a period. */
export interface OutcomeRow extends OutcomeCounts {
  unitId: string;
  programmeId: string | null;
}
