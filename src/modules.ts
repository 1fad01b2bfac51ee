// The one list of feature modules: the composition root registers their routes in this order (the
// order of the OpenAPI document's paths), starts their jobs, and adds their texts to the dictionary.
import { registerMessages } from './app/i18n.ts';
import type { AppModule } from './app/module.ts';
import { accountModule } from './modules/account/account.module.ts';
import { agreementsModule } from './modules/agreements/agreements.module.ts';
import { agreement } from './modules/agreements/agreements.policy.ts';
import { listAgreements } from './modules/agreements/agreements.service.ts';
import { approvalsModule } from './modules/approvals/approvals.module.ts';
import { attendanceModule } from './modules/attendance/attendance.module.ts';
import { attendanceReportsModule } from './modules/attendance-reports/attendance-reports.module.ts';
import { auditModule } from './modules/audit/audit.module.ts';
import { authModule } from './modules/auth/auth.module.ts';
import { batchesModule } from './modules/batches/batches.module.ts';
import { businessModule } from './modules/business/business.module.ts';
import { certificatesModule } from './modules/certificates/certificates.module.ts';
import { certificatesOfInmate } from './modules/certificates/certificates.service.ts';
import { competenciesModule } from './modules/competencies/competencies.module.ts';
import { cvModule } from './modules/cv/cv.module.ts';
import { dashboardModule } from './modules/dashboard/dashboard.module.ts';
import { enrolmentsModule } from './modules/enrolments/enrolments.module.ts';
import { filesModule } from './modules/files/files.module.ts';
import { followUpsModule } from './modules/follow-ups/follow-ups.module.ts';
import { galleryModule } from './modules/gallery/gallery.module.ts';
import { holidaysModule } from './modules/holidays/holidays.module.ts';
import { inmatesModule } from './modules/inmates/inmates.module.ts';
import { jobOffersModule } from './modules/job-offers/job-offers.module.ts';
import { journalModule } from './modules/journal/journal.module.ts';
import { materialsModule } from './modules/materials/materials.module.ts';
import { newsModule } from './modules/news/news.module.ts';
import { offlineModule } from './modules/offline/offline.module.ts';
import { offtakeModule } from './modules/offtake/offtake.module.ts';
import { ordersModule } from './modules/orders/orders.module.ts';
import { outcomesModule } from './modules/outcomes/outcomes.module.ts';
import { outcomeLines } from './modules/outcomes/outcomes.service.ts';
import { partnersModule } from './modules/partners/partners.module.ts';
import { pnbpModule } from './modules/pnbp/pnbp.module.ts';
import { premiModule } from './modules/premi/premi.module.ts';
import { premiExportsModule } from './modules/premi-exports/premi-exports.module.ts';
import { premiNationalModule } from './modules/premi-national/premi-national.module.ts';
import { privacyModule } from './modules/privacy/privacy.module.ts';
import { productionModule } from './modules/production/production.module.ts';
import { productionReportsModule } from './modules/production-reports/production-reports.module.ts';
import { productsModule } from './modules/products/products.module.ts';
import { product } from './modules/products/products.policy.ts';
import { programAksiModule } from './modules/program-aksi/program-aksi.module.ts';
import { programAksiIndicatorsModule } from './modules/program-aksi-indicators/program-aksi-indicators.module.ts';
import { programmesModule } from './modules/programmes/programmes.module.ts';
import { listProgrammes } from './modules/programmes/programmes.service.ts';
import { publicSiteModule } from './modules/public-site/public-site.module.ts';
import { qualityModule } from './modules/quality/quality.module.ts';
import { reintegrationModule } from './modules/reintegration/reintegration.module.ts';
import { reportsModule } from './modules/reports/reports.module.ts';
import { reportStatuses } from './modules/reports/reports.service.ts';
import { retentionModule } from './modules/retention/retention.module.ts';
import { rollupsModule } from './modules/rollups/rollups.module.ts';
import { rollupPagesModule } from './modules/rollups/rollups.pages.ts';
import { salesModule } from './modules/sales/sales.module.ts';
import { savingsModule } from './modules/savings/savings.module.ts';
import { selectionModule } from './modules/selection/selection.module.ts';
import { stockModule } from './modules/stock/stock.module.ts';
import { subjectAccessModule } from './modules/subject-access/subject-access.module.ts';
import { systemModule } from './modules/system/system.module.ts';
import { unitsModule } from './modules/units/units.module.ts';
import { usersModule } from './modules/users/users.module.ts';

