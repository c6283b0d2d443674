import type { ServerResponse } from 'node:http';
import { apiErrorBody, type ApiProblem } from './apiProblem.js';
import type { WebMessages } from './webMessages.js';

/**
 * Plain node:http writing, so the same endpoints run behind Express or straight on the server (the hot path of
 * POST /api/v1/chat skips Express, see createWebServer).
 */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Content-Length', Buffer.byteLength(text));
  response.end(text);
}

export function sendProblem(response: ServerResponse, problem: ApiProblem, messages: WebMessages): void {
  sendJson(response, problem.status, apiErrorBody(problem, messages));
}
