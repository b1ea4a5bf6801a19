import { access, route, type RouteDef } from '../../web/route-table.js';
import { navFor } from '../../web/navigation.js';

/** The home page: a signed-in person's starting points, by role. Anonymous visitors go to sign-in (or set-up). */
export function homeRoutes(): RouteDef[] {
  return [
    route.get('/', access.session(), (req, res) => {
      const user = req.user!;
      const areas = navFor(user.role, '/').filter((item) => item.href !== '/');
      res.page('home/home', { title: req.t('home.title'), areas });
    }),
  ];
}
