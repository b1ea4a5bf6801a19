import type { Locale } from '../i18n/locale.js';
import type { Translate } from '../i18n/translator.js';

export const ROLES = ['admin', 'researcher', 'manager', 'credit-officer'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in person, loaded from the database on every request (so a disabled account stops at once). */
export interface AuthUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: Locale | null;
}

export interface Breadcrumb {
  label: string;
  href?: string;
}

export interface FlashMessage {
  kind: 'success' | 'info' | 'warning' | 'error';
  text: string;
}

declare global {
  // Express's own extension point for request and response properties.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: AuthUser;
      /** How the request was authenticated. */
      authVia?: 'session' | 'api-token';
      apiTokenId?: number;
      locale: Locale;
      t: Translate;
      requestId: string;
    }
    interface Response {
      /** Renders `views/<view>.ejs` inside the page layout. */
      page(view: string, locals?: Record<string, unknown>, status?: number): void;
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    userId: number;
    /** Epoch ms of sign-in, for the absolute timeout. */
    signedInAt: number;
    csrfToken: string;
    flash: FlashMessage[];
    locale: Locale;
  }
}
