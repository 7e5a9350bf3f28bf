/**
 * API bearer tokens, configured as hashes: the gateway never holds the tokens themselves.
 *
 * One entry per line (in MF_API_TOKENS_FILE) or separated by commas/newlines (in MF_API_TOKENS):
 *
 *   <name>:<role>[+<role>…]:<sha-256 of the token, 64 hex digits>
 *   billing-job:billing:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 *   # comments and blank lines are ignored
 *
 * Make a token and its entry with:
 *   TOKEN=$(openssl rand -hex 32); printf '%s' "$TOKEN" | sha256sum
 * Tokens are random 256-bit strings, so a plain SHA-256 (not a slow password hash) is enough
 * to keep a leaked configuration from revealing them, and it costs nothing per request.
 */
import { createHash } from 'node:crypto';
import { ConfigError } from '../../../common/config-error.js';
import { isRole, type Role } from './roles.js';

export interface Principal {
  /** The entry's name, for logs and audit (never the token). */
  name: string;
  roles: Role[];
}

export interface ApiTokenTable {
  lookup(token: string): Principal | undefined;
  readonly size: number;
}

const NAME = /^[A-Za-z0-9._@-]{1,64}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAX_TOKEN_LENGTH = 512;

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function emptyTokenTable(): ApiTokenTable {
  return { lookup: () => undefined, size: 0 };
}

/** Parses token entries; `variable` names the setting in errors (MF_API_TOKENS or the file variable). */
export function parseApiTokens(text: string, variable: string): ApiTokenTable {
  const byHash = new Map<string, Principal>();
  const names = new Set<string>();
  const entries = text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  entries.forEach((entry, index) => {
    const where = `entry ${index + 1}`;
    const parts = entry.split(':');
    if (parts.length !== 3) throw new ConfigError(variable, where, 'expected <name>:<role>[+<role>…]:<sha256 hex>');
    const [name, roleList, hash] = parts as [string, string, string];
    if (!NAME.test(name)) throw new ConfigError(variable, where, 'name: 1-64 of A-Z a-z 0-9 . _ @ -');
    if (names.has(name)) throw new ConfigError(variable, where, `name ${name} is used twice`);
    const roles = roleList.split('+');
    const unknown = roles.find((r) => !isRole(r));
    if (unknown !== undefined)
      throw new ConfigError(
        variable,
        where,
        `unknown role ${unknown.slice(0, 32)}; roles: read-only, billing, supervisor, admin`,
      );
    const digest = hash.toLowerCase();
    if (!SHA256_HEX.test(digest))
      throw new ConfigError(variable, where, 'the hash must be 64 hex digits (sha256sum of the token)');
    if (byHash.has(digest)) throw new ConfigError(variable, where, 'the same token hash appears twice');
    names.add(name);
    byHash.set(digest, { name, roles: roles as Role[] });
  });
  return {
    size: byHash.size,
    lookup(token) {
      if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return undefined;
      return byHash.get(hashApiToken(token));
    },
  };
}
