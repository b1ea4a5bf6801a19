import type { Role } from './request-context.js';

export interface NavItem {
  href: string;
  /** Message key of the label. */
  label: string;
  roles: readonly Role[];
  /** Paths starting with this prefix mark the item as current. */
  match?: string;
}

/**
 * The main navigation, in display order. Each area adds its entry here when its pages exist; the layout shows
 * the entries the signed-in role may open.
 */
export const NAV_ITEMS: NavItem[] = [
  { href: '/', label: 'nav.home', roles: ['admin', 'researcher', 'manager', 'credit-officer'], match: '/' },
  { href: '/overview', label: 'nav.overview', roles: ['admin', 'researcher', 'manager', 'credit-officer'], match: '/overview' },
  { href: '/studies', label: 'nav.studies', roles: ['admin', 'researcher', 'manager'], match: '/studies' },
  { href: '/questionnaires', label: 'nav.questionnaires', roles: ['admin', 'researcher', 'manager'], match: '/questionnaires' },
  { href: '/models', label: 'nav.models', roles: ['admin', 'researcher', 'manager', 'credit-officer'], match: '/models' },
  { href: '/borrowers', label: 'nav.borrowers', roles: ['admin', 'researcher', 'manager', 'credit-officer'], match: '/borrowers' },
  { href: '/portfolio', label: 'nav.portfolio', roles: ['admin', 'researcher', 'manager'], match: '/portfolio' },
  { href: '/validation', label: 'nav.validation', roles: ['admin', 'researcher', 'manager'], match: '/validation' },
  { href: '/decisions', label: 'nav.decisions', roles: ['admin', 'manager', 'credit-officer'], match: '/decisions' },
  { href: '/policies', label: 'nav.policies', roles: ['admin', 'researcher', 'manager', 'credit-officer'], match: '/policies' },
  { href: '/ahp/calculator', label: 'nav.ahp', roles: ['admin', 'researcher', 'manager', 'credit-officer'], match: '/ahp' },
  { href: '/admin/users', label: 'nav.users', roles: ['admin'], match: '/admin/users' },
  { href: '/admin/audit', label: 'nav.audit', roles: ['admin'], match: '/admin/audit' },
  { href: '/api/docs', label: 'nav.api', roles: ['admin', 'researcher', 'manager', 'credit-officer'], match: '/api/docs' },
];

export function navFor(role: Role | undefined, currentPath: string): Array<NavItem & { current: boolean }> {
  if (!role) return [];
  const items = NAV_ITEMS.filter((item) => item.roles.includes(role));
  // The longest matching prefix is the current item ("/" only matches itself).
  let best: NavItem | undefined;
  for (const item of items) {
    const prefix = item.match ?? item.href;
    const matches = prefix === '/' ? currentPath === '/' : currentPath === prefix || currentPath.startsWith(`${prefix}/`);
    if (matches && (!best || prefix.length > (best.match ?? best.href).length)) best = item;
  }
  return items.map((item) => ({ ...item, current: item === best }));
}
