export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let offset = 0; offset < bytes.length; offset += chunk) binary += String.fromCharCode(...bytes.subarray(offset, offset + chunk));
  return btoa(binary);
}

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const base64Values = new Uint8Array(128);
for (let index = 0; index < base64Alphabet.length; index += 1) base64Values[base64Alphabet.charCodeAt(index)] = index;

/** Decodes base64 in one pass over a typed array: a model's weights are megabytes, and start-up waits for them. */
export function fromBase64(text: string): Uint8Array {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let out = 0;
  for (let index = 0; index < text.length; index += 4) {
    const chunk =
      (base64Values[text.charCodeAt(index)]! << 18) |
      (base64Values[text.charCodeAt(index + 1)]! << 12) |
      (base64Values[text.charCodeAt(index + 2)]! << 6) |
      base64Values[text.charCodeAt(index + 3)]!;
    if (out < bytes.length) bytes[out++] = (chunk >> 16) & 255;
    if (out < bytes.length) bytes[out++] = (chunk >> 8) & 255;
    if (out < bytes.length) bytes[out++] = chunk & 255;
  }
  return bytes;
}
