import OpenAI from 'openai';
import type { LanguageModel } from '../ports/languageModel.js';

export type OpenAiLanguageModelOptions = { baseUrl: string; apiKey: string; model: string; timeoutMs: number };

/** Any OpenAI-compatible chat-completions server. One try, short timeout: the conversation never waits long on it. */
export function createOpenAiLanguageModel(options: OpenAiLanguageModelOptions): LanguageModel {
  const client = new OpenAI({ baseURL: options.baseUrl, apiKey: options.apiKey, timeout: options.timeoutMs, maxRetries: 0 });
  return {
    async complete(request) {
      const completion = await client.chat.completions.create({
        model: options.model,
        temperature: 0,
        max_tokens: request.maxTokens ?? 64,
        messages: [
          { role: 'system', content: request.system },
          { role: 'user', content: request.user },
        ],
      });
      return completion.choices[0]?.message?.content ?? '';
    },
  };
}
