// The committed spec bundles, generated types, method table and error table agree with the official
// OpenRPC documents in ../shared/starknet-specs (read here directly, as the oracle).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { specsDir } from '../../../../scripts/shared-paths.ts';
import { generateWireTypes } from '../../scripts/gen-wire-types.ts';
import { BUNDLED_VERSIONS, bundleSpec, SPEC_FILES } from '../../scripts/spec-bundle.ts';
import { createRpcServer, loadSpecBundle, STARKNET_ERRORS } from '../../src/index.ts';
import { vectorApi } from '../helpers/vector-api.ts';

type Doc = {
  methods: { name: string }[];
  components?: { errors?: Record<string, { code: number; message: string }> };
};
const official = (version: string, file: string): Doc =>
  JSON.parse(readFileSync(join(specsDir, version, file), 'utf8'));

test('committed spec bundles are exactly what scripts/spec-bundle.ts builds from the official files', () => {
  for (const version of BUNDLED_VERSIONS) {
    const committed = readFileSync(new URL(`../../spec/${version}.json`, import.meta.url), 'utf8');
    assert.equal(committed, bundleSpec(join(specsDir, version), version), `spec/${version}.json is stale`);
  }
});

test('generated wire types and StarknetApi are up to date', () => {
  const { wireTypes, starknetApi } = generateWireTypes(loadSpecBundle('0.10.3'));
  const read = (f: string) => readFileSync(new URL(`../../src/generated/${f}`, import.meta.url), 'utf8');
  assert.equal(read('wire-types.ts'), wireTypes);
  assert.equal(read('starknet-api.ts'), starknetApi);
});

test('every read, write, trace and executables method of 0.10.3 and 0.9.0 is served, ws methods only over ws', () => {
  const server = createRpcServer({ api: vectorApi(), subscriptions: {} as never });
  for (const version of ['0.10.3', '0.9.0'] as const) {
    const served = server.dispatcher(version).methods;
    const httpMethods = SPEC_FILES.filter((f) => f !== 'starknet_ws_api.json').flatMap((f) =>
      official(version, f).methods.map((m) => m.name),
    );
    assert.ok(httpMethods.includes('starknet_getCompiledCasm'));
    for (const name of httpMethods) {
      assert.ok(served.get(name) && !served.get(name)?.wsOnly, `${version}: ${name} missing`);
    }
    const ws = official(version, 'starknet_ws_api.json').methods.map((m) => m.name);
    for (const name of ws.filter((n) => /^starknet_(subscribe|unsubscribe)/.test(n))) {
      assert.equal(served.get(name)?.wsOnly, true, `${version}: ${name} should be ws-only`);
    }
    for (const name of ws.filter((n) => n.startsWith('starknet_subscription'))) {
      assert.equal(served.has(name), false, `${name} is a notification, not a method`);
    }
    const starknet = [...served.keys()].filter((n) => n.startsWith('starknet_'));
    assert.equal(starknet.length, httpMethods.length + 6, `${version}: no method beyond the spec`);
  }
});

test('the error table equals the errors of every 0.10.3 spec file (name, code, message)', () => {
  const fromSpec: Record<string, { code: number; message: string }> = {};
  for (const file of SPEC_FILES) {
    for (const [name, e] of Object.entries(official('0.10.3', file).components?.errors ?? {})) {
      fromSpec[name] = { code: e.code, message: e.message };
    }
  }
  const ours = Object.fromEntries(Object.entries(STARKNET_ERRORS).map(([n, e]) => [n, { ...e }]));
  assert.deepEqual(ours, fromSpec);
  for (const code of [1, 10, 20, 21, 24, 27, 28, 29, 31, 32, 33, 34, 40, 41, 42, 51, 65, 66, 69, 100]) {
    assert.ok(
      Object.values(ours).some((e) => e.code === code),
      `code ${code}`,
    );
  }
});
