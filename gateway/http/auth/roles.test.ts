import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, grants, isRole, type Role } from './roles.js';

describe('grants', () => {
  it("lets supervisor and billing read but not do each other's work", () => {
    expect(grants(['supervisor'], ['read-only'])).toBe(true);
    expect(grants(['billing'], ['read-only'])).toBe(true);
    expect(grants(['supervisor'], ['billing'])).toBe(false);
    expect(grants(['billing'], ['supervisor'])).toBe(false);
    expect(grants(['read-only'], ['billing', 'supervisor'])).toBe(false);
    expect(grants(['billing', 'supervisor'], ['supervisor'])).toBe(true);
  });

  it('knows exactly the four roles', () => {
    expect(ROLES.filter(isRole)).toHaveLength(4);
    expect(isRole('root')).toBe(false);
  });
});

describe('properties', () => {
  const role = fc.constantFrom<Role>(...ROLES);
  const roles = fc.uniqueArray(role, { minLength: 1, maxLength: 4 });

  it('admin is granted every role', () => {
    fc.assert(
      fc.property(roles, (needed) => {
        expect(grants(['admin'], needed)).toBe(true);
      }),
    );
  });

  it('every role is granted read-only', () => {
    fc.assert(
      fc.property(roles, (held) => {
        expect(grants(held, ['read-only'])).toBe(true);
      }),
    );
  });

  it('holding more roles never grants less', () => {
    fc.assert(
      fc.property(roles, roles, roles, (held, extra, needed) => {
        if (grants(held, needed)) expect(grants([...held, ...extra], needed)).toBe(true);
      }),
    );
  });

  it('needing more alternatives never grants less', () => {
    fc.assert(
      fc.property(roles, roles, roles, (held, needed, more) => {
        if (grants(held, needed)) expect(grants(held, [...needed, ...more])).toBe(true);
      }),
    );
  });
});
