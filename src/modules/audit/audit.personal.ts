// Which audit fields are personal data, and who may read them: one table used when a record is
// written (personal values go to `audit_personal`, erasable) and when it is shown (redaction).
import type { Permission } from '../../app/policy.ts';

/**
 * For each audited entity: the permission a viewer needs to read such records elsewhere in the app,
 * and its personal fields. `allBut` lists the only fields that are not personal (for records that
 * describe a person, where a new field must be personal unless someone decides otherwise).
 */
export interface EntityRule {
  read: Permission;
  personal: readonly string[] | { allBut: readonly string[] };
}

const NONE: readonly string[] = [];

export const AUDIT_ENTITIES: Readonly<Record<string, EntityRule>> = {
  // Everything about an inmate is personal (UU 27/2022: criminal record and health are "specific"
  // data) except the ids that link the record to its unit and to the author.
  inmate: { read: 'inmates.view', personal: { allBut: ['unit_id', 'inmate_id', 'created_by'] } },
  inmate_import: {
    read: 'inmates.view',
    personal: ['filename', 'created', 'updated', 'reg_numbers', 'reason'],
  },
  // A place in a programme links to the person by id; the name (an inmate's or an intern's), the
  // intern's institution and period, notes and assessment evidence are personal.
  enrolment: {
    read: 'selection.view',
    personal: ['name', 'institution', 'period_from', 'period_to', 'status_note', 'note', 'evidence'],
  },
  intake_candidate: {
    read: 'selection.view',
    personal: ['scores', 'total', 'consent_note', 'note', 'reasons'],
  },
  tpp_session: { read: 'selection.view', personal: ['decisions', 'notes', 'minutes'] },
  // A session's roll call: per-person marks, notes ("sakit ...") and correction reasons.
  session: { read: 'attendance.view', personal: ['changes'] },
  // A day's production log: what each participant made (per-person counts by enrolment).
  production_log: { read: 'production.view', personal: ['changes'] },
  certificate: { read: 'selection.view', personal: ['hours', 'attendance_rate', 'reason'] },
  // Requests the Kepala UPT decides (0024): why a locked roll call should change or a certificate
  // be revoked, and the decision's note, may tell of a person (illness, a dispute).
  attendance_unlock_request: { read: 'attendance.view', personal: ['reason', 'decision_note'] },
  certificate_revocation_request: { read: 'selection.view', personal: ['reason', 'decision_note'] },
  // A quality-check batch's lines say what each participant made and how much of it passed.
  qc_batch: { read: 'production.view', personal: ['lines'] },
  offtake_invoice: { read: 'sales.view', personal: NONE },
  // The catalogue and the national list of product kinds: no person in them.
  product: { read: 'products.view', personal: NONE },
  product_kind: { read: 'products.view', personal: NONE },
  // A material's movements may name the participant it was issued to (by enrolment).
  material: { read: 'stock.view', personal: ['enrolmentId'] },
  stock_adjustment: { read: 'stock.view', personal: NONE },
  // Staff accounts: contact details and identity numbers are personal; roles and home are not.
  user: { read: 'users.manage', personal: ['full_name', 'nip', 'email', 'phone'] },
  file: { read: 'agreements.view', personal: ['filename'] },
  // A partner's contact people (names, phone numbers) are personal; the company's data is not.
  partner: { read: 'partners.view', personal: ['contacts'] },
  // Job offers (#16) name no person; an application says who applied where and how it went, and a
  // business plan and its assistance describe one person's life after release: all personal but
  // the ids that link them.
  job_offer: { read: 'jobs.view', personal: NONE },
  job_application: {
    read: 'jobs.view',
    personal: { allBut: ['offer_id', 'inmate_id', 'unit_id', 'partner_id', 'created_by'] },
  },
  business_plan: { read: 'reintegration.view', personal: { allBut: ['inmate_id', 'unit_id', 'created_by'] } },
  business_assistance: {
    read: 'reintegration.view',
    personal: { allBut: ['plan_id', 'unit_id', 'partner_id', 'recorded_by'] },
  },
  agreement: { read: 'agreements.view', personal: NONE },
  // A news item (#17) names no inmate (counts only); a photo's consent note may name who consented.
  news_item: { read: 'news.view', personal: ['consent_note'] },
  agreement_evaluation: { read: 'agreements.view', personal: NONE },
  evaluation_action: { read: 'agreements.view', personal: NONE },
  api_token: { read: 'audit.view', personal: NONE },
  unit: { read: 'units.view', personal: NONE },
  kanwil: { read: 'units.view', personal: NONE },
  holiday: { read: 'holidays.view', personal: NONE },
  // A follow-up after release: work, income, a re-offence (criminal record) and notes about one
  // person are personal; only the ids, the month and who recorded it are not.
  follow_up: {
    read: 'followups.record',
    personal: { allBut: ['unit_id', 'inmate_id', 'month_no', 'recorded_by', 'by_bapas'] },
  },
  program_aksi: { read: 'programmes.view', personal: NONE },
  programme: { read: 'programmes.view', personal: NONE },
  schedule: { read: 'programmes.view', personal: NONE },
  sessions: { read: 'programmes.view', personal: NONE },
  intake: { read: 'selection.view', personal: NONE },
  audit: { read: 'audit.view', personal: NONE },
  privacy_legal_basis: { read: 'privacy.basis.view', personal: NONE },
  // Premi (#12): what one inmate was credited, withdrew, was paid or carried to another unit is
  // personal financial data (keuangan/premi in the legal basis table); the document's number, day
  // and the ids that link it are not. A run, a deposit and the national job hold unit totals only.
  premi_withdrawal: {
    read: 'premi.view',
    personal: { allBut: ['unit_id', 'inmate_id', 'number', 'day', 'created_by'] },
  },
  premi_payout: {
    read: 'premi.view',
    personal: { allBut: ['unit_id', 'inmate_id', 'number', 'paid_on', 'method', 'created_by'] },
  },
  premi_transfer: {
    read: 'premi.view',
    personal: {
      allBut: [
        'from_unit_id',
        'from_inmate_id',
        'to_unit_id',
        'to_inmate_id',
        'sent_on',
        'received_on',
        'sent_by',
        'received_by',
      ],
    },
  },
  premi_run: { read: 'premi.view', personal: NONE },
  premi_national_job: { read: 'premi.national', personal: NONE },
  // A retention run's record holds counts per table only, never a person (issue 16).
  retention_run: { read: 'privacy.retention', personal: NONE },
  pnbp_deposit: { read: 'premi.view', personal: NONE },
  // A direct sale's buyer is a member of the public: their name and WhatsApp number are personal.
  sale: { read: 'sales.view', personal: ['buyer_name', 'buyer_phone'] },
  // An order inquiry from the public gallery: the buyer's name, WhatsApp number, address and note
  // (which may say anything about them) are personal; the product, quantity and decision are not.
  order_inquiry: { read: 'orders.view', personal: ['buyer_name', 'buyer_whatsapp', 'address', 'note'] },
  // A gallery entry shows a product; its photo's consent note says who agreed to be shown.
  gallery_entry: { read: 'gallery.manage', personal: ['photo_consent_note'] },
  // Release and reintegration (#16): a person's case (integrasi, plan, guarantor, address, bank,
  // release) and their checklist notes and consents are personal; the ids that link them are not.
  reintegration_case: {
    read: 'reintegration.view',
    personal: { allBut: ['inmate_id', 'unit_id', 'case_id', 'bapas_unit_id', 'pk_user_id', 'items'] },
  },
  readiness_item: {
    read: 'reintegration.view',
    personal: { allBut: ['case_id', 'kind', 'owner_id', 'due_on', 'status', 'done_on', 'done_by'] },
  },
  // A unit's own checklist item names a task, never a person.
  readiness_template: { read: 'reintegration.view', personal: NONE },
  reintegration_consent: {
    read: 'reintegration.view',
    personal: { allBut: ['inmate_id', 'unit_id', 'purpose', 'recorded_by'] },
  },
  // A unit's monthly report (#14) holds counts and sums and the staff's narrative, never a person.
  monthly_report: { read: 'reports.view', personal: NONE },
  // A breach's account may name the people affected and whom they were told by.
  privacy_breach: {
    read: 'privacy.breaches.view',
    personal: ['description', 'measures', 'notified_to', 'closing_note'],
  },
};

