import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { pino, type Logger } from 'pino';

/**
 * Replaces link tokens and other long opaque path segments (invitation links carry 256-bit tokens) and
 * sensitive query parameters with [redacted], so access logs never hold a credential.
 */
export function redactUrl(url: string): string {
  const [path = '', query] = url.split('?', 2);
  const safePath = path
    .split('/')
    .map((segment) => (/^[A-Za-z0-9_-]{32,}$/.test(segment) ? '[redacted]' : segment))
    .join('/');
  if (!query) return safePath;
  const safeQuery = query
    .split('&')
    .map((pair) => {
      const [key = ''] = pair.split('=', 1);
      return /token|key|secret|password|code/i.test(key) ? `${key}=[redacted]` : pair;
    })
    .join('&');
  return `${safePath}?${safeQuery}`;
}

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.token'],
      censor: '[redacted]',
    },
  });
}

const QUIET_PATHS = ['/healthz', '/static/', '/vendor/'];

/**
 * Access log: one line per request when its answer is sent (or the client went away): method, redacted URL,
 * status, time taken. Request bodies are never logged. Every answer carries an `X-Request-Id`, which the error log
 * repeats. 5xx is logged as an error, 4xx as a warning, the rest as info; health checks and static files are not
 * logged. When the logger is silent for all three levels, nothing is measured or attached.
 */
export function createHttpLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const id = randomUUID();
    req.requestId = id;
    res.setHeader('X-Request-Id', id);
    const url = req.originalUrl;
    if (!logger.isLevelEnabled('error') || QUIET_PATHS.some((p) => (p.endsWith('/') ? url.startsWith(p) : url === p))) return next();
    const started = process.hrtime.bigint();
    const done = (event: 'finish' | 'close') => () => {
      res.off('finish', onFinish);
      res.off('close', onClose);
      const status = res.statusCode;
      const aborted = event === 'close' && !res.writableFinished;
      const level = status >= 500 ? 'error' : status >= 400 || aborted ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const responseTime = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
      logger[level]({ req: { id, method: req.method, url: redactUrl(url) }, res: { statusCode: status }, responseTime }, aborted ? 'request aborted' : 'request completed');
    };
    const onFinish = done('finish');
    const onClose = done('close');
    res.once('finish', onFinish);
    res.once('close', onClose);
    next();
  };
}
