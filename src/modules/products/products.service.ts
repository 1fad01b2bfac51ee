// A unit's product catalogue: what each programme makes, where finished items go (the partner's
// quality check at its piece rate, or the unit's own sale stock), the bill of materials, the photo.
// The piece rate of a product on a day comes from the terms in force of its programme's agreement.
import { AppError, type FieldError, forbidden, invalid, isUniqueViolation } from '../../app/errors.ts';
import { formatDayShort } from '../../app/format.ts';
import { can } from '../../app/policy.ts';
import { type Ctx, isSystem, today } from '../../app/principal.ts';
import { inScope } from '../../app/scope.ts';
import type { ProductRoute } from '../../db/schema.ts';
import { agreement } from '../agreements/agreements.policy.ts';
import { pieceRateFor } from '../agreements/agreements.rules.ts';
import { termsOn } from '../agreements/agreements.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { removeFile, type Upload } from '../files/files.service.ts';
import { imageBytes, storeImage } from '../files/images.ts';
import { programme } from '../programmes/programmes.policy.ts';
import { product, productMay } from './products.policy.ts';
import * as repo from './products.repo.ts';
import { isPhotoBytes, movementQty, type ProductUom, rateNameOf } from './products.rules.ts';

export type { BomLine, ProductRow } from './products.repo.ts';

/** The owner type of a product's photo among stored files (src/modules.ts checks it on download). */
export const PHOTO_OWNER = 'product';

/** Products in the principal's scope, active first then by name, a page at a time. */
export function listProducts(
  ctx: Pick<Ctx, 'db' | 'who'>,
  f: Omit<repo.ProductFilter, 'page'> & { page?: number | undefined },
) {
  return repo.listProducts(ctx.db, ctx.who.scope, { ...f, page: f.page ?? 1 });
}

/**
 * The active products a programme makes, each with its bill of materials (the production log's
 * rows): `{ material_id, qty_per_item }` per line, with the material's name and unit of measure.
 */
export async function productsOfProgramme(ctx: Pick<Ctx, 'db' | 'who'>, programmeId: string) {
  return repo.activeProductsOf(ctx.db, ctx.who.scope, programmeId);
}

// --- The piece rate -------------------------------------------------------------------------------

/** 422 `production.rate_missing`: no piece rate for this product on this day, saying why. */
function rateMissing(
  key: 'products.rateMissing' | 'products.rateNoTerms' | 'products.rateNoAgreement',
  name: string,
  day: string,
) {
  return new AppError('production.rate_missing', 422, key, { name, day: formatDayShort(day) });
}

export interface RateInForce {
  rate: number;
  /** The programme's agreement (the base PKS; an addendum's terms count from its own date). */
  agreementId: string;
  /** The agreement or addendum whose terms hold the rate, and the day they took effect. */
  sourceId: string;
  effectiveFrom: string;
}

/**
 * The partner's piece rate for one item of the product on `day`: from the terms of its programme's
 * agreement in force that day (an addendum from its own date), under the product's name in the rate
 * table. Refused with 422 `production.rate_missing` when there is no such rate.
 */
export async function rateOn(
  ctx: Pick<Ctx, 'db' | 'who'>,
  productId: string,
  day: string,
): Promise<RateInForce> {
  const p = await product(ctx, productId);
  return rateOf(ctx, p, day);
}

async function rateOf(ctx: Pick<Ctx, 'db'>, p: repo.ProductRow, day: string): Promise<RateInForce> {
  if (!p.agreement_id) throw rateMissing('products.rateNoAgreement', p.name, day);
  const inForce = await termsOn(ctx, p.agreement_id, day);
  if (!inForce) throw rateMissing('products.rateNoTerms', p.name, day);
  const rate = pieceRateFor(inForce.terms, rateNameOf(p));
  if (rate === undefined) throw rateMissing('products.rateMissing', p.name, day);
  return {
    rate,
    agreementId: p.agreement_id,
    sourceId: inForce.terms.source_id,
    effectiveFrom: inForce.terms.effective_from,
  };
}

