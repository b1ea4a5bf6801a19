import { z } from 'zod';

/**
 * The application's configuration, read once from the environment.
 *
 * This is the only module that reads `process.env`. Every variable is validated at start-up; a bad value stops the
 * process with a message naming the variable, instead of failing later in a request.
 */
export interface Config {
  env: 'production' | 'development' | 'test';
  host: string;
  port: number;
  /** `sqlite:<path>`, `sqlite::memory:` or `postgres://…`. */
  databaseUrl: string;
  /** Seed the demo study into an empty database at start-up. */
  demo: boolean;
  /**
   * Folder of the real public data sets used by the demo (polish-bankruptcy/5year.arff …); relative paths are
   * resolved against the project folder. The demo skips what it cannot find, with a logged notice.
   */
  demoDataDir: string;
  /** Express `trust proxy` value: false, true, a hop count or a list of addresses. */
  trustProxy: boolean | number | string;
  /** Cookies get the Secure flag (on when behind an HTTPS proxy). */
  secureCookies: boolean;
  /** The public base URL used in invitation links, e.g. https://risk.bank.example. Derived from the request when empty. */
  publicUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** How long a request waits for the database connection before it is answered 503 + Retry-After. */
  dbAcquireTimeoutMs: number;
  /** SQLite busy_timeout: how long a write waits for another process's lock. */
  sqliteBusyTimeoutMs: number;
  loginRateLimit: { windowMinutes: number; perIp: number; perAccount: number };
  tokenRateLimit: { windowMinutes: number; perIp: number };
  apiRateLimit: { windowMinutes: number; perIp: number };
  /** argon2id cost parameters (OWASP 2023 minimum: 19 MiB, 2 passes). Lowered only in tests. */
  passwordHash: { memoryKib: number; passes: number };
  shutdownTimeoutMs: number;
}

const booleanString = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

const positiveInt = z.coerce.number().int().positive();

const EnvSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .default('sqlite:data/credit-ahp.sqlite')
    .refine((url) => url.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(url), {
      message: 'must start with sqlite: or postgres://',
    }),
  DEMO: booleanString.default('1'),
  DEMO_DATA_DIR: z.string().min(1).default('src/storage/demo/data'),
  TRUST_PROXY: z.string().default('false'),
  SECURE_COOKIES: booleanString.optional(),
  PUBLIC_URL: z
    .string()
    .default('')
    .refine((url) => url === '' || /^https?:\/\/[^/]+/.test(url), { message: 'must be an http(s) URL' }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: positiveInt.default(30),
  SESSION_ABSOLUTE_HOURS: positiveInt.default(12),
  DB_ACQUIRE_TIMEOUT_MS: positiveInt.default(8000),
  SQLITE_BUSY_TIMEOUT_MS: positiveInt.default(5000),
  LOGIN_RATE_LIMIT_PER_IP: positiveInt.default(30),
  LOGIN_RATE_LIMIT_PER_ACCOUNT: positiveInt.default(8),
  TOKEN_RATE_LIMIT_PER_IP: positiveInt.default(600),
  API_RATE_LIMIT_PER_IP: positiveInt.default(600),
  ARGON2_MEMORY_KIB: positiveInt.default(19456),
  ARGON2_PASSES: positiveInt.default(2),
});

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'false' || value === '0' || value === '') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** Reads and validates the environment; throws an Error naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const trustProxy = parseTrustProxy(e.TRUST_PROXY);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    demo: e.DEMO,
    demoDataDir: e.DEMO_DATA_DIR,
    trustProxy,
    secureCookies: e.SECURE_COOKIES ?? (trustProxy !== false || e.PUBLIC_URL.startsWith('https://')),
    publicUrl: e.PUBLIC_URL.replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    dbAcquireTimeoutMs: e.DB_ACQUIRE_TIMEOUT_MS,
    sqliteBusyTimeoutMs: e.SQLITE_BUSY_TIMEOUT_MS,
    loginRateLimit: { windowMinutes: 15, perIp: e.LOGIN_RATE_LIMIT_PER_IP, perAccount: e.LOGIN_RATE_LIMIT_PER_ACCOUNT },
    tokenRateLimit: { windowMinutes: 1, perIp: e.TOKEN_RATE_LIMIT_PER_IP },
    apiRateLimit: { windowMinutes: 1, perIp: e.API_RATE_LIMIT_PER_IP },
    passwordHash: { memoryKib: e.ARGON2_MEMORY_KIB, passes: e.ARGON2_PASSES },
    shutdownTimeoutMs: 10_000,
  };
}

/** Documentation of every variable, used by the README table and `npm run cli -- help`. */
export const CONFIG_DOCS: ReadonlyArray<{ name: string; default: string; meaning: string }> = [
  { name: 'PORT', default: '3000', meaning: 'HTTP port' },
  { name: 'HOST', default: '127.0.0.1', meaning: 'interface to listen on (0.0.0.0 for all)' },
  { name: 'DATABASE_URL', default: 'sqlite:data/credit-ahp.sqlite', meaning: 'sqlite:<path> or postgres://user:pass@host:5432/db' },
  { name: 'DEMO', default: '1', meaning: 'seed the demo study into an empty database (0 skips it)' },
  { name: 'DEMO_DATA_DIR', default: 'src/storage/demo/data', meaning: 'folder of the real data sets the demo imports (polish-bankruptcy/5year.arff, german-credit/german.data); relative to the project folder; skipped with a notice when absent' },
  { name: 'TRUST_PROXY', default: 'false', meaning: "Express 'trust proxy' (true, hop count or addresses) when behind a reverse proxy" },
  { name: 'SECURE_COOKIES', default: 'on when TRUST_PROXY or an https PUBLIC_URL is set', meaning: 'mark cookies Secure (HTTPS only)' },
  { name: 'PUBLIC_URL', default: '(from the request)', meaning: 'base URL used in invitation links' },
  { name: 'LOG_LEVEL', default: 'info', meaning: 'pino log level (silent, error, warn, info, debug)' },
  { name: 'SESSION_IDLE_MINUTES', default: '30', meaning: 'sign-out after this much inactivity' },
  { name: 'SESSION_ABSOLUTE_HOURS', default: '12', meaning: 'sign-out this long after signing in, active or not' },
  { name: 'DB_ACQUIRE_TIMEOUT_MS', default: '8000', meaning: 'wait for the database connection before answering 503 + Retry-After' },
  { name: 'SQLITE_BUSY_TIMEOUT_MS', default: '5000', meaning: "SQLite busy_timeout: wait for another process's write lock" },
  { name: 'LOGIN_RATE_LIMIT_PER_IP', default: '30', meaning: 'sign-in attempts per IP per 15 minutes' },
  { name: 'LOGIN_RATE_LIMIT_PER_ACCOUNT', default: '8', meaning: 'failed sign-ins per account per 15 minutes' },
  { name: 'TOKEN_RATE_LIMIT_PER_IP', default: '600', meaning: 'requests per IP per minute on invitation-link routes' },
  { name: 'API_RATE_LIMIT_PER_IP', default: '600', meaning: 'requests per IP per minute on the public calculator API' },
  { name: 'ARGON2_MEMORY_KIB', default: '19456', meaning: 'argon2id memory cost for password hashes' },
  { name: 'ARGON2_PASSES', default: '2', meaning: 'argon2id time cost (passes)' },
  { name: 'NODE_ENV', default: 'development', meaning: 'production | development | test' },
];
