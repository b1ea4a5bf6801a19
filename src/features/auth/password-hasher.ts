import { hash, verify } from '@node-rs/argon2';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hashed: string, password: string): Promise<boolean>;
  /** Spends the time of a real verification, so an unknown account answers as slowly as a wrong password. */
  dummyVerify(password: string): Promise<void>;
}

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** argon2id (RFC 9106), memory-hard; parameters from the configuration (OWASP: ≥ 19 MiB, 2 passes, 1 lane). */
export function createPasswordHasher(options: { memoryKib: number; passes: number }): PasswordHasher {
  const params = { algorithm: 2 /* Argon2id */, memoryCost: options.memoryKib, timeCost: options.passes, parallelism: 1 };
  let dummyHash: Promise<string> | undefined;
  return {
    hash: (password) => hash(password, params),
    async verify(hashed, password) {
      try {
        return await verify(hashed, password);
      } catch {
        return false;
      }
    },
    async dummyVerify(password) {
      dummyHash ??= hash('not-a-real-password-for-timing', params);
      await verify(await dummyHash, password).catch(() => false);
    },
  };
}
