import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runE2eFile } from '../helpers/e2e-run.ts';
import { listE2eFiles } from '../helpers/golden.ts';

// Golden Sierra → CASM cases of the pinned compiler. A case whose program uses a libfunc this
// compiler cannot lower yet is reported as skipped with the libfunc names; every other case must
// produce exactly the expected CASM text and function costs.
describe('golden e2e: Sierra text → CASM text', () => {
  let total = 0;
  let matched = 0;
  for (const file of listE2eFiles()) {
    it(file, (t) => {
      const results = runE2eFile(file);
      const skipped = results.filter((r) => r.error?.startsWith('unsupported libfuncs'));
      const checked = results.filter((r) => !skipped.includes(r));
      total += results.length;
      matched += checked.filter((r) => r.casmOk).length;
      if (results.length === 0) return;
      t.diagnostic(
        `casm ${checked.filter((r) => r.casmOk).length}/${results.length}; skipped ${skipped.length} (${[
          ...new Set(skipped.flatMap((s) => s.error!.replace('unsupported libfuncs: ', '').split(', '))),
        ].join(', ')})`,
      );
      for (const r of checked) {
        assert.ok(r.casmOk, `${file} / ${r.name}: ${r.error ?? r.diff}`);
        assert.ok(r.costsOk, `${file} / ${r.name}: function costs differ`);
      }
    });
  }
  it('summary', (t) => {
    t.diagnostic(`golden CASM match: ${matched}/${total}`);
    assert.ok(total > 300);
  });
});
