import { ApplicationStatusSchema } from '../ports/bindingBackend.js';
import { backendErrorCodes } from './backendErrorCodes.js';
import { rejectionCodes } from './rejectionCodes.js';

/** Every message id the back end and the assistant's account of it use; derived from the code lists so it cannot drift. */
export const backendMessageIds: string[] = [
  ...ApplicationStatusSchema.options.map((status) => `backend.status.${status}`),
  ...rejectionCodes.map((code) => `backend.rejection.${code}`),
  ...backendErrorCodes.map((code) => `backend.error.${code}`),
  'backend.subject.applicant',
  'backend.subject.member',
  'backend.sms.code',
];
