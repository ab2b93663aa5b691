import "server-only";
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

/**
 * Password hashing with scrypt (memory-hard, built into Node, no native add-on to install).
 * Stored as `scrypt$N$r$p$saltB64$hashB64` so the cost can be raised later without breaking old hashes:
 * verification reads the parameters from the stored value, not from these constants.
 */
const SCHEME = "scrypt";
const COST = 2 ** 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 64;
const SALT_LENGTH = 16;
// N=2^15, r=8 needs 128·N·r = 32 MiB; Node's default limit (32 MiB) is exactly too small.
const MAX_MEMORY = 64 * 1024 * 1024;

// Upper bounds for parameters read back from storage, so a tampered row cannot make us burn memory or CPU.
const MAX_COST = 2 ** 20;
const MAX_BLOCK_SIZE = 32;
const MAX_PARALLELISM = 16;

function derive(plain: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(plain.normalize("NFC"), salt, keyLength, { ...options, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Hashes a password with a fresh random salt. Two hashes of the same password differ. */
export async function hashPassword(plain: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(plain, salt, KEY_LENGTH, { N: COST, r: BLOCK_SIZE, p: PARALLELISM });
  return [SCHEME, COST, BLOCK_SIZE, PARALLELISM, salt.toString("base64"), key.toString("base64")].join("$");
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function parse(stored: string): ParsedHash | undefined {
  const parts = stored.split("$");
  if (parts.length !== 6) return undefined;
  const [scheme, n, r, p, salt, key] = parts as [string, string, string, string, string, string];
  if (scheme !== SCHEME || !BASE64.test(salt) || !BASE64.test(key)) return undefined;
  const N = Number(n);
  const blockSize = Number(r);
  const parallelism = Number(p);
  const isPowerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!isPowerOfTwo || N > MAX_COST) return undefined;
  if (!Number.isInteger(blockSize) || blockSize < 1 || blockSize > MAX_BLOCK_SIZE) return undefined;
  if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > MAX_PARALLELISM) return undefined;
  const saltBytes = Buffer.from(salt, "base64");
  const keyBytes = Buffer.from(key, "base64");
  if (saltBytes.length < 8 || keyBytes.length < 16) return undefined;
  return { N, r: blockSize, p: parallelism, salt: saltBytes, key: keyBytes };
}

/** True when `plain` matches `stored`; false for a wrong password and for any malformed stored value. */
export async function verifyPassword(plain: string, stored: string | null | undefined): Promise<boolean> {
  if (typeof plain !== "string" || typeof stored !== "string") return false;
  const parsed = parse(stored);
  if (!parsed) return false;
  try {
    const key = await derive(plain, parsed.salt, parsed.key.length, { N: parsed.N, r: parsed.r, p: parsed.p });
    // Lengths are equal by construction (we derived exactly key.length bytes); compare in constant time.
    return timingSafeEqual(key, parsed.key);
  } catch {
    // e.g. parameters within our bounds that still exceed maxmem: treat as "does not match", never throw.
    return false;
  }
}
