import { createMemoryBackendStore } from '../../src/backend-stub/memoryBackendStore.js';
import { createMemoryAuditLog } from '../../src/adapters/memoryAuditLog.js';
import { createMemoryContentStore } from '../../src/adapters/memoryContentStore.js';
import { createMemoryHandoffs } from '../../src/adapters/memoryHandoffs.js';
import { createMemoryOutbox } from '../../src/adapters/memoryOutbox.js';
import { createMemorySessionStore } from '../../src/adapters/memorySessionStore.js';
import { createMemoryStaffSessions } from '../../src/adapters/memoryStaffSessions.js';
import { createMemoryStaffStore } from '../../src/adapters/memoryStaffStore.js';
import { runAuditLogContract } from './auditLog.contract.js';
import { runBackendStoreContract } from './backendStore.contract.js';
import { runContentStoreContract } from './contentStore.contract.js';
import { runHandoffsContract } from './handoffs.contract.js';
import { runOutboxContract } from './outbox.contract.js';
import { runSessionStoreContract } from './sessionStore.contract.js';
import { runStaffSessionsContract } from './staffSessions.contract.js';
import { runStaffStoreContract } from './staffStore.contract.js';

runSessionStoreContract('memory', async () => {
  const outbox = createMemoryOutbox();
  return { store: createMemorySessionStore({ outbox }), outbox };
});

runOutboxContract('memory', async () => ({ outbox: createMemoryOutbox() }));

runHandoffsContract('memory', async () => ({ handoffs: createMemoryHandoffs() }));

runStaffStoreContract('memory', async () => ({ store: createMemoryStaffStore() }));

runStaffSessionsContract('memory', async (options) => ({ sessions: createMemoryStaffSessions(options) }));

runAuditLogContract('memory', async () => ({ log: createMemoryAuditLog() }));

runContentStoreContract('memory', async () => ({ create: async () => createMemoryContentStore() }));

runBackendStoreContract('memory', async () => ({ store: createMemoryBackendStore() }));
