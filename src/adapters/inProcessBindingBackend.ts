import type { BackendResult, BackendService } from '../backend-stub/backendService.js';
import { httpStatusOf } from '../backend-stub/httpStatusOf.js';
import type { BackendOutcome, BindingBackend } from '../ports/bindingBackend.js';

/** The back-end service called directly, without HTTP: for engine and runner tests that need a real back end fast. */
export function createInProcessBindingBackend(service: BackendService): BindingBackend {
  return {
    async submit(request, idempotencyKey) {
      const result = await service.create(request, idempotencyKey);
      return result.ok ? { ok: true, value: result.value.application } : outcomeOf(result);
    },
    get: async (applicationId, access) => outcomeOf(await service.get(applicationId, access)),
    listForApplicant: async (applicantIdNumber, access) => outcomeOf(await service.listForApplicant(applicantIdNumber, access)),
    findByRecordNumber: async (recordNumber, access) => outcomeOf(await service.findByRecordNumber(recordNumber, access)),
    unbind: async (applicantIdNumber, memberIdNumber, idempotencyKey, access) => outcomeOf(await service.unbind(applicantIdNumber, memberIdNumber, idempotencyKey, access)),
    requestCode: async (subject, requester) => outcomeOf(await service.requestCode({ subject, requester })),
    verifyCode: async (subject, code, requester) => outcomeOf(await service.verifyCode({ subject, code, requester })),
  };
}

function outcomeOf<T>(result: BackendResult<T>): BackendOutcome<T> {
  if (result.ok) return result;
  const { code, message } = result.failure;
  return { ok: false, kind: 'refused', status: httpStatusOf[code], code, message };
}
