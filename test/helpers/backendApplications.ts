import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Application } from '../../src/ports/bindingBackend.js';

/** What the back-end stub holds for an applicant, read as an operator would (the shared secret in DATA_DIR). */
export async function backendApplications(backendUrl: string, dataDir: string, applicantIdNumber: string): Promise<Application[]> {
  const secret = (await readFile(path.join(dataDir, 'backend-secret'), 'utf8')).trim();
  const response = await fetch(`${backendUrl}/api/v1/admin/applications?applicant=${applicantIdNumber}`, { headers: { authorization: `Bearer ${secret}` } });
  if (!response.ok) throw new Error(`back end answered ${response.status}`);
  return ((await response.json()) as { applications: Application[] }).applications;
}
