import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from './logger.js';

type Closable = { close(): Promise<void> };
type Upgrade = [request: IncomingMessage, socket: Duplex, head: Buffer];

/**
 * Creates a websocket channel when the first upgrade request arrives, then hands it that request and every one
 * that came in meanwhile. Botkit and the Bot Framework SDK take about a second to load; loading them at start
 * would hold the JSON API (and /healthz) back by that second, for a channel that may not be used for a while.
 */
export function attachOnFirstUpgrade(server: Server, attach: () => Promise<Closable>, logger: Logger): Closable {
  let channel: Promise<Closable> | undefined;
  const waiting: Upgrade[] = [];

  const onUpgrade = (...upgrade: Upgrade): void => {
    waiting.push(upgrade);
    if (channel !== undefined) return;
    const started = performance.now();
    channel = attach();
    channel.then(
      () => {
        logger.info('websocket channel attached', { loadMs: Math.round(performance.now() - started) });
        // The channel listens for upgrades itself now; the ones that waited are passed on to it.
        server.off('upgrade', onUpgrade);
        for (const [request, socket, head] of waiting.splice(0)) server.emit('upgrade', request, socket, head);
      },
      (error: unknown) => {
        logger.error('websocket channel could not start', { error });
        for (const [, socket] of waiting.splice(0)) socket.destroy();
      },
    );
  };
  server.on('upgrade', onUpgrade);

  return {
    async close() {
      server.off('upgrade', onUpgrade);
      for (const [, socket] of waiting.splice(0)) socket.destroy();
      if (channel !== undefined) await (await channel).close();
    },
  };
}
