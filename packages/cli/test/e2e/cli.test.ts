import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const main = new URL('../../bin/starling.js', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('starling CLI (built)', () => {
  it('prints its version', () => {
    const out = execFileSync(process.execPath, [main, '--version'], { encoding: 'utf8' });
    assert.equal(out.trim(), pkg.version);
  });

  it('prints help naming itself', () => {
    const out = execFileSync(process.execPath, [main, '--help'], { encoding: 'utf8' });
    assert.match(out, /Usage: starling/);
  });

  it('rejects an unknown command with a non-zero exit', () => {
    const r = spawnSync(process.execPath, [main, 'no-such-command'], { encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /^error: /);
  });
});