export const MODULES: readonly AppModule[] = [
  systemModule,
  // The service worker of the hall pages (#13): the roll call and production log without a signal.
  offlineModule,
  authModule,
  dashboardModule,
  accountModule,
  unitsModule,
  usersModule,
  auditModule,
  programAksiModule,
  programAksiIndicatorsModule,
  // A partner's page lists its agreements and programmes; those modules depend on partners.
  partnersModule({
    agreements: async (ctx, partnerId) => (await listAgreements(ctx, { partnerId, page: 1 })).rows,
    programmes: async (ctx, partnerId) => (await listProgrammes(ctx, { partnerId, page: 1 })).rows,
  }),
  agreementsModule,
  // Who may download a file is who may see the record that owns it.
  filesModule({ agreement: (ctx, id) => agreement(ctx, id), product: (ctx, id) => product(ctx, id) }),
  holidaysModule,
  programmesModule,
  certificatesModule,
  batchesModule,
  attendanceModule,
  journalModule,
  competenciesModule,
  selectionModule,
  enrolmentsModule,
  // A person's page lists their certificates; certificates depend on the register.
  inmatesModule({ certificates: (ctx, inmateId) => certificatesOfInmate(ctx, inmateId) }),
  attendanceReportsModule,
  privacyModule,
  productionReportsModule,
  // Production (#11): every module that moves stock does it through the stock ledgers.
  stockModule,
  materialsModule,
  productsModule,
  productionModule,
  salesModule,
  qualityModule,
  offtakeModule,
  // Monthly premi runs (#12): computed, reviewed, approved and posted to the journal.
  premiModule,
  // The inmate's tabungan premi: ledger, withdrawals, payout at release, transfers (#12).
  savingsModule,
  // Premi (#12): PNBP, capital, the monthly reconciliation and the offices' totals.
  pnbpModule,
  // A run's workbook and premi slips.
  premiExportsModule,
  // Every unit's draft premi runs of a month as one job (national administrators).
  premiNationalModule,
  // The Kepala UPT's approvals inbox (#13): what waits in every module above, and the requests it decides.
  approvalsModule,
  // The monthly aggregates behind reports, roll-ups and dashboards (#14): the job that keeps them.
  rollupsModule,
  // The units' monthly reports (#14): drafted, signed and submitted, reviewed by the Kanwil.
  reportsModule,
  // The Kanwil's and Ditjenpas's roll-up pages (#14), with each unit's report status from the reports
  // and the reintegration outcomes (#16) of the year up to the month.
  rollupPagesModule({ reportStatuses, outcomeLines }),
  // Jobs for people leaving with a trade, and own-business (UMKM) plans (#16).
  jobOffersModule,
  businessModule,
  // Reintegration outcomes per unit and programme (#16), from the monthly aggregates.
  outcomesModule,
  // Release and reintegration (#16): the CV from the training record, and the data-subject export.
  cvModule,
  subjectAccessModule,
  // The release pipeline (#16): 30/90-day lists, a person's case, checklist, consents, the release.
  reintegrationModule,
  // Retention (#16, UU 27/2022): the daily pseudonymisation of released people past the period.
  retentionModule,
  // Follow-ups after release at 1, 3, 6 and 12 months, by the unit or the Bapas officer (#16).
  followUpsModule,
  // Humas (#17): news drafted from recorded events, approved and published; the product gallery;
  // the public's order inquiries; and each unit's public pages, feed and sitemap.
  newsModule,
  galleryModule,
  ordersModule,
  publicSiteModule,
];

// Every text is known before the first request, page or job needs it.
for (const mod of MODULES) for (const texts of mod.messages ?? []) registerMessages(texts);
