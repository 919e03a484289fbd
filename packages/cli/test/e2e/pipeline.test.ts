import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { vectorsDir } from '../../../../scripts/shared-paths.ts';

const starling = new URL('../../bin/starling.js', import.meta.url).pathname;
const fibLoop = join(vectorsDir, 'cairo-vm', 'cairo-examples', 'fib_loop.casm');
const dir = mkdtempSync(join(tmpdir(), 'starling-pipeline-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [starling, ...args], { encoding: 'utf8', cwd: dir });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// The whole toolchain through the built CLI: run a compiler-produced CASM program on the VM in
// proof mode, prove the execution, verify the proof, and reject a tampered one.
describe('starling run → prove → verify', () => {
  it('fib_loop(1, 1, 7) returns 21, as the upstream example test expects', () => {
    const r = cli('run', fibLoop, '--args', '1,1,7');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).return_values, ['0x15']);
  });

  it('proves the proof-mode run and verifies the proof; a tampered proof fails', () => {
    const run = cli(
      'run',
      fibLoop,
      '--args',
      '1,1,7',
      '--proof-mode',
      '--trace-file',
      't.bin',
      '--memory-file',
      'm.bin',
      '--air-public-input',
      'pub.json',
      '--air-private-input',
      'priv.json',
    );
    assert.equal(run.status, 0, run.stderr);
    const prove = cli(
      'prove',
      '--trace',
      't.bin',
      '--memory',
      'm.bin',
      '--public-input',
      'pub.json',
      '--private-input',
      'priv.json',
      '--out',
      'proof.json',
    );
    assert.equal(prove.status, 0, prove.stderr);
    assert.equal(cli('verify', 'proof.json').status, 0);

    const proof = JSON.parse(readFileSync(join(dir, 'proof.json'), 'utf8'));
    proof.proof.powNonce += 1;
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(proof));
    assert.notEqual(cli('verify', 'tampered.json').status, 0);
    assert.notEqual(cli('verify', 'missing.json').status, 0);
  });
});
