/** Chinese word segmentation, injected so the understanding code stays pure (the jieba adapter lives in adapters/). */
export interface Segmenter {
  cut(text: string): string[];
}
