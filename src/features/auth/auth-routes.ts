import type { Request, Response } from 'express';
import { z } from 'zod';
import { isLocale } from '../../i18n/locale.js';
import { flash } from '../../web/render-page.js';
import { parseForm, requiredText, rerenderForm, safeReturnPath } from '../../web/forms.js';
import { access, route, type RouteDef } from '../../web/route-table.js';
import type { AuthUser } from '../../web/request-context.js';
import type { UsersService } from '../users/users-service.js';

const LoginForm = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
  next: z.string().optional(),
});

const SetupForm = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  name: requiredText(200),
  password: z.string().min(1).max(1024),
  passwordConfirm: z.string(),
});

const InvitationForm = z.object({
  name: requiredText(200),
  password: z.string().min(1).max(1024),
  passwordConfirm: z.string(),
});

/** Regenerates the session id at sign-in (no session fixation) and records who signed in and when. */
async function startSession(req: Request, user: AuthUser, now: number): Promise<void> {
  const locale = req.session.locale;
  await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
  req.session.userId = user.id;
  req.session.signedInAt = now;
  if (user.locale) req.session.locale = user.locale;
  else if (locale) req.session.locale = locale;
  await new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
}

export function authRoutes(deps: { users: UsersService; now: () => Date }): RouteDef[] {
  const { users } = deps;

  const showLogin = async (req: Request, res: Response) => {
    if (req.user) return res.redirect(303, '/');
    if (await users.needsSetup()) return res.redirect(303, '/setup');
    res.page('auth/login', { title: req.t('auth.signIn'), values: { next: safeReturnPath(req.query.next, '') }, errors: {} });
  };

  const login = async (req: Request, res: Response) => {
    const values = { email: typeof req.body?.email === 'string' ? req.body.email : '', next: safeReturnPath(req.body?.next, '') };
    const locals = { title: req.t('auth.signIn'), values };
    const parsed = parseForm(LoginForm, req.body);
    if (!parsed.ok) return res.page('auth/login', { ...locals, errors: { _form: 'auth.invalidCredentials' } }, 401);
    const user = await users.signIn(parsed.data.email, parsed.data.password, req.ip ?? null).catch(rerenderForm(res, 'auth/login', locals));
    if (!user) return;
    await startSession(req, user, deps.now().getTime());
    res.redirect(303, safeReturnPath(parsed.data.next, '/'));
  };

  const logout = async (req: Request, res: Response) => {
    if (req.user) await users.recordSignOut(req.user.id, req.ip ?? null);
    const locale = req.session.locale;
    await new Promise<void>((resolve) => req.session.regenerate(() => resolve()));
    if (locale) req.session.locale = locale;
    flash(req, 'info', req.t('auth.signedOut'));
    res.redirect(303, '/login');
  };

  const showSetup = async (req: Request, res: Response) => {
    if (!(await users.needsSetup())) return res.redirect(303, '/login');
    res.page('auth/setup', { title: req.t('auth.setupTitle'), values: {}, errors: {} });
  };

  const setup = async (req: Request, res: Response) => {
    const values = { email: req.body?.email ?? '', name: req.body?.name ?? '' };
    const locals = { title: req.t('auth.setupTitle'), values };
    const parsed = parseForm(SetupForm, req.body);
    if (!parsed.ok) return res.page('auth/setup', { ...locals, errors: parsed.errors }, 400);
    if (parsed.data.password !== parsed.data.passwordConfirm) return res.page('auth/setup', { ...locals, errors: { passwordConfirm: 'auth.passwordMismatch' } }, 400);
    const user = await users.setupFirstAdmin(parsed.data, req.ip ?? null).catch(rerenderForm(res, 'auth/setup', locals));
    if (!user) return;
    await startSession(req, user, deps.now().getTime());
    flash(req, 'success', req.t('auth.setupComplete'));
    res.redirect(303, '/');
  };

  const showInvitation = async (req: Request, res: Response) => {
    const invitation = await users.invitationFor(String(req.params.token));
    res.page('auth/invitation', { title: req.t('auth.invitationTitle'), invitation, values: { name: invitation.name }, errors: {} });
  };

  const acceptInvitation = async (req: Request, res: Response) => {
    const token = String(req.params.token);
    const invitation = await users.invitationFor(token);
    const locals = { title: req.t('auth.invitationTitle'), invitation, values: { name: req.body?.name ?? '' } };
    const parsed = parseForm(InvitationForm, req.body);
    if (!parsed.ok) return res.page('auth/invitation', { ...locals, errors: parsed.errors }, 400);
    if (parsed.data.password !== parsed.data.passwordConfirm) return res.page('auth/invitation', { ...locals, errors: { passwordConfirm: 'auth.passwordMismatch' } }, 400);
    const user = await users.acceptInvitation(token, parsed.data, req.ip ?? null).catch(rerenderForm(res, 'auth/invitation', locals));
    if (!user) return;
    await startSession(req, user, deps.now().getTime());
    flash(req, 'success', req.t('auth.welcome', { name: user.name }));
    res.redirect(303, '/');
  };

  /** Language switch: kept in the session (and on the account when signed in); back to the same page. */
  const setLanguage = async (req: Request, res: Response) => {
    const locale = req.body?.locale;
    if (isLocale(locale)) {
      req.session.locale = locale;
      if (req.user) await users.updateProfile(req.user, { name: req.user.name, locale });
    }
    res.redirect(303, safeReturnPath(req.body?.back, '/'));
  };

  return [
    route.get('/login', access.public, showLogin),
    route.post('/login', access.public, login, { rateLimit: 'login' }),
    route.post('/logout', access.session(), logout),
    route.get('/setup', access.public, showSetup),
    route.post('/setup', access.public, setup, { rateLimit: 'login' }),
    route.get('/invite/:token', access.link('user-invitation'), showInvitation),
    route.post('/invite/:token', access.link('user-invitation'), acceptInvitation, { csrf: true }),
    route.post('/lang', access.public, setLanguage),
  ];
}