// --- Writes ---------------------------------------------------------------------------------------

export interface ProductInput {
  /** The product's unit when it has no programme; defaults to the user's unit. */
  unit_id?: string | undefined;
  programme_id?: string | null | undefined;
  kind_id: string;
  name: string;
  rate_name?: string | null | undefined;
  uom: ProductUom;
  route: ProductRoute;
  price?: number | null | undefined;
  description?: string | null | undefined;
  active?: boolean | undefined;
}

function mayManage(ctx: Pick<Ctx, 'who'>) {
  if (!(can(ctx.who, 'products.manage') || isSystem(ctx.who))) throw forbidden();
}

/** 409 with the name field marked: the unit already has a product by that name. */
const nameTaken = (name: string) =>
  new AppError('products.name_taken', 409, 'products.nameTaken', { name }, [
    { field: 'name', key: 'products.nameTaken', params: { name } },
  ]);

/**
 * The programme (if any) checked against the route and the unit: a partner's product is made by a
 * programme with a partner and an agreement; the programme is in the product's unit.
 */
async function checkProgramme(
  ctx: Pick<Ctx, 'db' | 'who'>,
  input: ProductInput,
  unitId: string | null,
  errors: FieldError[],
) {
  let pr: Awaited<ReturnType<typeof programme>> | undefined;
  if (input.programme_id) {
    pr = await programme(ctx, input.programme_id).catch(() => undefined);
    if (!pr) errors.push({ field: 'programme_id', key: 'products.programmeUnknown' });
    else if (unitId && pr.unit_id !== unitId)
      errors.push({ field: 'programme_id', key: 'products.programmeOtherUnit' });
  }
  if (input.route === 'partner' && !errors.some((e) => e.field === 'programme_id')) {
    if (!pr) errors.push({ field: 'programme_id', key: 'products.programmeNeeded' });
    else if (!pr.partner_id) errors.push({ field: 'programme_id', key: 'products.programmeNoPartner' });
    else if (!pr.agreement_id) errors.push({ field: 'programme_id', key: 'products.programmeNoAgreement' });
  }
  return pr;
}

function values(input: ProductInput): repo.ProductValues {
  const text = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
  return {
    programme_id: input.programme_id || null,
    kind_id: input.kind_id,
    name: input.name.trim(),
    rate_name: text(input.rate_name),
    uom: input.uom,
    route: input.route,
    price: input.price ?? null,
    description: text(input.description),
    active: input.active ?? true,
  };
}

export async function createProduct(ctx: Ctx, input: ProductInput): Promise<string> {
  mayManage(ctx);
  const errors: FieldError[] = [];
  const pr = await checkProgramme(ctx, input, input.unit_id ?? null, errors);
  const unitId = pr?.unit_id ?? input.unit_id ?? ctx.who.unitId;
  if (!unitId || !inScope(ctx.who.scope, unitId))
    errors.push({ field: 'unit_id', key: 'products.unitNeeded' });
  if (!(await repo.kindUsable(ctx.db, input.kind_id)))
    errors.push({ field: 'kind_id', key: 'products.kindUnknown' });
  if (errors.length > 0 || !unitId) throw invalid(errors);
  const v = { ...values(input), unit_id: unitId };
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      if (await repo.nameTaken(trx, unitId, v.name)) throw nameTaken(v.name);
      const id = await repo.insertProduct(trx, v);
      await recordAudit(trx, ctx.who.actor, {
        action: 'products.create',
        entity: 'product',
        entityId: id,
        unitId,
        after: v,
      });
      return id;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'products_unit_name_key')) throw nameTaken(v.name);
    throw err;
  }
}

