// What every page template receives, built once per request.
import type { FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { TimeZone } from '../db/schema.ts';
import { formatDateLong, formatDateTime, formatTime } from './format.ts';
import type { Lang, MessageKey, Translate } from './i18n.ts';
import { can, type Permission } from './policy.ts';
import type { SignedIn } from './principal.ts';

export interface ViewCtx {
  lang: Lang;
  t: Translate;
  user: SignedIn | null;
  csrf: string;
  path: string;
  flash: MessageKey | null;
  zone: TimeZone;
  can(p: Permission): boolean;
  dateLong(at: Date): string;
  dateTime(at: Date): string;
  time(at: Date): string;
}

export function viewCtx(req: FastifyRequest): ViewCtx {
  const zone = req.user?.zone ?? 'Asia/Jakarta';
  return {
    lang: req.lang,
    t: req.t,
    user: req.user,
    csrf: req.csrfToken,
    path: req.url,
    flash: req.flash,
    zone,
    can: (p) => can(req.user ?? [], p),
    dateLong: (at) => formatDateLong(at, zone, req.lang),
    dateTime: (at) => formatDateTime(at, zone, req.lang),
    time: (at) => formatTime(at, zone, req.lang),
  };
}

export function renderPage(node: VNode): string {
  return `<!doctype html>${renderToString(node)}`;
}
