import { exampleFeatures, featureKinds, vocabularyOf } from '../src/nlu/nluModel.js';
import { loadRepoEngine } from './evaluateRouting.js';

/**
 * What every FAQ bench starts from: the repository's engine and content, its segmenter and vocabulary, the topic
 * features the FAQ ranker reads, and each entry's topic.
 */
export async function loadFaqBench() {
  const context = await loadRepoEngine();
  const { content } = context;
  const segmenter = context.reader.segmenter;
  return {
    context,
    content,
    segmenter,
    vocabulary: vocabularyOf(content),
    featuresOf: exampleFeatures(content, segmenter)(featureKinds.faq),
    topicOf: new Map(content.faq.map((entry) => [entry.id, entry.topic])),
  };
}
