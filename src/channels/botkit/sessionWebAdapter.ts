import { WebAdapter } from 'botbuilder-adapter-web';

/**
 * botbuilder-adapter-web's WebAdapter, with a way to stop its heartbeat. The adapter starts a 30-second ping
 * interval inside createSocketServer and keeps no handle to it, so a server could never shut down cleanly; the
 * handle is caught here while that one synchronous call runs.
 */
export class SessionWebAdapter extends WebAdapter {
  #heartbeat: ReturnType<typeof globalThis.setInterval> | undefined;

  override createSocketServer(server: unknown, socketOptions: unknown, logic: unknown): void {
    const originalSetInterval = globalThis.setInterval;
    const capturingSetInterval = (...args: Parameters<typeof originalSetInterval>) => {
      const handle = originalSetInterval(...args);
      this.#heartbeat = handle;
      return handle;
    };
    globalThis.setInterval = capturingSetInterval as typeof globalThis.setInterval;
    try {
      super.createSocketServer(server, socketOptions, logic);
    } finally {
      globalThis.setInterval = originalSetInterval;
    }
  }

  stopHeartbeat(): void {
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
  }
}
