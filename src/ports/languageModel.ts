/** An optional LLM behind a port (OpenAI-compatible); the product works fully without it. */
export interface LanguageModel {
  complete(request: { system: string; user: string; maxTokens?: number }): Promise<string>;
}
