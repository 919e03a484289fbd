// ws liveness: a peer that never answers pings is dropped (its subscriptions end); a live client stays.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { startTestServer } from '../helpers/test-server.ts';
import { TestHub } from '../helpers/test-subscriptions.ts';
import { WsClient } from '../helpers/ws-client.ts';

test('peers silent for a whole ping period are terminated; live clients keep their subscriptions', async () => {
  const hub = new TestHub();
  const s = await startTestServer({ subscriptions: hub.source(), limits: { wsPingIntervalMs: 100 } });
  const port = Number(new URL(s.url).port);
  const live = await WsClient.connect(`ws://127.0.0.1:${port}/ws`);
  await live.request('starknet_subscribeNewHeads');
  // A raw TCP peer: completes the handshake, then never reads frames or answers pings.
  const dead = connect(port, '127.0.0.1');
  const handshake = [
    'GET /ws HTTP/1.1',
    'Host: 127.0.0.1',
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n');
  const upgraded = new Promise<string>((resolve) => dead.once('data', (d) => resolve(d.toString())));
  dead.write(handshake);
  assert.match(await upgraded, /^HTTP\/1\.1 101/);
  const closed = new Promise<void>((resolve) => dead.once('close', () => resolve()));
  const t0 = Date.now();
  await closed;
  assert.ok(Date.now() - t0 < 5000);
  assert.equal(live.ws.readyState, live.ws.OPEN, 'the live client answered its pings');
  assert.equal(hub.open(), 1);
  await live.close();
  await s.close();
});
