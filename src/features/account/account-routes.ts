import type { Request, Response } from 'express';
import { z } from 'zod';
import { isLocale } from '../../i18n/locale.js';
import { parseForm, requiredText } from '../../web/forms.js';
import { ValidationError } from '../../web/http-errors.js';
import { flash } from '../../web/render-page.js';
import type { AuthUser } from '../../web/request-context.js';
import { access, route, type RouteDef } from '../../web/route-table.js';
import type { ApiTokensService } from '../api-tokens/api-tokens-service.js';
import type { UsersService } from '../users/users-service.js';

const ProfileForm = z.object({ name: requiredText(200), locale: z.string().optional() });
const PasswordForm = z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024), newPasswordConfirm: z.string() });
const TokenForm = z.object({ name: requiredText(100) });

export function accountRoutes(deps: { users: UsersService; tokens: ApiTokensService }): RouteDef[] {
  const signedIn = access.session();
  const me = (req: Request) => req.user as AuthUser;

  const render = async (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    const user = me(req);
    res.page(
      'account/account',
      {
        title: req.t('account.title'),
        breadcrumbs: [{ label: req.t('nav.home'), href: '/' }, { label: req.t('account.title') }],
        tokens: await deps.tokens.list(user.id),
        values: { name: user.name, locale: user.locale ?? '' },
        errors: {},
        newToken: null,
        ...extra,
      },
      status,
    );
  };

  return [
    route.get('/account', signedIn, (req, res) => render(req, res)),
    route.post('/account/profile', signedIn, async (req, res) => {
      const parsed = parseForm(ProfileForm, req.body);
      if (!parsed.ok) return render(req, res, { errors: parsed.errors, values: req.body }, 400);
      const locale = isLocale(parsed.data.locale) ? parsed.data.locale : null;
      await deps.users.updateProfile(me(req), { name: parsed.data.name, locale });
      if (locale) req.session.locale = locale;
      flash(req, 'success', req.t('account.saved'));
      res.redirect(303, '/account');
    }),
    route.post('/account/password', signedIn, async (req, res) => {
      const parsed = parseForm(PasswordForm, req.body);
      if (!parsed.ok) return render(req, res, { errors: parsed.errors }, 400);
      if (parsed.data.newPassword !== parsed.data.newPasswordConfirm) return render(req, res, { errors: { newPasswordConfirm: 'auth.passwordMismatch' } }, 400);
      const done = await deps.users
        .changePassword(me(req), parsed.data.currentPassword, parsed.data.newPassword, req.ip ?? null)
        .then(() => true)
        .catch(async (err: unknown) => {
          if (!(err instanceof ValidationError)) throw err;
          await render(req, res, { errors: err.fieldErrors }, 400);
          return false;
        });
      if (!done) return;
      flash(req, 'success', req.t('account.passwordChanged'));
      res.redirect(303, '/account');
    }),
    route.post('/account/tokens', signedIn, async (req, res) => {
      const parsed = parseForm(TokenForm, req.body);
      if (!parsed.ok) return render(req, res, { errors: { tokenName: parsed.errors.name ?? 'validation.invalid' } }, 400);
      const created = await deps.tokens.create(me(req), parsed.data.name, null, req.ip ?? null);
      await render(req, res, { newToken: created.token });
    }),
    route.post('/account/tokens/:id/revoke', signedIn, async (req, res) => {
      await deps.tokens.revoke(me(req), z.coerce.number().int().positive().parse(req.params.id), req.ip ?? null);
      flash(req, 'success', req.t('tokens.revoked'));
      res.redirect(303, '/account');
    }),
  ];
}
