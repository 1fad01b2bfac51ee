// Kysely's view of the tables. Generated<T> marks columns with database defaults.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

export type Role =
  | 'admin'
  | 'kepala_upt'
  | 'petugas'
  | 'instruktur_mitra'
  | 'kanwil'
  | 'pusat'
  | 'humas'
  | 'pembimbing_kemasyarakatan';
export type TimeZone = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
export type UnitType = 'rutan' | 'lapas' | 'lpka' | 'lpp' | 'bapas';
/** Kelas II is for Bapas and LPKA only (unitClassAllowed). */
export type UnitClass = 'I' | 'II' | 'IIA' | 'IIB' | 'III';

export interface KanwilTable {
  id: Generated<string>;
  code: string;
  name: string;
  province: string;
  address: string | null;
  timezone: TimeZone;
  created_at: Generated<Date>;
}

export interface UnitsTable {
  id: Generated<string>;
  kanwil_id: string;
  code: string;
  type: UnitType;
  class: UnitClass;
  name: string;
  address: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  timezone: TimeZone;
  active: Generated<boolean>;
  premi_pct: Generated<number>;
  pnbp_pct: Generated<number>;
  capital_pct: Generated<number>;
  premi_min_session: MoneyDefault;
  premi_spendable_pct: Generated<number>;
  /** The unit's readable public address (/site/<slug>), filled from its name on insert (0033). */
  public_slug: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  full_name: string;
  nip: string | null;
  position: string | null;
  email: string | null;
  phone: string | null;
  password_hash: string;
  roles: ColumnType<Role[], Role[], Role[]>;
  unit_id: string | null;
  kanwil_id: string | null;
  partner_id: Generated<string | null>;
  locale: Generated<'id' | 'en'>;
  active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  password_changed_at: Generated<Date>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Generated<Date>;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface SigninAttemptsTable {
  id: Generated<string>;
  username: string;
  ip: string;
  success: boolean;
  at: Generated<Date>;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  unit_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Json;
  after: Json;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
  /** 1: hash over the whole record; 2: personal values replaced by their digest (migration 0014). */
  hash_version: Generated<number>;
  personal_digest: string | null;
  legacy_hash: string | null;
}

/** The personal values of one audit record, erased (all null) when their retention ends. */
export interface AuditPersonalTable {
  audit_id: string;
  nonce: string | null;
  before: Json;
  after: Json;
  erased_at: Timestamp | null;
}

/** A signed statement of the audit chain's head, so that a cut-off tail is detected. */
export interface AuditCheckpointsTable {
  id: Generated<string>;
  at: Timestamp;
  last_audit_id: string | null;
  head_hash: string;
  record_count: string;
  key_id: string;
  hmac: string;
  created_by: string;
}

export type PartnerType = 'company' | 'blk' | 'lsp' | 'government' | 'ngo' | 'university' | 'other';
export type AgreementKind = 'pks' | 'mou' | 'addendum';
export type AgreementStatus = 'draft' | 'signed' | 'active' | 'expired' | 'terminated';
export type PayModel = 'none' | 'piece_rate' | 'profit_split';
export type MaterialsBy = 'unit' | 'partner' | 'shared';

/** A contact person at a partner, kept as a list on the partner. */
export interface PartnerContact {
  name: string;
  position?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
}

/** A party to an agreement and who signs for it. */
export interface AgreementParty {
  role: 'first' | 'second' | 'other';
  name: string;
  signatory_name?: string | undefined;
  signatory_position?: string | undefined;
  signatory_nip?: string | undefined;
}

export interface PieceRate {
  product: string;
  unit: string;
  rate: number;
}

type JsonOf<T> = ColumnType<T, string, string>;

export interface ProgramAksiTable {
  id: Generated<string>;
  number: number | null;
  title: string;
  description: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PartnersTable {
  id: Generated<string>;
  unit_id: string;
  type: PartnerType;
  legal_name: string;
  nib: string | null;
  npwp: string | null;
  address: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  notes: string | null;
  contacts: JsonOf<PartnerContact[]>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AgreementsTable {
  id: Generated<string>;
  unit_id: string;
  partner_id: string;
  kind: AgreementKind;
  parent_id: string | null;
  title: string;
  number_first: string | null;
  number_second: string | null;
  signed_on: string | null;
  signed_place: string | null;
  valid_from: string;
  valid_to: string | null;
  status: Generated<AgreementStatus>;
  terminated_on: string | null;
  terminated_reason: string | null;
  signed_by: string | null;
  signed_at: Timestamp | null;
  parties: JsonOf<AgreementParty[]>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AgreementTermsTable {
  id: Generated<string>;
  agreement_id: string;
  source_id: string;
  effective_from: string;
  scope: string | null;
  valid_to: string | null;
  obligations_first: string[];
  obligations_second: string[];
  materials_by: MaterialsBy | null;
  pay_model: PayModel;
  piece_rates: JsonOf<PieceRate[]>;
  /** Whether rejects that cannot be reworked may go to the unit's own sale stock. */
  rejects_saleable: Generated<boolean>;
  premi_pct: number | null;
  pnbp_pct: number | null;
  capital_pct: number | null;
  notes: string | null;
  created_at: Generated<Date>;
}

export interface AgreementProgramAksiTable {
  agreement_id: string;
  program_aksi_id: string;
}

export interface FilesTable {
  id: Generated<string>;
  unit_id: string;
  owner_type: string;
  owner_id: string;
  kind: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  created_at: Generated<Date>;
}

export interface AgreementEvaluationsTable {
  id: Generated<string>;
  agreement_id: string;
  evaluated_on: string;
  evaluator: string;
  findings: string;
  score: number;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface EvaluationActionsTable {
  id: Generated<string>;
  evaluation_id: string;
  action: string;
  due_on: string | null;
  status: Generated<'open' | 'in_progress' | 'done'>;
  done_on: string | null;
  updated_at: Generated<Date>;
}

export interface NotificationsTable {
  id: Generated<string>;
  unit_id: string;
  kind: string;
  entity: string;
  entity_id: string;
  due_on: string;
  created_at: Generated<Date>;
}

export type RegisterClass = 'A.I' | 'A.II' | 'A.III' | 'A.IV' | 'A.V' | 'B.I' | 'B.IIa' | 'B.IIb' | 'B.III';
export type InmateStatus = 'active' | 'released' | 'transferred';
export type RiskLevel = 'rendah' | 'sedang' | 'tinggi';

export interface InmatesTable {
  id: Generated<string>;
  unit_id: string;
  reg_number: string;
  register_class: RegisterClass;
  name: string;
  gender: 'L' | 'P';
  birth_date: string;
  entry_date: string;
  expected_release_date: string | null;
  block: string | null;
  room: string | null;
  education: string | null;
  skills: Generated<string[]>;
  interests: Generated<string[]>;
  risk_level: RiskLevel | null;
  health_restriction: Generated<boolean>;
  nik: string | null;
  status: Generated<InmateStatus>;
  /** Set by the retention job when the name, NIK and contacts were replaced (issue 16). */
  pseudonymised_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface InmateStatusHistoryTable {
  id: Generated<string>;
  inmate_id: string;
  status: InmateStatus;
  on_date: string;
  reason: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

/** One row of an SDP import as it will be written; `action` says create or update. */
export interface ImportRow {
  row: number;
  action: 'create' | 'update';
  inmate_id: string | null;
  values: {
    reg_number: string;
    register_class: RegisterClass;
    name: string;
    gender: 'L' | 'P';
    birth_date: string;
    entry_date: string;
    expected_release_date: string | null;
    block: string | null;
    room: string | null;
    education: string | null;
    skills: string[];
    interests: string[];
    risk_level: RiskLevel | null;
    health_restriction: boolean;
    nik: string | null;
  };
}

/** A problem found in an import file: where, and a message key with its parameters. */
export interface ImportProblem {
  row: number;
  column: string;
  key: string;
  params?: Record<string, string | number>;
}

export interface InmateImportsTable {
  id: Generated<string>;
  unit_id: string;
  filename: string;
  rows: ColumnType<ImportRow[], string, string>;
  problems: ColumnType<ImportProblem[], string, string>;
  status: Generated<ImportStatus>;
  created_by: string | null;
  created_at: Generated<Date>;
  applied_at: Timestamp | null;
  absent: ColumnType<ImportAbsent[], string | undefined, string>;
  absent_status: 'released' | 'transferred' | null;
  /** The uploaded file, kept only until the worker has read it. */
  content: Buffer | null;
  progress_done: Generated<number>;
  progress_total: number | null;
  /** Message key of why the job failed. */
  error: string | null;
  updated_at: Generated<Date>;
}

/** An import job: queued -> parsing -> previewed -> applying -> applied; or failed at any step. */
export type ImportStatus = 'queued' | 'parsing' | 'previewed' | 'applying' | 'applied' | 'failed';

/** An active inmate of the unit that a full roster did not list. */
export interface ImportAbsent {
  id: string;
  reg_number: string;
  name: string;
}

export interface RegisterFEntriesTable {
  id: Generated<string>;
  inmate_id: string;
  entry_date: string;
  violation: string;
  sanction: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

/** Why a tanggal ekspirasi moved: a new detention order, or a corrected date with its basis. */
export type ExpiryChangeKind = 'detention_extension' | 'correction';

export interface InmateExpiryChangesTable {
  id: Generated<string>;
  inmate_id: string;
  kind: ExpiryChangeKind;
  previous_expiry: string | null;
  new_expiry: string;
  reference: string | null;
  authority: string | null;
  order_date: string | null;
  basis: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export type HolidayKind = 'national' | 'cuti_bersama' | 'local';
export type ProgrammeKind = 'training' | 'production' | 'apprenticeship' | 'certification';
export type ProgrammeStatus = 'planned' | 'running' | 'paused' | 'finished';
export type SessionStatus = 'scheduled' | 'cancelled';

/** Who may join a programme; stored now, applied when candidates are proposed. */
export interface Eligibility {
  min_remaining_months?: number | undefined;
  no_register_f_months?: number | undefined;
  risk_levels?: RiskLevel[] | undefined;
  gender?: 'L' | 'P' | undefined;
  allow_health_restriction?: boolean | undefined;
}

export interface HolidaysTable {
  id: Generated<string>;
  unit_id: string | null;
  day: string;
  name: string;
  kind: HolidayKind;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ProgrammesTable {
  id: Generated<string>;
  unit_id: string;
  name: string;
  kind: ProgrammeKind;
  skill_area: string | null;
  partner_id: string | null;
  agreement_id: string | null;
  location: string | null;
  capacity: number;
  status: Generated<ProgrammeStatus>;
  eligibility: JsonOf<Eligibility>;
  /** Minimum attendance rate (percent) to complete; all core units competent is also required. */
  completion_min_attendance: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ProgrammeProgramAksiTable {
  programme_id: string;
  program_aksi_id: string;
}

export interface CurriculumUnitsTable {
  id: Generated<string>;
  programme_id: string;
  position: number;
  code: string | null;
  title: string;
  target_hours: number;
  core: Generated<boolean>;
}

export interface ProgrammeInstructorsTable {
  programme_id: string;
  user_id: string;
  created_at: Generated<Date>;
}

export interface SchedulesTable {
  id: Generated<string>;
  programme_id: string;
  weekdays: number[];
  every_n_weeks: Generated<number>;
  starts_on: string;
  ends_on: string | null;
  /** 'HH:MM:SS' in the unit's local time. */
  start_time: string;
  end_time: string;
  skip_holidays: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface ProgrammeSessionsTable {
  id: Generated<string>;
  programme_id: string;
  schedule_id: string | null;
  day: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: Generated<SessionStatus>;
  cancel_reason: string | null;
  extra: Generated<boolean>;
  rescheduled_from: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type IntakeStatus = 'open' | 'decided' | 'closed';
export type Decision = 'accepted' | 'waitlisted' | 'rejected';
export type ParticipantKind = 'inmate' | 'intern' | 'staff';
export type EnrolmentStatus = 'active' | 'suspended' | 'completed' | 'withdrawn';
export type EndReason = 'released' | 'transferred' | 'health' | 'discipline' | 'own_request';

/** One assessment criterion of an intake: a key, its label and the highest score. */
export interface Criterion {
  key: string;
  label: string;
  max: number;
}

export interface IntakesTable {
  id: Generated<string>;
  programme_id: string;
  opened_on: string;
  status: Generated<IntakeStatus>;
  criteria: JsonOf<Criterion[]>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** Set together when the intake is closed: completed after the decision, or cancelled while open. */
  closed_as: 'completed' | 'cancelled' | null;
  close_reason: string | null;
  closed_by: string | null;
  closed_at: Timestamp | null;
}

export interface IntakeCandidatesTable {
  id: Generated<string>;
  intake_id: string;
  inmate_id: string;
  scores: ColumnType<Record<string, number>, string | undefined, string>;
  /** numeric comes back as a string from PostgreSQL. */
  total: ColumnType<string, number | undefined, number>;
  consent_recorded_at: Timestamp | null;
  consent_note: string | null;
  consent_recorded_by: string | null;
  consent_withdrawn_at: Timestamp | null;
  decision: Decision | null;
  decision_reason: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TppSessionsTable {
  id: Generated<string>;
  intake_id: string;
  held_on: string;
  members: string[];
  notes: string | null;
  approved_by: string | null;
  approved_at: Timestamp | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface EnrolmentsTable {
  id: Generated<string>;
  programme_id: string;
  kind: ParticipantKind;
  inmate_id: string | null;
  intake_candidate_id: string | null;
  name: string;
  institution: string | null;
  period_from: string | null;
  period_to: string | null;
  status: Generated<EnrolmentStatus>;
  end_reason: EndReason | null;
  status_note: string | null;
  started_on: string;
  ended_on: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type MarkStatus = 'hadir' | 'terlambat' | 'izin' | 'sakit' | 'alpa' | 'dispensasi';
export type CompetencyStatus = 'not_started' | 'in_progress' | 'competent' | 'not_yet_competent';
export type CertificateStatus = 'valid' | 'revoked';

export interface AttendanceMarksTable {
  id: Generated<string>;
  session_id: string;
  enrolment_id: string;
  status: MarkStatus;
  note: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AttendanceCorrectionsTable {
  id: Generated<string>;
  mark_id: string;
  previous_status: MarkStatus;
  previous_note: string | null;
  new_status: MarkStatus;
  new_note: string | null;
  reason: string;
  corrected_by: string | null;
  corrected_at: Generated<Date>;
}

/** What a batch changed, stored so that the same batch sent again gets the same answer. */
export interface SubmissionResult {
  created: number;
  updated: number;
  unchanged: number;
}

export type BatchKind = 'attendance' | 'production';

/** One offline batch from the hall (attendance or production), applied once per key. */
export interface BatchSubmissionsTable {
  idempotency_key: string;
  kind: Generated<BatchKind>;
  session_id: string | null;
  programme_id: string | null;
  /** A workshop's working day (batches without a session). */
  day: string | null;
  user_id: string | null;
  result: JsonOf<SubmissionResult>;
  received_at: Generated<Date>;
}

export interface SessionJournalsTable {
  session_id: string;
  topic: string;
  materials: string | null;
  notes: string | null;
  other_instructors: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionJournalUnitsTable {
  session_id: string;
  curriculum_unit_id: string;
}

export interface SessionJournalInstructorsTable {
  session_id: string;
  user_id: string;
}

export interface CompetencyAssessmentsTable {
  id: Generated<string>;
  enrolment_id: string;
  curriculum_unit_id: string;
  status: CompetencyStatus;
  assessed_on: string | null;
  evidence: string | null;
  /** Free remark beside the evidence (optional). */
  note: Generated<string | null>;
  assessed_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** One competency as printed on a certificate, frozen at issue. */
export interface CertificateCompetency {
  code: string | null;
  title: string;
  hours: number;
  status: CompetencyStatus;
}

export interface CertificatesTable {
  id: Generated<string>;
  number: string;
  verify_token: string;
  enrolment_id: string;
  programme_id: string;
  unit_id: string;
  holder_name: string;
  holder_initials: string;
  issued_on: string;
  /** numeric comes back as a string from PostgreSQL. */
  hours: ColumnType<string, number, number>;
  attendance_rate: ColumnType<string, number, number>;
  competencies: JsonOf<CertificateCompetency[]>;
  status: Generated<CertificateStatus>;
  revoked_reason: string | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  issued_by: string | null;
  created_at: Generated<Date>;
}

export type BreachStatus = 'open' | 'closed';
export type BreachRecipient = 'subjects' | 'authority';

/** UU 27/2022: the legal basis, purpose and retention of one category of personal data. */
export interface PrivacyLegalBasisTable {
  id: Generated<string>;
  code: string;
  category: string;
  specific: Generated<boolean>;
  legal_basis: string;
  purpose: string;
  retention: string;
  holders: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PrivacyBreachesTable {
  id: Generated<string>;
  unit_id: string;
  title: string;
  description: string;
  occurred_at: Timestamp | null;
  found_at: Timestamp;
  notify_due_at: Timestamp;
  categories: string[];
  people_affected: number;
  measures: string;
  status: Generated<BreachStatus>;
  closed_at: Timestamp | null;
  closing_note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PrivacyBreachNotificationsTable {
  id: Generated<string>;
  breach_id: string;
  recipient: BreachRecipient;
  notified_at: Timestamp;
  notified_to: string;
  channel: string;
  recorded_by: string | null;
  created_at: Generated<Date>;
}

export interface InmateAccessLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  unit_id: string;
  inmate_id: string;
  viewer_id: string | null;
  viewer_name: string;
  channel: 'page' | 'api' | 'export';
  source: string;
  request_id: string | null;
}

// Issue #11: production, stock and sales. Money is integer rupiah in bigint columns, which pg
// returns as strings: repos convert with `rupiah()` at their edge.
type Money = ColumnType<string, number | string, number | string>;
type MoneyDefault = ColumnType<string, number | string | undefined, number | string>;

export type ProductRoute = 'partner' | 'own';
export type MaterialUom = 'gram' | 'gulung' | 'meter' | 'buah';
export type MaterialOwner = 'partner' | 'unit';
export type AdjustmentKind = 'stocktake' | 'write_off';
export type AdjustmentStatus = 'submitted' | 'approved' | 'rejected';
export type QcStatus = 'sent' | 'checked' | 'invoiced';
export type RejectReason = 'size' | 'stitching' | 'colour' | 'finishing' | 'other';
export type RejectDisposition = 'rework' | 'own_stock' | 'scrap';
export type InvoiceStatus = 'open' | 'paid' | 'cancelled';
export type PaymentMethod = 'tunai' | 'transfer' | 'qris';
export type SaleChannel = 'bazaar' | 'visitor' | 'order' | 'other';
export type SaleStatus = 'completed' | 'cancel_requested' | 'cancelled' | 'reversal';
export type ProductMovementKind =
  | 'produced'
  | 'sent_to_check'
  | 'passed'
  | 'rework'
  | 'reject_to_stock'
  | 'reject_scrap'
  | 'reserved'
  | 'unreserved'
  | 'sold'
  | 'sale_cancelled'
  | 'written_off'
  | 'counted';
export type MaterialMovementKind = 'received' | 'issued' | 'returned' | 'used' | 'counted' | 'written_off';

export interface DocumentCountersTable {
  unit_id: string;
  series: string;
  year: number;
  last: Generated<number>;
}

export interface ProductKindsTable {
  id: Generated<string>;
  code: string;
  name: string;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface ProductsTable {
  id: Generated<string>;
  unit_id: string;
  programme_id: string | null;
  kind_id: string;
  name: string;
  rate_name: string | null;
  uom: Generated<string>;
  route: ProductRoute;
  price: Money | null;
  description: string | null;
  photo_file_id: string | null;
  active: Generated<boolean>;
  awaiting_check: Generated<number>;
  in_check: Generated<number>;
  on_hand: Generated<number>;
  reserved: Generated<number>;
  sold: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MaterialsTable {
  id: Generated<string>;
  unit_id: string;
  name: string;
  uom: MaterialUom;
  owner: MaterialOwner;
  partner_id: string | null;
  low_stock_level: Generated<number>;
  on_hand: Generated<number>;
  stock_value: MoneyDefault;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface BillOfMaterialsTable {
  product_id: string;
  material_id: string;
  qty_per_item: number;
}

export interface ProductionEntriesTable {
  id: Generated<string>;
  unit_id: string;
  programme_id: string;
  session_id: string | null;
  day: string;
  enrolment_id: string;
  product_id: string;
  finished: number;
  in_progress: Generated<number>;
  recorded_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ProductionEntryMaterialsTable {
  entry_id: string;
  material_id: string;
  qty: number;
}

export interface StockAdjustmentsTable {
  id: Generated<string>;
  unit_id: string;
  kind: AdjustmentKind;
  day: string;
  status: Generated<AdjustmentStatus>;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
}

export interface StockAdjustmentLinesTable {
  id: Generated<string>;
  adjustment_id: string;
  material_id: string | null;
  product_id: string | null;
  expected: number | null;
  counted: number | null;
  qty: number | null;
  reason: string | null;
}

export interface QcBatchesTable {
  id: Generated<string>;
  unit_id: string;
  partner_id: string;
  programme_id: string;
  agreement_id: string | null;
  number: string;
  sent_on: string;
  checked_on: string | null;
  status: Generated<QcStatus>;
  created_by: string | null;
  checked_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface QcBatchLinesTable {
  id: Generated<string>;
  batch_id: string;
  enrolment_id: string;
  product_id: string;
  submitted: number;
  passed: number | null;
  rate: Money | null;
}

export interface QcRejectsTable {
  id: Generated<string>;
  line_id: string;
  qty: number;
  reason: RejectReason;
  reworkable: boolean;
  disposition: RejectDisposition;
  note: string | null;
}

export interface OfftakeInvoicesTable {
  id: Generated<string>;
  unit_id: string;
  partner_id: string;
  number: string;
  issued_on: string;
  due_on: string | null;
  total: Money;
  paid: MoneyDefault;
  status: Generated<InvoiceStatus>;
  cancel_reason: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface OfftakeInvoiceBatchesTable {
  invoice_id: string;
  batch_id: string;
  amount: Money;
}

export interface OfftakePaymentsTable {
  id: Generated<string>;
  invoice_id: string;
  paid_on: string;
  amount: Money;
  method: PaymentMethod;
  reference: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface SalesTable {
  id: Generated<string>;
  unit_id: string;
  number: string;
  sold_on: string;
  channel: SaleChannel;
  buyer_name: string | null;
  buyer_phone: string | null;
  payment_method: PaymentMethod;
  payment_ref: string | null;
  total: Money;
  status: Generated<SaleStatus>;
  reverses_id: string | null;
  cancel_reason: string | null;
  note: string | null;
  created_by: string | null;
  approved_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SaleLinesTable {
  id: Generated<string>;
  sale_id: string;
  product_id: string;
  qty: number;
  unit_price: Money;
  amount: Money;
}

export interface ProductMovementsTable {
  id: Generated<string>;
  unit_id: string;
  product_id: string;
  kind: ProductMovementKind;
  day: string;
  enrolment_id: string | null;
  d_awaiting: Generated<number>;
  d_in_check: Generated<number>;
  d_on_hand: Generated<number>;
  d_reserved: Generated<number>;
  d_sold: Generated<number>;
  production_entry_id: string | null;
  qc_line_id: string | null;
  sale_id: string | null;
  adjustment_id: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface MaterialMovementsTable {
  id: Generated<string>;
  unit_id: string;
  material_id: string;
  kind: MaterialMovementKind;
  day: string;
  qty: number;
  value: MoneyDefault;
  source: string | null;
  document_no: string | null;
  session_id: string | null;
  enrolment_id: string | null;
  production_entry_id: string | null;
  adjustment_id: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

// Issue #12: premi, PNBP and the savings ledger (migration 0021). Journal amounts: debit positive,
// credit negative; every entry's lines sum to zero (enforced by the database).
export type LedgerAccount = 'cash' | 'receivable' | 'revenue' | 'premi' | 'premi_pool' | 'pnbp' | 'capital';
export type Pocket = 'saved' | 'spendable';
export type JournalKind =
  | 'premi_run'
  | 'premi_reversal'
  | 'withdrawal'
  | 'payout'
  | 'transfer_out'
  | 'transfer_in'
  | 'pnbp_deposit'
  | 'capital';

export interface JournalEntriesTable {
  id: Generated<string>;
  unit_id: string;
  day: string;
  kind: JournalKind;
  source_id: string;
  memo: string;
  created_by: string | null;
  created_at: Generated<Date>;
  /** The transaction that wrote the entry: only it may add the entry's lines. */
  xact: Generated<string>;
}

export interface JournalLinesTable {
  id: Generated<string>;
  entry_id: string;
  unit_id: string;
  day: string;
  account: LedgerAccount;
  purpose: string;
  inmate_id: string | null;
  pocket: Pocket | null;
  amount: Money;
}

export type PremiRunStatus = 'draft' | 'reviewed' | 'posted';

export interface PremiRunsTable {
  id: Generated<string>;
  unit_id: string;
  month: string;
  kind: ColumnType<'regular' | 'reversal', 'regular' | 'reversal' | undefined, never>;
  reverses_id: string | null;
  status: ColumnType<PremiRunStatus, PremiRunStatus | undefined, PremiRunStatus>;
  revenue_offtake: MoneyDefault;
  revenue_sales: MoneyDefault;
  material_cost: MoneyDefault;
  premi: MoneyDefault;
  pnbp: MoneyDefault;
  capital: MoneyDefault;
  topup: MoneyDefault;
  pooled: MoneyDefault;
  from_pool: MoneyDefault;
  payments: MoneyDefault;
  purchases: MoneyDefault;
  min_session: MoneyDefault;
  spendable_pct: Generated<number>;
  reason: string | null;
  computed_at: Generated<Date>;
  prepared_by: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  approved_by: string | null;
  posted_at: Date | null;
  entry_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PremiRunGroupsTable {
  id: Generated<string>;
  run_id: string;
  source: 'offtake' | 'sales';
  agreement_id: string | null;
  premi_pct: number;
  pnbp_pct: number;
  capital_pct: number;
  from_agreement: boolean;
  revenue: Money;
  material_cost: Money;
  premi: Money;
  pnbp: Money;
  capital: Money;
}

export interface PremiRunLinesTable {
  id: Generated<string>;
  run_id: string;
  inmate_id: string;
  items_passed: Generated<number>;
  items_own: Generated<number>;
  sessions: Generated<number>;
  offtake_value: MoneyDefault;
  offtake_premi: MoneyDefault;
  sales_value: MoneyDefault;
  sales_premi: MoneyDefault;
  minimum: MoneyDefault;
  topup: MoneyDefault;
  total: MoneyDefault;
  saved: MoneyDefault;
  spendable: MoneyDefault;
}

export interface PremiRunItemsTable {
  id: Generated<string>;
  run_id: string;
  group_id: string;
  inmate_id: string;
  product_id: string;
  qty: number;
  rate: Money;
  value: Money;
  premi: Money;
}

export interface PremiWithdrawalsTable {
  id: Generated<string>;
  unit_id: string;
  inmate_id: string;
  number: string;
  day: string;
  amount: Money;
  purpose: 'canteen' | 'family' | 'other';
  reason: string;
  recipient: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface PremiPayoutsTable {
  id: Generated<string>;
  unit_id: string;
  inmate_id: string;
  number: string;
  paid_on: string;
  saved: Money;
  spendable: Money;
  method: 'tunai' | 'transfer';
  reference: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface PremiTransfersTable {
  id: Generated<string>;
  from_unit_id: string;
  from_inmate_id: string;
  to_unit_id: string;
  to_inmate_id: string | null;
  saved: Money;
  spendable: Money;
  sent_on: string;
  received_on: string | null;
  sent_by: string | null;
  received_by: string | null;
  created_at: Generated<Date>;
}

export interface PnbpDepositsTable {
  id: Generated<string>;
  unit_id: string;
  deposited_on: string;
  amount: Money;
  billing_code: string;
  ntpn: string;
  period: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export type PremiNationalStatus = 'queued' | 'running' | 'done' | 'failed';

/** A national month's draft runs as a job (migration 0022): its progress and the units not prepared. */
export interface PremiNationalJobsTable {
  id: Generated<string>;
  month: string;
  requested_by: string | null;
  status: ColumnType<PremiNationalStatus, PremiNationalStatus | undefined, PremiNationalStatus>;
  total: Generated<number>;
  done: Generated<number>;
  skipped: Generated<number>;
  failed: Generated<number>;
  errors: ColumnType<unknown, string | undefined, string>;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
}

export type RequestStatus = 'pending' | 'approved' | 'rejected';

/** A petugas's request to open a locked session's attendance again (0024); the Kepala decides. */
export interface AttendanceUnlockRequestsTable {
  id: Generated<string>;
  unit_id: string;
  session_id: string;
  reason: string;
  status: Generated<RequestStatus>;
  requested_by: string | null;
  requested_at: Generated<Date>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  unlocked_until: Timestamp | null;
}

/** A petugas's request to revoke a certificate (0024); the Kepala revokes it or rejects. */
export interface CertificateRevocationRequestsTable {
  id: Generated<string>;
  unit_id: string;
  certificate_id: string;
  reason: string;
  status: Generated<RequestStatus>;
  requested_by: string | null;
  requested_at: Generated<Date>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
}

export type MonthlyReportStatus = 'draft' | 'submitted' | 'acknowledged' | 'returned';

/** A unit's monthly report, one row per version (0028); `figures` is the snapshot frozen at submission. */
export interface MonthlyReportsTable {
  id: Generated<string>;
  unit_id: string;
  /** The month's first day, 'YYYY-MM-01'. */
  month: string;
  version: Generated<number>;
  status: Generated<MonthlyReportStatus>;
  narrative: Generated<string>;
  revision_reason: string | null;
  figures: Json;
  drafted_by: string | null;
  signed_by: string | null;
  signed_on: string | null;
  submitted_at: Timestamp | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  review_note: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** Whole rupiah or a large count in a bigint column: PostgreSQL returns it as a string. */
type BigCount = ColumnType<string, number | string | undefined, number | string>;
type Count = ColumnType<number, number | undefined, number>;

/** The figures of one programme or unit in one month (0027): MonthFigures in rollups.figures.ts. */
export interface RollupFiguresColumns {
  month: string;
  participants_narapidana: Count;
  participants_tahanan: Count;
  participants_intern: Count;
  participants_staff: Count;
  participants_total: Count;
  enrolled: Count;
  completed: Count;
  sessions_held: Count;
  sessions_cancelled: Count;
  marks_hadir: Count;
  marks_terlambat: Count;
  marks_izin: Count;
  marks_sakit: Count;
  marks_alpa: Count;
  marks_dispensasi: Count;
  competencies: Count;
  certificates: Count;
  certificates_revoked: Count;
  items_finished: BigCount;
  items_checked: BigCount;
  items_passed: BigCount;
  offtake_value: BigCount;
  sales_count: Count;
  sales_value: BigCount;
  computed_at: Generated<Date>;
}

/** Reintegration outcomes of the people released in the row's month (0031), by rollups.repo.ts. */
export interface RollupOutcomeColumns {
  outcome_released: Count;
  outcome_followed_up: Count;
  outcome_m6: Count;
  outcome_m6_working: Count;
  outcome_m12: Count;
  outcome_m12_reoffended: Count;
}

/** A unit's month (0027), recounted from the records by rollups.repo.ts; derived, never audited. */
export interface RollupUnitMonthsTable extends RollupFiguresColumns, RollupOutcomeColumns {
  unit_id: string;
  programmes_running: Count;
  program_aksi_served: Count;
  premi: BigCount;
  pnbp: BigCount;
  capital: BigCount;
  pnbp_deposited: BigCount;
  agreements_new: Count;
  agreements_ending: Count;
  agreements_active: Count;
  partners_active: Count;
}

export interface RollupProgrammeMonthsTable extends RollupFiguresColumns, RollupOutcomeColumns {
  unit_id: string;
  programme_id: string;
}

/** A unit-month a write touched, logged by the 0027 triggers until the recount handles it. */
export interface RollupDirtyTable {
  id: Generated<string>;
  unit_id: string;
  month: string;
  marked_at: Generated<Date>;
}

// Issue 16: release and reintegration (migration 0030).
export type IntegrasiKind = 'PB' | 'CB' | 'CMB';
export type ReleaseKind = 'ekspirasi' | IntegrasiKind;
export type ReleasePlan = 'work' | 'umkm' | 'training' | 'none_yet';

/** One person's way out: the integrasi decree, the plan, contacts after release, the release. */
export interface ReintegrationCasesTable {
  id: Generated<string>;
  inmate_id: string;
  unit_id: string;
  integrasi_kind: IntegrasiKind | null;
  integrasi_date: string | null;
  decree_number: string | null;
  decree_date: string | null;
  plan: ReleasePlan | null;
  guarantor_name: string | null;
  guarantor_relation: string | null;
  guarantor_phone: string | null;
  address_after_release: string | null;
  bank_name: string | null;
  bank_account: string | null;
  bapas_unit_id: string | null;
  pk_user_id: string | null;
  released_on: string | null;
  release_kind: ReleaseKind | null;
  pseudonymised_at: Timestamp | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ReadinessTemplatesTable {
  id: Generated<string>;
  unit_id: string;
  label: string;
  days_before: Generated<number>;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export type ReadinessKind =
  | 'ktp'
  | 'bank_account'
  | 'certificates'
  | 'cv'
  | 'guarantor'
  | 'plan'
  | 'bapas_pk'
  | 'custom';
export type ReadinessStatus = 'open' | 'done' | 'not_applicable';

export interface ReadinessItemsTable {
  id: Generated<string>;
  case_id: string;
  unit_id: string;
  kind: ReadinessKind;
  template_id: string | null;
  label: string | null;
  owner_id: string | null;
  due_on: string;
  status: Generated<ReadinessStatus>;
  note: string | null;
  done_on: string | null;
  done_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type ConsentPurpose = 'cv_sharing' | 'follow_up';

export interface ReintegrationConsentsTable {
  id: Generated<string>;
  inmate_id: string;
  unit_id: string;
  purpose: ConsentPurpose;
  given_on: string;
  note: string | null;
  recorded_by: string | null;
  withdrawn_on: string | null;
  withdrawn_by: string | null;
  created_at: Generated<Date>;
}

export type PayBasis = 'month' | 'week' | 'day' | 'piece';

export interface JobOffersTable {
  id: Generated<string>;
  unit_id: string;
  partner_id: string;
  position: string;
  place: string;
  home_based: Generated<boolean>;
  pay_from: Money | null;
  pay_to: Money | null;
  pay_basis: PayBasis | null;
  requirements: Generated<string>;
  skill_area: string | null;
  competencies: Generated<string[]>;
  opens_on: string;
  closes_on: string;
  status: Generated<'open' | 'closed'>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type ApplicationStatus = 'diajukan' | 'wawancara' | 'diterima' | 'ditolak' | 'mundur';

export interface JobApplicationsTable {
  id: Generated<string>;
  offer_id: string;
  inmate_id: string;
  unit_id: string;
  partner_id: string;
  status: Generated<ApplicationStatus>;
  applied_on: string;
  status_on: string;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface JobApplicationEventsTable {
  id: Generated<string>;
  application_id: string;
  status: ApplicationStatus;
  on_date: string;
  note: string | null;
  recorded_by: string | null;
  created_at: Generated<Date>;
}

export interface BusinessPlansTable {
  id: Generated<string>;
  inmate_id: string;
  unit_id: string;
  business_name: string | null;
  trade: string;
  description: Generated<string>;
  product_ids: Generated<string[]>;
  location: string | null;
  capital_needed: Money | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type AssistanceKind = 'starter_kit' | 'capital' | 'training' | 'other';

export interface BusinessAssistanceTable {
  id: Generated<string>;
  plan_id: string;
  unit_id: string;
  kind: AssistanceKind;
  item: string;
  value: Money;
  giver: string;
  partner_id: string | null;
  given_on: string;
  recorded_by: string | null;
  created_at: Generated<Date>;
}

export type FollowUpMonth = 1 | 3 | 6 | 12;
export type WorkStatus = 'employed' | 'own_business' | 'not_working';
export type IncomeBand = 'none' | 'lt_1m' | '1m_3m' | '3m_5m' | 'gt_5m';

export interface FollowUpsTable {
  id: Generated<string>;
  inmate_id: string;
  unit_id: string;
  month_no: FollowUpMonth;
  contacted_on: string;
  contact_lost: Generated<boolean>;
  work_status: WorkStatus | null;
  income_band: IncomeBand | null;
  in_trade: boolean | null;
  reoffended: Generated<boolean>;
  note: string | null;
  recorded_by: string | null;
  by_bapas: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RetentionRunsTable {
  id: Generated<string>;
  run_on: string;
  retention_years: number;
  cutoff: string;
  people: Generated<number>;
  details: ColumnType<Record<string, number>, string | undefined, string>;
  triggered_by: string | null;
  created_at: Generated<Date>;
}

// Humas (0033): news from recorded events, photos for the public, the gallery, order inquiries.
export type NewsEventKind =
  | 'agreement'
  | 'programme'
  | 'certificates'
  | 'bazaar'
  | 'visit'
  | 'placement'
  | 'other';
export type NewsStatus = 'draft' | 'submitted' | 'approved' | 'published' | 'unpublished';
export type PhotoConfirmation = 'no_identifiable' | 'consent';
export type OrderDelivery = 'pickup' | 'delivery';
export type OrderInquiryStatus = 'pending' | 'confirmed' | 'declined';

export interface ImageVariantsTable {
  file_id: string;
  size: 'thumb';
  mime: string;
  width: number;
  height: number;
  content: Buffer;
  created_at: Generated<Date>;
}

export interface NewsItemsTable {
  id: Generated<string>;
  unit_id: string;
  slug: string;
  event_kind: NewsEventKind;
  event_id: string | null;
  event_day: string;
  lang: Generated<'id' | 'en'>;
  title: string;
  dateline: string;
  lead: string;
  body_html: Generated<string>;
  quote: string | null;
  quote_by: string | null;
  status: Generated<NewsStatus>;
  return_note: string | null;
  submitted_at: Date | null;
  submitted_by: string | null;
  approved_at: Date | null;
  approved_by: string | null;
  published_at: Date | null;
  published_by: string | null;
  unpublished_at: Date | null;
  unpublished_by: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface NewsPhotosTable {
  id: Generated<string>;
  news_id: string;
  file_id: string;
  position: Generated<number>;
  caption: string | null;
  confirmation: PhotoConfirmation | null;
  consent_note: string | null;
  confirmed_by: string | null;
  confirmed_at: Date | null;
  created_at: Generated<Date>;
}

export interface GalleryEntriesTable {
  id: Generated<string>;
  unit_id: string;
  product_id: string;
  blurb: string | null;
  photo_file_id: string | null;
  photo_confirmation: PhotoConfirmation | null;
  photo_consent_note: string | null;
  photo_confirmed_by: string | null;
  photo_confirmed_at: Date | null;
  published: Generated<boolean>;
  published_at: Date | null;
  published_by: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface OrderInquiriesTable {
  id: Generated<string>;
  unit_id: string;
  reference: string;
  product_id: string;
  qty: number;
  buyer_name: string;
  buyer_whatsapp: string;
  delivery: OrderDelivery;
  address: string | null;
  note: string | null;
  status: Generated<OrderInquiryStatus>;
  sale_id: string | null;
  decline_reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  address_hash: string;
  created_at: Generated<Date>;
}

export interface PublicPostAttemptsTable {
  id: Generated<string>;
  address_hash: string;
  form: string;
  at: Generated<Date>;
}

export interface PowSolutionsUsedTable {
  signature: string;
  expires_at: Date;
}

export interface Database {
  image_variants: ImageVariantsTable;
  news_items: NewsItemsTable;
  news_photos: NewsPhotosTable;
  gallery_entries: GalleryEntriesTable;
  order_inquiries: OrderInquiriesTable;
  public_post_attempts: PublicPostAttemptsTable;
  pow_solutions_used: PowSolutionsUsedTable;
  monthly_reports: MonthlyReportsTable;
  attendance_unlock_requests: AttendanceUnlockRequestsTable;
  certificate_revocation_requests: CertificateRevocationRequestsTable;
  journal_entries: JournalEntriesTable;
  journal_lines: JournalLinesTable;
  premi_runs: PremiRunsTable;
  premi_run_groups: PremiRunGroupsTable;
  premi_run_lines: PremiRunLinesTable;
  premi_run_items: PremiRunItemsTable;
  premi_withdrawals: PremiWithdrawalsTable;
  premi_payouts: PremiPayoutsTable;
  premi_transfers: PremiTransfersTable;
  pnbp_deposits: PnbpDepositsTable;
  premi_national_jobs: PremiNationalJobsTable;
  document_counters: DocumentCountersTable;
  product_kinds: ProductKindsTable;
  products: ProductsTable;
  materials: MaterialsTable;
  bill_of_materials: BillOfMaterialsTable;
  production_entries: ProductionEntriesTable;
  production_entry_materials: ProductionEntryMaterialsTable;
  stock_adjustments: StockAdjustmentsTable;
  stock_adjustment_lines: StockAdjustmentLinesTable;
  qc_batches: QcBatchesTable;
  qc_batch_lines: QcBatchLinesTable;
  qc_rejects: QcRejectsTable;
  offtake_invoices: OfftakeInvoicesTable;
  offtake_invoice_batches: OfftakeInvoiceBatchesTable;
  offtake_payments: OfftakePaymentsTable;
  sales: SalesTable;
  sale_lines: SaleLinesTable;
  product_movements: ProductMovementsTable;
  material_movements: MaterialMovementsTable;
  attendance_marks: AttendanceMarksTable;
  attendance_corrections: AttendanceCorrectionsTable;
  batch_submissions: BatchSubmissionsTable;
  session_journals: SessionJournalsTable;
  session_journal_units: SessionJournalUnitsTable;
  session_journal_instructors: SessionJournalInstructorsTable;
  competency_assessments: CompetencyAssessmentsTable;
  certificates: CertificatesTable;
  intakes: IntakesTable;
  intake_candidates: IntakeCandidatesTable;
  tpp_sessions: TppSessionsTable;
  enrolments: EnrolmentsTable;
  holidays: HolidaysTable;
  programmes: ProgrammesTable;
  programme_program_aksi: ProgrammeProgramAksiTable;
  curriculum_units: CurriculumUnitsTable;
  programme_instructors: ProgrammeInstructorsTable;
  schedules: SchedulesTable;
  programme_sessions: ProgrammeSessionsTable;
  inmate_imports: InmateImportsTable;
  inmates: InmatesTable;
  inmate_status_history: InmateStatusHistoryTable;
  register_f_entries: RegisterFEntriesTable;
  inmate_expiry_changes: InmateExpiryChangesTable;
  program_aksi: ProgramAksiTable;
  partners: PartnersTable;
  agreements: AgreementsTable;
  agreement_terms: AgreementTermsTable;
  agreement_program_aksi: AgreementProgramAksiTable;
  files: FilesTable;
  agreement_evaluations: AgreementEvaluationsTable;
  evaluation_actions: EvaluationActionsTable;
  notifications: NotificationsTable;
  kanwil: KanwilTable;
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  signin_attempts: SigninAttemptsTable;
  audit_log: AuditLogTable;
  audit_personal: AuditPersonalTable;
  audit_checkpoints: AuditCheckpointsTable;
  privacy_legal_basis: PrivacyLegalBasisTable;
  privacy_breaches: PrivacyBreachesTable;
  privacy_breach_notifications: PrivacyBreachNotificationsTable;
  inmate_access_log: InmateAccessLogTable;
  rollup_unit_months: RollupUnitMonthsTable;
  rollup_programme_months: RollupProgrammeMonthsTable;
  rollup_dirty: RollupDirtyTable;
  reintegration_cases: ReintegrationCasesTable;
  readiness_templates: ReadinessTemplatesTable;
  readiness_items: ReadinessItemsTable;
  reintegration_consents: ReintegrationConsentsTable;
  job_offers: JobOffersTable;
  job_applications: JobApplicationsTable;
  job_application_events: JobApplicationEventsTable;
  business_plans: BusinessPlansTable;
  business_assistance: BusinessAssistanceTable;
  follow_ups: FollowUpsTable;
  retention_runs: RetentionRunsTable;
}
