import type { Express } from 'express';
import type { Knex } from 'knex';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createServices, type Services } from '../../src/services.js';
import type { Role } from '../../src/web/request-context.js';
import type { RouteDef } from '../../src/web/route-table.js';
import { createTestDatabase } from './test-database.js';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestApp {
  app: Express;
  db: Knex;
  services: Services;
  config: Config;
  routes: RouteDef[];
  close(): Promise<void>;
  /** Creates an active user with TEST_PASSWORD. */
  createUser(role: Role, email?: string): Promise<{ id: number; email: string }>;
  /** A supertest agent signed in as a new user of this role (cookie jar kept), with its CSRF token. */
  signedIn(role: Role, email?: string): Promise<SignedInAgent>;
  /** An API token for a new user of this role. */
  apiToken(role: Role, email?: string): Promise<string>;
}

export interface SignedInAgent {
  agent: ReturnType<typeof request.agent>;
  user: { id: number; email: string };
  csrf: string;
  /** Reads a fresh CSRF token from a page of this session. */
  refreshCsrf(path?: string): Promise<string>;
}

let counter = 0;

/** Reads the CSRF token from a rendered page (hidden `_csrf` field). */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1] as string;
}

/**
 * Builds the real application on a fresh database (see createTestDatabase), with fast password hashing and quiet
 * logs. Every HTTP test file creates its own.
 */
export async function createTestApp(overrides: Partial<Record<string, string>> = {}): Promise<TestApp> {
  const { db, cleanup } = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: 'sqlite::memory:',
    LOG_LEVEL: 'silent',
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_PASSES: '1',
    LOGIN_RATE_LIMIT_PER_IP: '1000',
    LOGIN_RATE_LIMIT_PER_ACCOUNT: '1000',
    TOKEN_RATE_LIMIT_PER_IP: '100000',
    API_RATE_LIMIT_PER_IP: '100000',
    ...overrides,
  });
  const services = createServices({ db, config });
  const logger = pino({ level: 'silent' });
  const { app, routes } = createApp({ config, services, logger, sessionSecret: 'test-secret-test-secret-test-secret' });

  const createUser = async (role: Role, email?: string) => {
    const address = email ?? `${role}-${++counter}-${process.pid}@example.test`;
    const admin = await services.users.createAdmin({ email: address, password: TEST_PASSWORD, name: `${role} ${counter}` });
    if (role !== 'admin') await db('users').where({ id: admin.id }).update({ role });
    return { id: admin.id, email: address };
  };

  const signedIn = async (role: Role, email?: string): Promise<SignedInAgent> => {
    const user = await createUser(role, email);
    const agent = request.agent(app);
    const loginPage = await agent.get('/login');
    const res = await agent.post('/login').type('form').send({ email: user.email, password: TEST_PASSWORD, _csrf: csrfFrom(loginPage.text) });
    if (res.status !== 303) throw new Error(`sign-in failed: ${res.status} ${res.text.slice(0, 200)}`);
    const refreshCsrf = async (path = '/account') => csrfFrom((await agent.get(path)).text);
    const csrf = await refreshCsrf();
    return { agent, user, csrf, refreshCsrf };
  };

  const apiToken = async (role: Role, email?: string) => {
    const user = await createUser(role, email);
    return (await services.apiTokens.create({ id: user.id }, 'test', null, null)).token;
  };

  return { app, db, services, config, routes, close: cleanup, createUser, signedIn, apiToken };
}
