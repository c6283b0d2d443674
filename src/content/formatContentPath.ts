/** `['entries', 3, 'paraphrases', 0]` → `entries[3].paraphrases[0]`; keys that are not plain words are quoted (`messages["a b"]`). */
export function formatContentPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (!/^[A-Za-z_$][\w$.-]*$/.test(name)) return `[${JSON.stringify(name)}]`;
      return index === 0 ? name : `.${name}`;
    })
    .join('');
}
