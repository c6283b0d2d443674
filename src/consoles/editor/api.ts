import { loadStaff as loadStaffFrom } from '../shared/api.js';

export { api, signOut, staff, type ApiAnswer, type StaffMember } from '../shared/api.js';

export function loadStaff(): Promise<void> {
  return loadStaffFrom('/api/v1/editor/whoami');
}
