// A minimal JSON-RPC WebSocket client for tests: sends requests, collects every incoming message in order.
// biome-ignore-all lint/suspicious/noExplicitAny: a test client reads arbitrary JSON
import WebSocket from 'ws';

/** A connected test client. */
export class WsClient {
  readonly messages: any[] = [];
  private waiters: (() => void)[] = [];
  private nextId = 1;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()));
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static connect(url: string): Promise<WsClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once('open', () => resolve(new WsClient(ws)));
      ws.once('error', reject);
    });
  }

  /** Resolves once a message satisfies `pred` (searching all received so far). */
  async waitFor(pred: (m: any) => boolean, timeoutMs = 5000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(pred);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no matching ws message; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }

  /** Sends a request and waits for its response. */
  async request(method: string, params?: unknown): Promise<any> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    return this.waitFor((m) => m.id === id);
  }

  /** Notifications received for one subscription id. */
  notifications(subscriptionId: string): any[] {
    return this.messages.filter((m) => m.method && m.params?.subscription_id === subscriptionId);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
