import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendApplications } from '../helpers/backendApplications.js';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { startAssistant } from './assistantServer.js';
import { chromiumAvailability, launchChromium, screenshotDir } from './chromium.js';

const availability = chromiumAvailability();

/** A 大连 caller and his mother; the ID the caller first gives has one digit wrong (its check digit fails). */
const applicant = { name: '王建国', idNumber: makeIdNumber({ region: '210203', birthDate: '1978-04-16', sex: 'male' }), phone: '13812345678' };
const mother = { name: '李秀英', idNumber: makeIdNumber({ region: '210204', birthDate: '1952-09-03', sex: 'female' }), phone: '13987654321' };
const mistyped = `${applicant.idNumber.slice(0, 16)}${(Number(applicant.idNumber[16]) + 1) % 10}${applicant.idNumber[17]}`;

describe.skipIf(!availability.available)('hotline agent workspace in Chromium', () => {
  let assistant: Awaited<ReturnType<typeof startAssistant>>;
  let browser: Browser;
  let page: Page;
  let agentId: string;
  let oneTimePassword: string;

  beforeAll(async () => {
    assistant = await startAssistant();
    const added = await assistant.staff.accounts.add('zhang.wei', 'agent', { staffId: 'cli', login: 'e2e' });
    if (!added.ok) throw new Error('agent not added');
    agentId = added.account.id;
    oneTimePassword = added.oneTimePassword;
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await assistant?.close();
  });

  const shot = (name: string) => page.screenshot({ path: `${screenshotDir}agent-${name}.png` });
  const field = (slot: string) => page.locator(`form.field[data-slot="${slot}"]`);
  const edit = async (slot: string, value: string) => {
    await field(slot).locator('input').fill(value);
    await field(slot).locator('input').press('Enter');
  };
  const callerSays = async (text: string) => {
    await page.locator('#caller-words').fill(text);
    await page.locator('#caller-words').press('Enter');
  };

  it('signs in with the one-time password, sets a new one, and starts a call for 大连', async () => {
    await page.goto(`${assistant.url}/agent`);
    await page.getByLabel('账号').fill('zhang.wei');
    await page.getByLabel('密码').fill(oneTimePassword);
    await shot('1-sign-in');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByLabel('当前密码（一次性密码）').fill(oneTimePassword);
    await page.getByLabel('新密码', { exact: true }).fill('zhang-wei-hotline');
    await page.getByLabel('再输一次新密码').fill('zhang-wei-hotline');
    await page.getByRole('button', { name: '保存新密码' }).click();

    await page.getByLabel('来电人参保地').selectOption('210200');
    await page.getByRole('button', { name: '开始通话' }).click();
    await expect.poll(() => page.locator('.on-call').textContent()).toContain('大连');
    await expect.poll(() => page.locator('.script .say').textContent()).toContain('家庭共济');
    await shot('2-call-started');
  });

  it('fills the binding for the caller’s mother by the caller’s words and direct edits, fixing an invalid ID', async () => {
    await callerSays('我想给我妈办一下家庭共济绑定');
    // The engine read the words: a form for the mother, now asking the caller's own name.
    await expect.poll(() => field('member.relationship').locator('.value').textContent()).toBe('母亲');
    await expect.poll(() => page.locator('.script .say').textContent()).toContain('您本人的名字');

    await edit('applicant.name', applicant.name);
    await expect.poll(() => field('applicant.name').getAttribute('class')).toContain('filled');
    await edit('applicant.idNumber', mistyped);
    await expect.poll(() => field('applicant.idNumber').getAttribute('class')).toContain('invalid');
    const reason = await field('applicant.idNumber').locator('.reason').textContent();
    expect(reason).toMatch(/身份证/);
    await shot('3-invalid-id');

    await edit('applicant.idNumber', applicant.idNumber);
    await expect.poll(() => field('applicant.idNumber').getAttribute('class')).toContain('filled');
    // Masked on screen until the agent asks to see it (which is audited).
    expect(await field('applicant.idNumber').locator('.value').textContent()).not.toContain(applicant.idNumber);

    await callerSays(`我手机号是${applicant.phone}`);
    await expect.poll(() => field('applicant.phone').getAttribute('class')).toContain('filled');
    await callerSays(`我妈叫${mother.name}`);
    await expect.poll(() => field('member.name').locator('.value').textContent()).toBe(mother.name);
    await edit('member.idNumber', mother.idNumber);
    await expect.poll(() => page.locator('.script .say').textContent()).toContain('手机号');
    await edit('member.phone', mother.phone);

    // The mother is added: the region's proof checklist and face recognition for her.
    const card = page.locator('article.member').first();
    await expect.poll(() => card.locator('h4').textContent()).toContain(mother.name);
    expect(await card.locator('.face').textContent()).toBe('需要人脸识别');
    expect(await card.locator('.proofs').textContent()).toMatch(/关系证明/);
    expect(await page.locator('.region .limits').textContent()).toContain('母亲：还可绑 0 人');
    await expect.poll(() => page.locator('.script .say').textContent()).toContain('还要给其他家人');
    await shot('4-member-added');

    // The caller asks a question on the way: a quick answer for 大连, with its source and date, from the keyboard.
    await page.keyboard.press('Alt+3');
    await page.keyboard.type('绑定后多久生效');
    await page.keyboard.press('Enter');
    const answer = page.locator('.answers .answer').first();
    await expect.poll(() => answer.locator('p').textContent()).toMatch(/参考：.+核实于 ?\d{4}-\d{2}-\d{2}/);
    // Rendered for the caller's region, saying whose rule it is (大连's own, or the national one it follows).
    expect(await answer.locator('p').textContent()).toMatch(/按(大连市|全国)/);
    await answer.scrollIntoViewIfNeeded();
    await shot('4b-quick-answer');
  });

  it('records consent by phone, files once, and shows the record number to read back', async () => {
    await expect.poll(() => page.locator('.consent .pledge').textContent()).toContain('我自愿');
    await page.keyboard.press('Alt+C');
    await expect.poll(() => page.locator('.consent-record').textContent()).toContain('电话同意');
    await expect.poll(() => page.locator('.script .say').textContent()).toContain('核对');
    await shot('5-consent-recorded');

    await page.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => page.locator('.record-number strong').textContent(), { timeout: 15_000 }).toMatch(/^GJ\d+/);
    const recordNumber = (await page.locator('.record-number strong').textContent()) ?? '';
    expect(await page.locator('.script .say').textContent()).toContain(recordNumber);
    await shot('6-filed');

    // The back end holds one application, carrying the consent record: by phone, read by this agent.
    const applications = await backendApplications(assistant.backendUrl, assistant.dataDir, applicant.idNumber);
    expect(applications).toHaveLength(1);
    const application = applications[0]!;
    expect(application.recordNumber).toBe(recordNumber);
    expect(application.members.map((member) => [member.relationship, member.name])).toEqual([['mother', mother.name]]);
    expect(application.consent).toMatchObject({ channel: 'phone', readBy: agentId });
    expect(application.consent?.pledgeVersion).toMatch(/^binding@/);

    // Every action is on the audit record with the agent's id and the conversation.
    const callId = (await assistant.staff.audit.list({ staffId: agentId, action: 'call.started' }))[0]?.conversationId ?? '';
    const actions = (await assistant.staff.audit.list({ conversationId: callId })).map((entry) => [entry.staffId, entry.action]);
    expect(actions).toEqual([
      [agentId, 'call.started'],
      [agentId, 'call.caller_words'],
      [agentId, 'call.edit'],
      [agentId, 'call.edit'],
      [agentId, 'call.edit'],
      [agentId, 'call.caller_words'],
      [agentId, 'call.caller_words'],
      [agentId, 'call.edit'],
      [agentId, 'call.edit'],
      [agentId, 'call.consent_recorded'],
      [agentId, 'call.filed'],
    ]);
    expect(JSON.stringify(await assistant.staff.audit.list())).not.toContain(mother.idNumber);
  });
});
