import { signal } from '@preact/signals';
import type { callView } from '../../channels/agent/callView.js';
import { api } from '../shared/api.js';
import { t } from '../shared/words.js';

export type CallView = ReturnType<typeof callView>;
export type Answer = { id: string; question: string; text: string; sources: { title: string; url?: string; tier: string; verifiedAt: string }[] };

/** The call on screen, what the assistant answered to the last action, and a problem to show. */
export const call = signal<CallView | null>(null);
export const replies = signal<string[]>([]);
export const problem = signal('');
export const busy = signal(false);
/** Full numbers the agent chose to see (each look is audited on the server), by person and field. */
export const revealed = signal<Record<string, string>>({});
/** Proofs the caller confirmed having, per member and document: ticked on the agent's screen as they answer. */
export const ticked = signal<Record<string, boolean>>({});

async function act(method: string, path: string, body?: unknown): Promise<boolean> {
  busy.value = true;
  const answer = await api<{ call: CallView; replies: { text: string }[] }>(method, path, body);
  busy.value = false;
  if (!answer.ok) {
    problem.value = answer.message || t('console.staff.networkProblem');
    return false;
  }
  problem.value = '';
  call.value = answer.body.call;
  replies.value = answer.body.replies.map((reply) => reply.text);
  return true;
}

export function startCall(region: string): Promise<boolean> {
  revealed.value = {};
  ticked.value = {};
  return act('POST', '/api/v1/agent/calls', { region });
}

const callPath = (suffix: string): string => `/api/v1/agent/calls/${encodeURIComponent(call.value?.id ?? '')}${suffix}`;

export const sayCallerWords = (text: string): Promise<boolean> => act('POST', callPath('/say'), { text });
export const editField = (slot: string, value: string): Promise<boolean> => act('POST', callPath('/edit'), { slot, value });
export const recordConsent = (): Promise<boolean> => act('POST', callPath('/consent'));
export const fileApplication = (): Promise<boolean> => act('POST', callPath('/file'));
export const refreshCall = (): Promise<boolean> => act('GET', callPath(''));

export async function reveal(person: 'applicant' | 'current' | number, field: 'idNumber' | 'phone'): Promise<void> {
  const answer = await api<{ value: string }>('POST', callPath('/reveal'), { person, field });
  if (answer.ok) revealed.value = { ...revealed.value, [`${person}.${field}`]: answer.body.value };
  else problem.value = answer.message;
}

export function endCall(): void {
  call.value = null;
  replies.value = [];
  problem.value = '';
}

export async function searchAnswers(query: string, region: string | null): Promise<Answer[]> {
  const parameters = new URLSearchParams({ q: query, ...(region ? { region } : {}) });
  const answer = await api<{ answers: Answer[] }>('GET', `/api/v1/agent/answers?${parameters.toString()}`);
  return answer.ok ? answer.body.answers : [];
}
