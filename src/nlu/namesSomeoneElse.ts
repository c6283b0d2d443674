import { parsePersonName, startsWithSurname } from '../domain/index.js';
import { isPlausibleName } from './findEntities.js';
import type { PeopleCues } from './peopleCues.js';
import type { Token } from './prepareText.js';
import type { Entity } from './reading.js';

/** Han names have two to four characters (a middle-dot name is never said bare in a question). */
const nameLengths = [4, 3, 2] as const;
const hanOnly = /^[\u3400-\u4DBF\u4E00-\u9FFF]+$/;
const clauseBreak = /[，,。.;；!！?？\n、:：\s]/g;

/**
 * The name of someone a message asks about by a bare name — no relationship word, no cue that makes it the
 * person's own ("我叫…", "本人…") — as the owner or the subject of what it asks: "帮我查查王桂兰的看病记录",
 * "孙立国都绑了谁", "马德福有没有开通". Such a name opens a clause or follows one of the editors' lookup words
 * (people.yaml `askedAbout`), starts with a surname, is no word the dictionary knows as something else ("高血压的…",
 * `isNonNameWord`) and is followed by one of the words that make it the owner or subject (的, 有没有). A name the
 * entity reader found (the person's own, a relative's) is never someone else, nor is one whose relative is spoken of
 * ("王秀英的老伴能绑吗", retold by a hotline agent), nor one asked about only as to what the rules allow them ("李建军有没有
 * 资格开共济", people.yaml `askedAbout.rules`). A name ends where a word of the message ends: "智慧医保里…" starts with
 * a surname and jieba knows 智慧 as a given name, but the segmenter reads 智慧医保 as one word. Null: the message names
 * no one so.
 */
export function namesSomeoneElse(folded: string, entities: readonly Entity[], cues: PeopleCues, isNonNameWord: (word: string) => boolean = () => false, tokens: readonly Token[] = []): string | null {
  const starts = new Set<number>([0]);
  for (const found of folded.matchAll(clauseBreak)) starts.add(found.index + found[0].length);
  for (const found of folded.matchAll(cues.askedAbout.lookup)) starts.add(found.index + found[0].length);
  for (const start of starts) {
    for (const length of nameLengths) {
      const end = start + length;
      if (end > folded.length || entities.some((entity) => entity.start < end && start < entity.end)) continue;
      if (tokens.some((token) => token.start < end && end < token.start + token.word.length)) continue;
      const value = folded.slice(start, end);
      if (!hanOnly.test(value) || !startsWithSurname(value) || cues.wordSeconds.has(value[1] ?? '')) continue;
      if (!parsePersonName(value).ok || !isPlausibleName(value, cues) || isNonNameWord(value)) continue;
      // "阿拉外孙囡好绑伐？伊参的是上海居民医保": after a relative, a pronoun that is also a surname (伊, 渠) speaks of them.
      if (cues.memberPronouns.has(value[0]!) && entities.some((entity) => entity.kind === 'relationship' && entity.end <= start)) continue;
      const owned = cues.askedAbout.owns.exec(folded.slice(end));
      if (!owned) continue;
      const after = end + owned[0].length;
      // "王秀英的老伴能绑吗": whose relative is spoken of is the one who would apply, retold by whoever types.
      // "李建军有没有资格开共济": what the rules allow them is asked, which anyone may ask of anyone.
      if (!entities.some((entity) => entity.kind === 'relationship' && entity.start === after) && !cues.askedAbout.rules.test(folded.slice(after))) return value;
    }
  }
  return null;
}
