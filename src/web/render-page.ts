import type { Request, RequestHandler, Response } from 'express';
import { csrfToken } from './csrf.js';
import { navFor } from './navigation.js';
import type { FlashMessage } from './request-context.js';

/** JSON for a `<script type="application/json">` block: `<`, `>`, `&` and line separators escaped so it cannot close the tag. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Queues a message shown on the next page this session renders. */
export function flash(req: Request, kind: FlashMessage['kind'], text: string): void {
  if (!req.session) return;
  req.session.flash = [...(req.session.flash ?? []), { kind, text }];
}

export interface PageOptions {
  /** Versions of the packages served under /vendor, so their URLs change when a package is upgraded. */
  vendor: Record<string, string>;
}

/**
 * Adds `res.page(view, locals, status)`: renders `views/<view>.ejs`, then `views/layout/page.ejs` around it, with
 * the helpers every page needs (t, user, csrf token, navigation, breadcrumbs, flash messages).
 */
export function pageRenderer(options: PageOptions): RequestHandler {
  return (req, res, next) => {
    res.locals.vendor = options.vendor;
    res.page = (view, locals = {}, status = 200) => renderPage(req, res, view, locals, status, options);
    next();
  };
}

function renderPage(req: Request, res: Response, view: string, locals: Record<string, unknown>, status: number, options: PageOptions) {
  const flashes = req.session?.flash ?? [];
  if (req.session?.flash) delete req.session.flash;
  const common = {
    t: req.t,
    locale: req.locale,
    user: req.user ?? null,
    // No token (so no session row or cookie) on pages of anonymous respondents' links.
    csrfToken: req.session && !res.locals.sessionless ? csrfToken(req) : '',
    nav: navFor(req.user?.role, req.path),
    currentPath: req.path,
    currentUrl: req.originalUrl,
    breadcrumbs: [],
    flashes,
    vendor: options.vendor,
    jsonForScript,
    title: '',
    scripts: [] as string[],
    styles: [] as string[],
    wide: false,
  };
  const all = { ...common, ...res.locals, ...locals };
  res.app.render(view, all, (err: Error | null, body?: string) => {
    if (err) return failRender(req, res, view, err);
    res.app.render('layout/page', { ...all, body }, (layoutErr: Error | null, html?: string) => {
      if (layoutErr) return failRender(req, res, view, layoutErr);
      res.status(status).type('html').send(html);
    });
  });
}

function failRender(req: Request, res: Response, view: string, err: Error) {
  if (view === 'errors/error' || res.headersSent) {
    if (!res.headersSent) res.status(500).type('text/plain').send('Internal error.');
    return;
  }
  // Hand the rendering error to the error handler, which renders the error page.
  req.next?.(err);
}
