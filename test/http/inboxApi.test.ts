import { beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff } from './staffClient.js';
import { useTestServer } from './testServer.js';
import { unansweredQuestion as unanswered, unansweredQuestionEntry } from '../helpers/unansweredQuestion.js';

describe('the editors\' inbox API', () => {

  async function ask(text: string, region: string): Promise<void> {
    const answer = await server.post('/api/v1/chat', { text, region });
    expect(answer.status).toBe(200);
  }

  const server = useTestServer({ LOG_LEVEL: 'silent', START_BACKEND_STUB: 'false', CONTENT_STORE: 'memory' });

  beforeAll(async () => {
    await ask(unanswered, '210200');
    await ask(unanswered, '370900');
    await ask(`${unanswered}呀`, '210200');
    await ask('今天天气怎么样', '210200');
    await ask('家庭共济是什么', '210200');
    await server.insights.recorder.flush();
  });

  it('lists what was not answered confidently, alike wordings together with their counts and regions, and nothing that was answered', async () => {
    const editor = await signedInStaff(server, 'li.na', 'editor');
    const answer = await editor.request('GET', '/api/v1/editor/inbox');
    expect(answer.status).toBe(200);
    const group = answer.body.groups.find((candidate: { question: string }) => candidate.question === unanswered);
    expect(group).toMatchObject({ count: 3, regions: { '210200': 2, '370900': 1 } });
    expect(group.questions).toHaveLength(2);
    expect(answer.body.groups.some((candidate: { question: string }) => candidate.question.includes('家庭共济是什么'))).toBe(false);
    expect(answer.body.groups.some((candidate: { question: string }) => candidate.question === '今天天气怎么样')).toBe(true);
    const taianOnly = await editor.request('GET', '/api/v1/editor/inbox?region=370900');
    expect(taianOnly.body.groups.map((candidate: { count: number }) => candidate.count)).toEqual([1]);
  });

  it('turns a question into an example of an FAQ entry in a new draft, masking any number typed into it, and takes it out of the list', async () => {
    const editor = await signedInStaff(server, 'wang.fang', 'editor');
    const { groups } = (await editor.request('GET', '/api/v1/editor/inbox')).body;
    const group = groups.find((candidate: { question: string }) => candidate.question === unanswered);
    const keys = group.questions.map((question: { key: string }) => question.key);
    const text = `${unanswered}，我电话13912345678`;
    const resolved = await editor.request('POST', '/api/v1/editor/inbox/resolve', { action: 'example', keys, text, family: 'faq', label: unansweredQuestionEntry });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ path: 'flows/nlu/faq.yaml', target: `faq:${unansweredQuestionEntry}` });
    const version = await editor.request('GET', `/api/v1/editor/versions/${resolved.body.draft}`);
    expect(version.body.version.status).toBe('draft');
    const file = version.body.files.find((candidate: { path: string }) => candidate.path === 'flows/nlu/faq.yaml').text as string;
    expect(file).toContain(`${unanswered}，我电话139****5678`);
    expect(file).not.toContain('13912345678');
    expect(version.body.problems).toEqual([]);
    const after = (await editor.request('GET', '/api/v1/editor/inbox')).body.groups;
    expect(after.some((candidate: { question: string }) => candidate.question === unanswered)).toBe(false);
    const audit = await server.staff.audit.list({ action: 'inbox.example' });
    expect(audit.map((entry) => entry.login)).toEqual(['wang.fang']);
  });

  it('starts a new FAQ entry in the draft asked for; the checker then asks for its answer before it can be submitted', async () => {
    const editor = await signedInStaff(server, 'zhou.min', 'editor');
    const draft = (await editor.request('POST', '/api/v1/editor/drafts', {})).body.version.number as number;
    const { groups } = (await editor.request('GET', '/api/v1/editor/inbox')).body;
    const weather = groups.find((candidate: { question: string }) => candidate.question === '今天天气怎么样');
    const resolved = await editor.request('POST', '/api/v1/editor/inbox/resolve', { action: 'new-faq', keys: [weather.key], text: '共济的钱每年会清零吗', topic: 'usage_scope', draft });
    expect(resolved.body).toMatchObject({ draft, path: 'flows/faq/usage_scope.yaml', target: 'inbox-1' });
    const version = await editor.request('GET', `/api/v1/editor/versions/${draft}`);
    expect(version.body.problems.some((problem: { file: string; path: string }) => problem.file === 'flows/faq/usage_scope.yaml' && problem.path.includes('answer'))).toBe(true);
    const submitted = await editor.request('POST', `/api/v1/editor/versions/${draft}/submit`, { message: '新问题' });
    expect(submitted.status).toBe(422);
  });

  it('refuses hotline agents, and a label that does not exist, in Chinese', async () => {
    const agent = await signedInStaff(server, 'zhao.lei', 'agent');
    expect((await agent.request('GET', '/api/v1/editor/inbox')).status).toBe(403);
    const editor = await signedInStaff(server, 'sun.li', 'editor');
    const wrong = await editor.request('POST', '/api/v1/editor/inbox/resolve', { action: 'example', keys: ['x'], text: '随便问问', family: 'intent', label: 'no_such_intent' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
