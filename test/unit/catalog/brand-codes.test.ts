// Every model the simulator can boot gets an RLZ brand code (DESIGN §5): four upper-case letters, and
// no two listed models share one, so brand code + serial names one device.

import { describe, expect, it } from 'vitest';
import { ALL_MODELS, DERIVED_MODELS } from '../../../agent/catalog/index.ts';
import { BRAND_CODE_PATTERN, catalogBrandCode } from '../../../protocol/brand-code.ts';

describe('catalog brand codes', () => {
  it('give every listed and derived model its own code', () => {
    const names = [...ALL_MODELS.map((m) => m.name), ...DERIVED_MODELS.map((d) => d.name)];
    const byCode = new Map<string, string>();
    for (const name of names) {
      const code = catalogBrandCode(name);
      expect(code, name).toMatch(BRAND_CODE_PATTERN);
      expect(byCode.get(code), `${name} and ${byCode.get(code)} share ${code}`).toBeUndefined();
      byCode.set(code, name);
    }
    expect(byCode.size).toBe(new Set(names).size);
  });
});
