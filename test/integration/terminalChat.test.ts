import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { numberedQuickReplies, pickQuickReply } from '../../src/channels/terminal/quickReplyNumbers.js';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** `npm run chat 210200` with the given lines typed, until the assistant has said `until`. */
async function chat(lines: string[], until: RegExp): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/channels/terminal/main.ts', '210200'], { cwd: repositoryRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${until} in:\n${output}`)), 20_000);
      let typed = false;
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (!typed && output.includes('您：')) {
          typed = true;
          child.stdin.write(lines.map((line) => `${line}\n`).join(''));
        }
        if (until.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`chat ended early:\n${output}`)));
    });
  } finally {
    child.kill();
  }
  return output;
}

describe('terminal chat: quick replies by number', () => {
  it('numbers the quick replies and picks the one whose number is typed', async () => {
    const output = await chat(['1'], /姓名/);
    expect(output).toMatch(/\[1\] 我要办理绑定/);
    expect(output).not.toMatch(/没太明白|换个说法/);
  }, 30_000);

  it('sends anything that is not the number of an offered reply as typed', () => {
    const offered = ['配偶', '父亲', '母亲'];
    expect(pickQuickReply('2', offered)).toBe('父亲');
    expect(pickQuickReply(' ３ ', offered)).toBe('母亲');
    expect(pickQuickReply('4', offered)).toBe('4');
    expect(pickQuickReply('0', offered)).toBe('0');
    expect(pickQuickReply('2', [])).toBe('2');
    expect(pickQuickReply('13812345678', offered)).toBe('13812345678');
    expect(pickQuickReply('我选2', offered)).toBe('我选2');
    expect(numberedQuickReplies(offered, (number, title) => `[${number}] ${title}`)).toBe('  [1] 配偶  [2] 父亲  [3] 母亲');
  });
});
