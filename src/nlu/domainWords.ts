/**
 * Domain words the segmenter must keep whole: a general dictionary splits them (家庭/共济), and a split
 * word matches unrelated questions on its halves. The apps and accounts people name (随申办, 粤省事, 天府市民云…) are
 * the editors' words, in the app group of flows/synonyms.yaml, which the segmenter is taught too.
 */
export const domainWords: readonly string[] = [
  '家庭共济',
  '共济账户',
  '共济关系',
  '共济网',
  '个人账户',
  '个账',
  '历年账户',
  '亲情账户',
  '亲情账号',
  '亲情服务',
  '医保钱包',
  '承诺书',
  '告知书',
  '承诺制',
  '人脸识别',
  '刷脸',
  '职工医保',
  '居民医保',
  '城乡居民医保',
  '医保卡',
  '社保卡',
  '医保码',
  '医保电子凭证',
  '国家医保服务平台',
  '医保局',
  '统筹区',
  '近亲属',
  '出生医学证明',
  '出生证明',
  '结婚证',
  '户口本',
  '户口簿',
  '解绑',
  '绑定',
  '套现',
  '冒名就医',
  '骗保',
  '长护险',
  '惠民保',
  '定点药店',
  '定点医院',
];

/**
 * Whether a message says anything of the domain: one of the words above, a word of the editors' synonym groups
 * (flows/synonyms.yaml: 共济, 医保卡, 绑, 报销, 家人…) or a relative ("我妈"). One-character synonyms (加, 查, 妈) count
 * only as whole words, so they do not turn up inside unrelated words.
 */
export function namesTheDomain(normalised: string, tokens: readonly string[], namesARelative: boolean, synonyms: ReadonlyMap<string, string>): boolean {
  if (namesARelative) return true;
  if (tokens.some((token) => synonyms.has(token))) return true;
  if (domainWords.some((word) => normalised.includes(word))) return true;
  for (const word of synonyms.keys()) if (word.length > 1 && normalised.includes(word)) return true;
  return false;
}

/** The synonym group (flows/synonyms.yaml) whose words name the sharing itself: 共济, 个账共济, 家庭共济账户… */
const SHARING = '家庭共济';

/** The words of more than one character that name the sharing itself. */
export function sharingWords(synonyms: ReadonlyMap<string, string>): string[] {
  return [...synonyms].filter(([word, head]) => head === SHARING && word.length > 1).map(([word]) => word);
}
