import { Type } from 'typebox';
import { date, pageParam, uuid } from '../../app/schema.ts';

export const AuditQuery = Type.Object({
  action: Type.Optional(Type.String({ maxLength: 60 })),
  entity: Type.Optional(Type.String({ maxLength: 40 })),
  actor: Type.Optional(Type.String({ maxLength: 60 })),
  unit_id: Type.Optional(uuid),
  from: Type.Optional(date),
  to: Type.Optional(date),
  page: pageParam(100_000),
});

export const AuditOut = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  actor_id: Type.Union([Type.String(), Type.Null()]),
  actor_name: Type.String(),
  unit_id: Type.Union([Type.String(), Type.Null()]),
  unit_name: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entity: Type.String(),
  entity_id: Type.Union([Type.String(), Type.Null()]),
  /** Personal fields appear as "[redacted]" to a viewer who may not read the entity, "[erased]" after retention. */
  before: Type.Unknown(),
  after: Type.Unknown(),
  request_id: Type.Union([Type.String(), Type.Null()]),
  personal: Type.Union([
    Type.Literal('none'),
    Type.Literal('shown'),
    Type.Literal('redacted'),
    Type.Literal('erased'),
  ]),
});

export const AuditCount = Type.Object({
  unit_id: Type.Union([Type.String(), Type.Null()]),
  unit_name: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entity: Type.String(),
  count: Type.Integer(),
});

export const AuditList = Type.Object({
  /** 'counts' for regional and national offices: `items` is empty and `counts` holds the totals. */
  view: Type.Union([Type.Literal('records'), Type.Literal('counts')]),
  items: Type.Array(AuditOut),
  counts: Type.Array(AuditCount),
  total: Type.Integer(),
  page: Type.Integer(),
  page_size: Type.Integer(),
});
