import { rateLimit, ipKeyGenerator, type RateLimitRequestHandler } from 'express-rate-limit';
import type { Request } from 'express';
import type { Config } from '../config.js';
import { TooManyRequestsError } from './http-errors.js';

export interface RateLimiters {
  /** Sign-in attempts per IP. */
  loginPerIp: RateLimitRequestHandler;
  /** Failed sign-ins per account (the e-mail typed), successful ones don't count. */
  loginPerAccount: RateLimitRequestHandler;
  /** Routes reached by a link token (expert, staff, user invitation): per IP, against token guessing. */
  link: RateLimitRequestHandler;
  /** The public calculator API. */
  apiPublic: RateLimitRequestHandler;
}

/**
 * Counters live in this process. That is right for the SQLite deployment (one process); with several instances
 * on PostgreSQL each instance counts its own requests, so the effective limit is the per-instance limit × instances.
 */
export function createRateLimiters(config: Config): RateLimiters {
  const common = {
    standardHeaders: 'draft-7' as const,
    legacyHeaders: false,
    handler: (req: Request, _res: unknown, next: (err: unknown) => void, options: { windowMs: number }) => {
      next(new TooManyRequestsError(Math.ceil(options.windowMs / 1000), req.t ? req.t('errors.tooManyRequests') : undefined));
    },
  };
  const windowMs = (minutes: number) => minutes * 60_000;
  return {
    loginPerIp: rateLimit({ ...common, windowMs: windowMs(config.loginRateLimit.windowMinutes), limit: config.loginRateLimit.perIp }),
    loginPerAccount: rateLimit({
      ...common,
      windowMs: windowMs(config.loginRateLimit.windowMinutes),
      limit: config.loginRateLimit.perAccount,
      skipSuccessfulRequests: true,
      // Counted per e-mail typed, so guessing one account's password from many addresses is limited too.
      keyGenerator: (req: Request) => {
        const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase().slice(0, 254) : '';
        return email ? `account:${email}` : `ip:${ipKeyGenerator(req.ip ?? '')}`;
      },
    }),
    link: rateLimit({ ...common, windowMs: windowMs(config.tokenRateLimit.windowMinutes), limit: config.tokenRateLimit.perIp }),
    apiPublic: rateLimit({ ...common, windowMs: windowMs(config.apiRateLimit.windowMinutes), limit: config.apiRateLimit.perIp }),
  };
}