/** An entity nobody classified yet: shown to audit readers, with nothing treated as personal. */
const UNCLASSIFIED: EntityRule = { read: 'audit.view', personal: NONE };

export function ruleFor(entity: string): EntityRule {
  return Object.hasOwn(AUDIT_ENTITIES, entity) ? (AUDIT_ENTITIES[entity] ?? UNCLASSIFIED) : UNCLASSIFIED;
}

export function isPersonal(entity: string, key: string): boolean {
  const p = ruleFor(entity).personal;
  return 'allBut' in p ? !p.allBut.includes(key) : (p as readonly string[]).includes(key);
}

/** Stored in the chained record in place of a personal value that lives in `audit_personal`. */
export const PERSONAL = '[personal]';
/** Shown in place of a personal value the viewer may not read. */
export const REDACTED = '[redacted]';
/** Shown in place of a personal value erased when its retention ended. */
export const ERASED = '[erased]';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Splits a before/after value into what the chain keeps (personal values replaced by PERSONAL) and
 * the personal values themselves (null when there are none).
 */
export function splitPersonal(entity: string, value: unknown): { kept: unknown; personal: Obj | null } {
  if (!isObj(value)) return { kept: value ?? null, personal: null };
  const kept: Obj = {};
  const personal: Obj = {};
  let any = false;
  for (const [k, v] of Object.entries(value)) {
    if (isPersonal(entity, k) && v !== null && v !== undefined) {
      kept[k] = PERSONAL;
      personal[k] = v;
      any = true;
    } else kept[k] = v;
  }
  return { kept, personal: any ? personal : null };
}

