import type { Request, Response } from 'express';
import { z } from 'zod';
import { parseForm } from '../../web/forms.js';
import { ValidationError } from '../../web/http-errors.js';
import { flash } from '../../web/render-page.js';
import { ROLES, type AuthUser } from '../../web/request-context.js';
import { access, route, type RouteDef } from '../../web/route-table.js';
import type { AuditService } from '../audit/audit-service.js';
import type { UsersService } from '../users/users-service.js';

const InviteForm = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  name: z.string().trim().max(200).default(''),
  role: z.enum(ROLES),
});
const RoleForm = z.object({ role: z.enum(ROLES) });
const UserIdParam = z.coerce.number().int().positive();
const AuditQuery = z.object({
  event: z.string().trim().max(60).optional(),
  actor: z.string().trim().max(254).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

export function inviteLink(req: Request, publicUrl: string, path: string): string {
  const base = publicUrl || `${req.protocol}://${req.get('host')}`;
  return `${base}${path}`;
}

export function adminRoutes(deps: { users: UsersService; audit: AuditService; publicUrl: string }): RouteDef[] {
  const { users, audit } = deps;
  const admin = access.session('admin');

  const renderUsers = async (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    const list = await users.list();
    res.page(
      'admin/users',
      {
        title: req.t('users.title'),
        breadcrumbs: [{ label: req.t('nav.home'), href: '/' }, { label: req.t('users.title') }],
        users: list,
        roles: ROLES,
        values: { role: 'researcher' },
        errors: {},
        newLink: null,
        ...extra,
      },
      status,
    );
  };

  const userId = (req: Request) => UserIdParam.parse(req.params.id);
  const actor = (req: Request) => req.user as AuthUser;

  return [
    route.get('/admin/users', admin, (req, res) => renderUsers(req, res)),
    route.post('/admin/users', admin, async (req, res) => {
      const parsed = parseForm(InviteForm, req.body);
      const values = { email: req.body?.email ?? '', name: req.body?.name ?? '', role: req.body?.role ?? 'researcher' };
      if (!parsed.ok) return renderUsers(req, res, { values, errors: parsed.errors }, 400);
      const result = await users.invite(actor(req), parsed.data, req.ip ?? null).catch(async (err: unknown) => {
        if (!(err instanceof ValidationError)) throw err;
        await renderUsers(req, res, { values, errors: err.fieldErrors }, 400);
        return undefined;
      });
      if (!result) return;
      await renderUsers(req, res, { newLink: { email: parsed.data.email, url: inviteLink(req, deps.publicUrl, `/invite/${result.token}`) } });
    }),
    route.post('/admin/users/:id/role', admin, async (req, res) => {
      const { role } = RoleForm.parse(req.body);
      await users.changeRole(actor(req), userId(req), role, req.ip ?? null);
      flash(req, 'success', req.t('users.roleChanged'));
      res.redirect(303, '/admin/users');
    }),
    route.post('/admin/users/:id/disable', admin, async (req, res) => {
      await users.disable(actor(req), userId(req), req.ip ?? null);
      flash(req, 'success', req.t('users.disabled'));
      res.redirect(303, '/admin/users');
    }),
    route.post('/admin/users/:id/enable', admin, async (req, res) => {
      await users.enable(actor(req), userId(req), req.ip ?? null);
      flash(req, 'success', req.t('users.enabled'));
      res.redirect(303, '/admin/users');
    }),
    route.post('/admin/users/:id/invitation', admin, async (req, res) => {
      const id = userId(req);
      const token = await users.reissueInvitation(actor(req), id, req.ip ?? null);
      const user = await users.get(id);
      await renderUsers(req, res, { newLink: { email: user.email, url: inviteLink(req, deps.publicUrl, `/invite/${token}`) } });
    }),
    route.get('/admin/audit', admin, async (req, res) => {
      const query = AuditQuery.parse(req.query);
      const pageSize = 50;
      const { events, total } = await audit.list({ ...query, pageSize });
      res.page('admin/audit', {
        title: req.t('audit.title'),
        breadcrumbs: [{ label: req.t('nav.home'), href: '/' }, { label: req.t('audit.title') }],
        events,
        total,
        query,
        pages: Math.max(1, Math.ceil(total / pageSize)),
        eventNames: await audit.eventNames(),
      });
    }),
  ];
}
