import { Router } from 'express';
import type { StaffGate } from '../staff/staffGate.js';
import { whoami } from '../staff/createStaffRoutes.js';

/** /api/v1/agent/…: the hotline agent's workspace API. Admins may use it too (to help or to check). */
export function createAgentRoutes(options: { gate: StaffGate }): Router {
  const router = Router();
  router.get('/whoami', options.gate.requireStaff('any', { beforePasswordChange: true }), whoami);
  return router;
}