export type PersonalState = 'none' | 'shown' | 'redacted' | 'erased';

/** A stored record as the repo reads it: the chained part and, when it had any, its personal part. */
export interface StoredRecord {
  entity: string;
  before: unknown;
  after: unknown;
  /** Null when the record had no personal part (or predates the split). */
  personal: { before: unknown; after: unknown; erased: boolean } | null;
}

/**
 * What a viewer sees of one record: personal values put back for those who may read the entity,
 * REDACTED for the others, ERASED once retention removed them. Also applies to records written
 * before the split (personal values inline), so no old record leaks either.
 */
export function presentRecord(
  rec: StoredRecord,
  mayRead: (p: Permission) => boolean,
): { before: unknown; after: unknown; personal: PersonalState } {
  const allowed = mayRead(ruleFor(rec.entity).read);
  let state: PersonalState = 'none';
  const side = (value: unknown, stored: unknown): unknown => {
    if (!isObj(value)) return value ?? null;
    const out: Obj = {};
    for (const [k, v] of Object.entries(value)) {
      if (!isPersonal(rec.entity, k) || v === null) {
        out[k] = v;
        continue;
      }
      if (!allowed) {
        out[k] = REDACTED;
        state = 'redacted';
      } else if (v !== PERSONAL) {
        out[k] = v;
        if (state === 'none') state = 'shown';
      } else if (!rec.personal || rec.personal.erased) {
        out[k] = ERASED;
        state = 'erased';
      } else {
        out[k] = isObj(stored) ? stored[k] : null;
        if (state === 'none') state = 'shown';
      }
    }
    return out;
  };
  const before = side(rec.before, rec.personal?.before);
  const after = side(rec.after, rec.personal?.after);
  return { before, after, personal: state };
}
