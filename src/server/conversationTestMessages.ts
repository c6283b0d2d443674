/**
 * What a failed conversation test tells editors (in the console) and developers (in vitest). Like the checker's
 * wording it lives in code: it describes content that may itself be broken.
 */
export const conversationTestMessages = {
  turn: (index: number, user: string) => `第 ${index} 轮「${user}」`,
  expected: (what: string, expected: string, actual: string) => `${what}应为 ${expected}，实际是 ${actual}`,
  missingWords: (words: string) => `回答里应有「${words}」`,
  unexpectedWords: (words: string) => `回答里不应有「${words}」`,
  formInProgress: (status: string) => `此时不应有进行中的表单，实际状态是 ${status}`,
  refused: (message: string) => `对话被拒绝：${message}`,
  noCode: '这一轮要输入短信验证码（{code}），但后端还没有发过验证码',
  noApplicant: '测试没有写明申请人（applicant），对话里也没有身份证号',
  route: '路由',
  topic: '主题',
  pending: '待填项',
  status: '表单状态',
  members: '家人数',
  slot: (slot: string) => `槽位 ${slot} `,
  slots: '已填槽位',
  filed: '后端申请数',
  expects: '待答问题的输入类型',
  progress: '进度（第几步/共几步 步骤名（已添加家人数））',
  none: '无',
};