export async function updateProduct(ctx: Ctx, id: string, input: ProductInput): Promise<void> {
  const current = await product(ctx, id, { for: 'manage' });
  const errors: FieldError[] = [];
  await checkProgramme(ctx, input, current.unit_id, errors);
  if (!(await repo.kindUsable(ctx.db, input.kind_id, current.kind_id)))
    errors.push({ field: 'kind_id', key: 'products.kindUnknown' });
  if (errors.length > 0) throw invalid(errors);
  const v = values(input);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const before = await repo.lockProductRow(trx, current.id);
      // A movement's effect on the stock columns depends on the route (stock.rules productEffect).
      if (v.route !== before.route && (await repo.hasMovements(trx, current.id)))
        throw new AppError('products.route_locked', 409, 'products.routeLocked', {}, [
          { field: 'route', key: 'products.routeLocked' },
        ]);
      if (await repo.nameTaken(trx, current.unit_id, v.name, current.id)) throw nameTaken(v.name);
      await repo.updateProduct(trx, current.id, v);
      await recordAudit(trx, ctx.who.actor, {
        action: 'products.update',
        entity: 'product',
        entityId: current.id,
        unitId: current.unit_id,
        before,
        after: v,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'products_unit_name_key')) throw nameTaken(v.name);
    throw err;
  }
}

/**
 * Replaces the product's bill of materials: each line a material of the product's unit (active,
 * or already listed) and a whole quantity per item above zero, each material once.
 */
export async function setBillOfMaterials(
  ctx: Ctx,
  productId: string,
  lines: readonly repo.BomLine[],
): Promise<void> {
  const p = await product(ctx, productId, { for: 'manage' });
  const before = await repo.bomOf(ctx.db, [p.id]);
  const listed = new Set(before.map((b) => b.material_id));
  const found = new Map(
    (
      await repo.materialsByIds(
        ctx.db,
        lines.map((l) => l.material_id),
      )
    ).map((m) => [m.id, m]),
  );
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    const m = found.get(l.material_id);
    if (!m || m.unit_id !== p.unit_id || !(m.active || listed.has(m.id)))
      errors.push({ field: `lines.${i}.material_id`, key: 'products.materialUnknown' });
    else if (seen.has(l.material_id))
      errors.push({ field: `lines.${i}.material_id`, key: 'products.materialTwice' });
    seen.add(l.material_id);
    if (!Number.isInteger(l.qty_per_item) || l.qty_per_item <= 0)
      errors.push({ field: `lines.${i}.qty_per_item`, key: 'products.qtyWhole' });
  });
  if (errors.length > 0) throw invalid(errors);
  const after = lines.map((l) => ({ material_id: l.material_id, qty_per_item: l.qty_per_item }));
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockProductRow(trx, p.id);
    await repo.replaceBom(trx, p.id, after);
    await recordAudit(trx, ctx.who.actor, {
      action: 'products.bill_of_materials',
      entity: 'product',
      entityId: p.id,
      unitId: p.unit_id,
      before: before.map((b) => ({ material_id: b.material_id, qty_per_item: b.qty_per_item })),
      after,
    });
  });
}

/** The product's bill of materials with the materials' names and units of measure. */
export async function billOfMaterials(ctx: Pick<Ctx, 'db' | 'who'>, productId: string) {
  const p = await product(ctx, productId);
  return repo.bomOf(ctx.db, [p.id]);
}

// --- Photo ----------------------------------------------------------------------------------------

/**
 * Stores a JPEG or PNG as the product's photo (web size with a thumbnail, its metadata stripped),
 * replacing (and deleting) the previous one, in one transaction: the file, the product's link to
 * it and the audit records.
 */
export async function setProductPhoto(
  ctx: Ctx,
  productId: string,
  input: { upload: Upload; maxBytes: number; field?: string },
): Promise<string> {
  const p = await product(ctx, productId, { for: 'manage' });
  const field = input.field ?? 'file';
  if (!isPhotoBytes(input.upload.content)) throw invalid([{ field, key: 'products.photoType' }]);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.lockProductRow(trx, p.id);
    const fileId = await storeImage(
      { db: trx, who: ctx.who },
      {
        unitId: p.unit_id,
        ownerType: PHOTO_OWNER,
        ownerId: p.id,
        kind: 'photo',
        upload: input.upload,
        maxBytes: input.maxBytes,
        field,
      },
    );
    await repo.setPhoto(trx, p.id, fileId);
    if (row.photo_file_id) await removeFile({ db: trx, who: ctx.who }, row.photo_file_id);
    await recordAudit(trx, ctx.who.actor, {
      action: 'products.photo',
      entity: 'product',
      entityId: p.id,
      unitId: p.unit_id,
      before: { photo_file_id: row.photo_file_id },
      after: { photo_file_id: fileId },
    });
    return fileId;
  });
}

