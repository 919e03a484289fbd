import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { abiString, pythonJsonString } from '@starling/protocol';
import { hash } from 'starknet';
import { artifactNames, loadArtifact } from '../helpers/artifacts.ts';

describe('ABI string for class hashes', () => {
  it('a string ABI is hashed verbatim', () => {
    assert.equal(abiString('[{"type":"impl"}]'), '[{"type":"impl"}]');
  });
  it('JSON ABIs serialise like starknet.js (formatSpaces(JSON.stringify)) for ASCII ABIs', async () => {
    const names = artifactNames().slice(0, 12);
    for (const name of names) {
      const { sierra } = await loadArtifact(name);
      const abi = (sierra as { abi: unknown }).abi;
      assert.equal(abiString(abi), hash.formatSpaces(JSON.stringify(abi)), name);
    }
  });
  it("follows Python's json.dumps defaults: separators and \\u escapes of non-ASCII", () => {
    assert.equal(
      pythonJsonString({ a: [1, 'x'], b: null, c: true }),
      '{"a": [1, "x"], "b": null, "c": true}',
    );
    assert.equal(pythonJsonString({ name: 'caf\u00e9 \u{1f600}' }), '{"name": "caf\\u00e9 \\ud83d\\ude00"}');
    assert.equal(pythonJsonString('tab\t"q"\u007f'), '"tab\\t\\"q\\"\u007f"');
  });
});
