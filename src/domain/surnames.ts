/**
 * Common Chinese surnames (single and compound). A bare word is taken as a name only when it starts with one,
 * so "高兴" or "明白" typed alone are still read as words when the stop-list misses them.
 */
const singleSurnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤' +
  '常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由'.split('');

const compoundSurnames =
  '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 夏侯 轩辕 令狐 端木 独孤 南宫 西门 百里 呼延 万俟 澹台 公冶 太史 申屠 钟离 闻人 赫连 拓跋 濮阳 淳于 单于 东郭 鲜于 谷梁 亓官 仲孙 巫马 公西 漆雕 乐正 壤驷 公良 羊舌 微生 梁丘 左丘 东门 第五'.split(' ');

const singles = new Set(singleSurnames);
const compounds = new Set(compoundSurnames);

/** Whether the text starts with a 复姓 (欧阳, 司马…). */
export function compoundSurnameAt(text: string): boolean {
  return compounds.has(text.slice(0, 2));
}

/** Characters of the surname the text starts with: 2 for 欧阳…, 1 for 王…, 0 when it starts with none. */
export function surnameLength(text: string): number {
  if (compoundSurnameAt(text)) return 2;
  return singles.has(text.slice(0, 1)) ? 1 : 0;
}

/** Whether the word is a surname and 1–2 characters of given name. */
export function startsWithSurname(word: string): boolean {
  const surname = surnameLength(word);
  return surname > 0 && word.length > surname && word.length <= surname + 2;
}
