// @vitest-environment happy-dom
/**
 * The ensemble kept in the browser: a record over the size cap is refused before anything is
 * written, with a message giving its size, the cap and how to keep it; the size is that of
 * its JSON. (The round trip through IndexedDB is checked in Chromium: tests/e2e/suggest-protocol.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { saveEnsemble, storedSizeMb, type NewStoredEnsemble } from '../../web/lib/ensemble-store.ts';

const record = (members: number): NewStoredEnsemble => ({
  margin_mm: 5,
  files_key: '[]',
  elapsed_s: 1,
  cancelled: false,
  protocols: [
    {
      id: 'p',
      label: 'P',
      colour: '#000000',
      uncertainty: { inputs: [], placement_error_mm: [1, 0, 1], samples: members, seed: 1, design: 'lhs' } as never,
      summary: { members: Array.from({ length: members }, (_, i) => ({ index: i, inputs: {}, offset_mm: [0, 0, 0], error: 'x'.repeat(1000) })) } as never,
    },
  ],
});

describe('ensemble store', () => {
  it('measures the record as JSON', () => {
    expect(storedSizeMb(record(2000))).toBeGreaterThan(2);
    expect(storedSizeMb(record(2000))).toBeLessThan(2.2);
  });

  it('refuses a record over the cap with a message naming the size, the cap and the downloads', async () => {
    const r = await saveEnsemble(record(3000), 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^This ensemble \(3 MB\) is larger than the 1 MB the browser keeps.*download the members \(CSV\) or the ensemble \(JSON\)/);
  });
});
