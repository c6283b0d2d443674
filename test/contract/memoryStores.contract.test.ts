import { createMemoryHandoffs } from '../../src/adapters/memoryHandoffs.js';
import { runHandoffsContract } from './handoffs.contract.js';
import { createMemoryOutbox } from '../../src/adapters/memoryOutbox.js';
import { createMemorySessionStore } from '../../src/adapters/memorySessionStore.js';
import { runOutboxContract } from './outbox.contract.js';
import { runSessionStoreContract } from './sessionStore.contract.js';

runSessionStoreContract('memory', async () => {
  const outbox = createMemoryOutbox();
  return { store: createMemorySessionStore({ outbox }), outbox };
});

runOutboxContract('memory', async () => ({ outbox: createMemoryOutbox() }));

runHandoffsContract('memory', async () => ({ handoffs: createMemoryHandoffs() }));
