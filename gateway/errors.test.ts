import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allGatewayErrorCodes, kindOf } from './errors.js';

const doc = readFileSync(new URL('../docs/gateway.md', import.meta.url), 'utf8');

describe('gateway error catalogue', () => {
  it('documents every code with its kind in docs/gateway.md', () => {
    for (const code of allGatewayErrorCodes) {
      expect(doc).toMatch(new RegExp(`\\| \`${code}\`\\s*\\| ${kindOf(code)}\\s*\\|`));
    }
  });

  it('documents no code that does not exist', () => {
    const documented = [...doc.matchAll(/^\| `(GATEWAY_[A-Z_]+)`\s*\|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...allGatewayErrorCodes].sort());
  });

  it('names codes without _FAILED or _ERROR', () => {
    for (const code of allGatewayErrorCodes) expect(code).not.toMatch(/_(FAILED|ERROR)$/);
  });
});
