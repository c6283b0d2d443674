import { maskIdNumber, maskName, maskPhone, maskSensitiveText } from '../domain/masking.js';
import type { Reading } from '../nlu/reading.js';

/**
 * A person's message as it may be kept for editors: the reading's normalised text with every ID number, phone number,
 * name and one-time code the reading found masked by the domain's masking, then any number it missed, then the names
 * this conversation's form already holds wherever they appear.
 */
export function maskQuestion(reading: Pick<Reading, 'normalised' | 'entities'>, knownNames: readonly string[] = []): string {
  let masked = '';
  let position = 0;
  for (const entity of [...reading.entities].sort((left, right) => left.start - right.start)) {
    if (entity.start < position) continue;
    const original = reading.normalised.slice(entity.start, entity.end);
    const replacement =
      entity.kind === 'idNumber'
        ? maskIdNumber(entity.raw)
        : entity.kind === 'phone'
          ? maskPhone(entity.raw)
          : entity.kind === 'name'
            ? original.replace(entity.value, maskName(entity.value))
            : entity.kind === 'oneTimeCode'
              ? '*'.repeat(entity.value.length)
              : original;
    masked += reading.normalised.slice(position, entity.start) + replacement;
    position = entity.end;
  }
  masked = maskSensitiveText(masked + reading.normalised.slice(position));
  for (const name of knownNames) if ([...name].length >= 2) masked = masked.replaceAll(name, maskName(name));
  return masked;
}
