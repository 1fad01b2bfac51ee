// Who may do what, in one place. Routes declare a permission; roles grant permissions; a scope
// says which units' records a user may see. Reads and writes are separate permissions so that
// read-only roles (kanwil, pusat) can never write (the Kanwil only acknowledges or returns its
// region's monthly reports, reports.review).
import type { Role } from '../db/schema.ts';
import { isNational, type Scope } from './scope.ts';

export const ROLES: readonly Role[] = [
  'admin',
  'kepala_upt',
  'petugas',
  'instruktur_mitra',
  'kanwil',
  'pusat',
  'humas',
  'pembimbing_kemasyarakatan',
];

export const PERMISSIONS = [
  'public',
  'self',
  'dashboard.view',
  'units.view',
  'units.manage',
  'users.manage',
  'audit.view',
  'reference.manage',
  'partners.view',
  'partners.manage',
  'agreements.view',
  'agreements.manage',
  'agreements.sign',
  'inmates.view',
  'inmates.manage',
  'holidays.view',
  'holidays.manage',
  'programmes.view',
  'programmes.manage',
  'selection.view',
  'selection.manage',
  'selection.approve',
  'attendance.view',
  'attendance.record',
  'attendance.unlock',
  'journal.photos',
  'competencies.assess',
  'certificates.issue',
  'certificates.revoke',
  // UU 27/2022: the legal basis table (read), the breach register, who viewed an inmate's record.
  'privacy.basis.view',
  'privacy.breaches.view',
  'privacy.breaches.manage',
  'privacy.access_log',
  // Production (#11): the catalogue, the production log with its makers, the partner's quality
  // check, stock of materials and finished goods, sales; totals without names for the offices.
  'products.view',
  'products.manage',
  'production.view',
  'production.record',
  'production.totals',
  'quality.check',
  'stock.view',
  'stock.manage',
  'stock.approve',
  'sales.view',
  'sales.record',
  'sales.approve',
  // Premi and PNBP (#12): the unit's staff prepare runs, withdrawals and deposits; the head of the
  // unit approves runs and pays out at release; the offices read totals per unit, never a person.
  'premi.view',
  'premi.prepare',
  'premi.approve',
  'premi.payout',
  'premi.totals',
  // Starting the month's draft runs of every unit at once (a job): a national administrator's.
  'premi.national',
  // The Kepala UPT's approvals inbox (#13): everything waiting for the head of the unit's decision.
  'approvals.view',
  // Monthly reports (#14): the unit's staff draft the month's report and write its narrative; the
  // head of the unit signs and submits it (the figures freeze); the Kanwil acknowledges or returns
  // its region's reports; the offices and units read the monthly aggregates (counts and sums only).
  'reports.view',
  'reports.draft',
  'reports.submit',
  'reports.review',
  'rollups.view',
  // Release and reintegration (#16): the unit's staff keep the release pipeline, the readiness
  // checklist, consents and the UMKM plan; job offers are posted by the unit or the partner's
  // instructor (their own partner's only); follow-ups are recorded by the unit or by the Bapas
  // probation officer assigned to the person; outcomes are counts for every reader of reports.
  'reintegration.view',
  'reintegration.manage',
  'jobs.view',
  'jobs.manage',
  'followups.record',
  'outcomes.view',
  // UU 27/2022: what the retention job did, and everything held about one person (a lawful request).
  'privacy.retention',
  // Running the retention job by hand pseudonymises people of every unit: a national administrator's.
  'privacy.retention_run',
  'privacy.subject_export',
  // Humas (#17): public relations drafts news from recorded events and publishes it once the head
  // of the unit approved it, and keeps the public product gallery; the unit's staff confirm the
  // public's order inquiries into sales. The public reads only what is published ('public').
  'news.view',
  'news.draft',
  'news.approve',
  'news.publish',
  'gallery.manage',
  'orders.view',
  'orders.confirm',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** 'public' needs no sign-in; 'self' is any signed-in user acting on their own account. */
const READ: readonly Permission[] = [
  'self',
  'dashboard.view',
  'units.view',
  'partners.view',
  'agreements.view',
  'holidays.view',
  'programmes.view',
  'privacy.basis.view',
  'products.view',
];
/** What the unit's Giatja staff (petugas) and its head both do with production, stock and sales. */
const PRODUCTION_STAFF: readonly Permission[] = [
  'products.manage',
  'production.view',
  'production.record',
  'production.totals',
  'quality.check',
  'stock.view',
  'stock.manage',
  'sales.view',
  'sales.record',
  'premi.view',
  'premi.prepare',
  'premi.totals',
];
/** What the unit's staff (petugas) and its head both do for release and reintegration. */
const REINTEGRATION_STAFF: readonly Permission[] = [
  'reintegration.view',
  'reintegration.manage',
  'jobs.view',
  'jobs.manage',
  'followups.record',
  'outcomes.view',
];
const GRANTS: Record<Role, readonly Permission[]> = {
  admin: [
    ...READ,
    'units.manage',
    'users.manage',
    'audit.view',
    'reference.manage',
    'partners.manage',
    'agreements.manage',
    'holidays.manage',
    'programmes.manage',
    'inmates.view',
    'inmates.manage',
    'selection.view',
    'selection.manage',
    'attendance.view',
    // Breaches are notified within 3 x 24 h; the access log is read by those who answer for the unit.
    'privacy.breaches.view',
    'privacy.breaches.manage',
    'privacy.access_log',
    'premi.national',
    'rollups.view',
    'privacy.retention',
    'privacy.retention_run',
    'privacy.subject_export',
  ],
  kepala_upt: [
    ...READ,
    'audit.view',
    'partners.manage',
    'agreements.manage',
    'agreements.sign',
    'holidays.manage',
    'programmes.manage',
    // Inmate data is specific personal data (UU 27/2022): only staff and supervisors see it.
    'inmates.view',
    'inmates.manage',
    'selection.view',
    'selection.manage',
    // The TPP recommends; the head of the unit approves its decision.
    'selection.approve',
    'attendance.view',
    'attendance.record',
    // A session's record locks after some days; only the head of the unit may change it then.
    'attendance.unlock',
    'journal.photos',
    'competencies.assess',
    'certificates.issue',
    'certificates.revoke',
    ...PRODUCTION_STAFF,
    // Stock-take differences, write-offs and sale cancellations are the head of the unit's to approve.
    'stock.approve',
    'sales.approve',
    'premi.approve',
    'premi.payout',
    'privacy.breaches.view',
    'privacy.breaches.manage',
    'privacy.access_log',
    'approvals.view',
    'reports.view',
    'reports.draft',
    // Only the head of the unit signs the month's report and sends it to the Kanwil.
    'reports.submit',
    'rollups.view',
    ...REINTEGRATION_STAFF,
    'privacy.retention',
    'privacy.subject_export',
    // News is published only after the head of the unit approved it; orders become sales.
    'news.view',
    'news.approve',
    'orders.view',
    'orders.confirm',
  ],
  petugas: [
    ...READ,
    'partners.manage',
    'agreements.manage',
    'holidays.manage',
    'programmes.manage',
    'inmates.view',
    'inmates.manage',
    'selection.view',
    'selection.manage',
    'attendance.view',
    'attendance.record',
    'journal.photos',
    'competencies.assess',
    'certificates.issue',
    ...PRODUCTION_STAFF,
    'reports.view',
    'reports.draft',
    'rollups.view',
    ...REINTEGRATION_STAFF,
    // The public's order inquiries from the gallery: confirmed into a sale, or declined.
    'orders.view',
    'orders.confirm',
  ],
  // An instructor sees only their own partner's records: repos narrow by partner, not by role.
  instruktur_mitra: [
    'self',
    'dashboard.view',
    'partners.view',
    'agreements.view',
    'holidays.view',
    'programmes.view',
    // Only for their own partner's programmes: services check the programme's partner.
    'attendance.view',
    'attendance.record',
    'competencies.assess',
    'products.view',
    'production.view',
    'production.record',
    'quality.check',
    // Their own partner's job offers, and only candidates who consented to share their CV.
    'jobs.view',
    'jobs.manage',
  ],
  // Offices above the units read roll-ups, not people: no inmate names unless a later,
  // case-by-case grant says they need them (domain brief, "who uses the product").
  // The Kanwil reviews (acknowledges or returns) its own region's monthly reports.
  kanwil: [
    ...READ,
    'audit.view',
    'production.totals',
    'premi.totals',
    'reports.view',
    'reports.review',
    'rollups.view',
    'outcomes.view',
  ],
  pusat: [
    ...READ,
    'audit.view',
    'production.totals',
    'premi.totals',
    'reports.view',
    'rollups.view',
    'outcomes.view',
  ],
  // Public relations publishes the class's documentation photos, never the register.
  // They draft news from recorded events, publish it once approved, and keep the public gallery.
  humas: [...READ, 'journal.photos', 'news.view', 'news.draft', 'news.publish', 'gallery.manage'],
  // A Bapas probation officer (PK): only the people whose case names them (their scope), to record
  // follow-ups after release; nothing of the unit's register.
  pembimbing_kemasyarakatan: ['self', 'dashboard.view', 'reintegration.view', 'followups.record'],
};

/**
 * National reference data (national holidays, cuti bersama, Program Aksi) and the unit tree (units,
 * Kanwil) are the same for every unit, so only a user whose home is national (no unit, no Kanwil)
 * may hold these permissions; a unit or Kanwil administrator manages its own users only.
 */
export const NATIONAL_ONLY: readonly Permission[] = [
  'units.manage',
  'reference.manage',
  'premi.national',
  'privacy.retention_run',
];

/** Who asks: their roles and the units they may see. A bare role list never counts as national. */
export type Grantee = readonly Role[] | { roles: readonly Role[]; scope: Scope };

export function permissionsOf(who: Grantee): Set<Permission> {
  const roles = 'roles' in who ? who.roles : (who as readonly Role[]);
  const national = 'scope' in who && isNational(who.scope);
  const set = new Set<Permission>(['public']);
  for (const r of roles) for (const p of GRANTS[r]) if (national || !NATIONAL_ONLY.includes(p)) set.add(p);
  return set;
}

export function can(who: Grantee, permission: Permission): boolean {
  return permission === 'public' || permissionsOf(who).has(permission);
}

/** Roles that must be tied to a unit (staff) and those tied to a regional office. */
export const UNIT_ROLES: readonly Role[] = [
  'kepala_upt',
  'petugas',
  'instruktur_mitra',
  'humas',
  'pembimbing_kemasyarakatan',
];

export function homeRuleFor(roles: readonly Role[]): 'unit' | 'kanwil' | 'any' {
  if (roles.some((r) => UNIT_ROLES.includes(r))) return 'unit';
  if (roles.includes('kanwil')) return 'kanwil';
  return 'any';
}
