import { emptyBackendData, type BackendData } from './backendData.js';
import type { BackendStore } from './backendStore.js';

/**
 * Records in memory as JSON text per record, so read() gives what was committed even after the service changed its
 * objects in place during a change that then failed.
 */
export function createMemoryBackendStore(initial: BackendData = emptyBackendData()): BackendStore {
  let meta = JSON.stringify({ version: initial.version, seeded: initial.seeded, lastSequence: initial.lastSequence, recordSequences: initial.recordSequences });
  const applications = new Map(initial.applications.map((application) => [application.id, JSON.stringify(application)]));
  const bindings = new Map(initial.bindings.map((binding) => [bindingKey(binding), JSON.stringify(binding)]));
  return {
    async read() {
      return {
        ...(JSON.parse(meta) as Omit<BackendData, 'applications' | 'bindings'>),
        applications: [...applications.values()].map((text) => JSON.parse(text)),
        bindings: [...bindings.values()].map((text) => JSON.parse(text)),
      };
    },
    async commit(change) {
      meta = JSON.stringify(change.meta);
      for (const application of change.applications) applications.set(application.id, JSON.stringify(application));
      for (const binding of change.bindings) bindings.set(bindingKey(binding), JSON.stringify(binding));
    },
  };
}

/** A binding is one member of one application. */
export function bindingKey(binding: { applicationId: string; member: { idNumber: string } }): string {
  return `${binding.applicationId}/${binding.member.idNumber}`;
}
