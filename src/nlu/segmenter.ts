/** Chinese word segmentation, injected so the understanding code stays pure (the jieba adapter lives in adapters/). */
export interface Segmenter {
  cut(text: string): string[];
  /**
   * Whether the dictionary knows the word only as a function word (adverb, conjunction, particle, pronoun,
   * number…): "只有", "还要", "到底" are rare in the FAQ but say nothing about its topics. Optional: without it,
   * such words weigh as their rarity says.
   */
  isFunctionWord?(word: string): boolean;
  /**
   * Whether the dictionary knows the word whole as something other than a person's name: "高血压", "宋朝", "马上"
   * look like names (a surname first) but are words. Optional: without it, only the editors' not-names say so.
   */
  isNonNameWord?(word: string): boolean;
}