export async function removeProductPhoto(ctx: Ctx, productId: string): Promise<void> {
  const p = await product(ctx, productId, { for: 'manage' });
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.lockProductRow(trx, p.id);
    if (!row.photo_file_id) return;
    await repo.setPhoto(trx, p.id, null);
    await removeFile({ db: trx, who: ctx.who }, row.photo_file_id);
    await recordAudit(trx, ctx.who.actor, {
      action: 'products.photo',
      entity: 'product',
      entityId: p.id,
      unitId: p.unit_id,
      before: { photo_file_id: row.photo_file_id },
      after: { photo_file_id: null },
    });
  });
}

/** The product's photo (or its thumbnail) for anyone who may see the product, or 404. */
export async function productPhoto(
  ctx: Pick<Ctx, 'db' | 'who'>,
  productId: string,
  size: 'web' | 'thumb' = 'web',
) {
  const p = await product(ctx, productId);
  const photo = p.photo_file_id ? await imageBytes(ctx.db, p.photo_file_id, size) : null;
  if (!photo) throw new AppError('files.not_found', 404, 'err.notFound');
  return photo;
}

// --- The product page -----------------------------------------------------------------------------

export type RateInfo =
  | { kind: 'own' }
  | { kind: 'ok'; rate: number; agreement: string; since: string }
  | { kind: 'missing'; error: AppError };

/** What the product page says about the piece rate today, a warning instead of a refusal. */
async function rateToday(ctx: Pick<Ctx, 'db' | 'who'>, p: repo.ProductRow, day: string): Promise<RateInfo> {
  if (p.route === 'own') return { kind: 'own' };
  try {
    const r = await rateOf(ctx, p, day);
    const source = await agreement(ctx, r.sourceId).catch(() => undefined);
    const label = source
      ? [source.title, source.number_first].filter(Boolean).join(', ')
      : (p.programme_name ?? '');
    return { kind: 'ok', rate: r.rate, agreement: label, since: r.effectiveFrom };
  } catch (err) {
    if (err instanceof AppError && err.code === 'production.rate_missing')
      return { kind: 'missing', error: err };
    throw err;
  }
}

const MOVEMENTS_SHOWN = 20;

/** Everything the product page shows: the product, its materials, today's rate, the latest movements. */
export async function productDetail(ctx: Pick<Ctx, 'db' | 'who' | 'now'>, id: string) {
  const p = await product(ctx, id);
  const may = productMay(ctx.who);
  const day = today(ctx, p.timezone);
  const [bom, rate, moves] = await Promise.all([
    repo.bomOf(ctx.db, [p.id]),
    rateToday(ctx, p, day),
    repo.latestMovements(ctx.db, p.id, MOVEMENTS_SHOWN, may.makers),
  ]);
  return {
    product: p,
    bom,
    rate,
    today: day,
    movements: moves.map((m) => ({
      id: m.id,
      kind: m.kind,
      day: m.day,
      qty: movementQty(m.kind, m),
      maker: m.maker,
    })),
  };
}

export type ProductDetail = Awaited<ReturnType<typeof productDetail>>;

/** The programmes the product form offers (those in scope still running, and `keepId`, the current one). */
export function programmeOptions(ctx: Pick<Ctx, 'db' | 'who'>, keepId?: string | null) {
  return repo.programmeOptions(ctx.db, ctx.who.scope, keepId);
}

/** The active materials of the product's unit (the bill of materials' choices). */
export function materialOptions(ctx: Pick<Ctx, 'db' | 'who'>, unitId: string) {
  return repo.materialOptions(ctx.db, ctx.who.scope, unitId);
}
