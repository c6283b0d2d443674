import { describe, expect, it } from 'vitest';
import { demoPeople, demoRegistry, demoSeedApplications } from '../../src/backend-stub/demoRegistry.js';
import { balanceOfUnknownPeople } from '../../src/backend-stub/insuranceRegistry.js';
import { parseIdNumber, parsePhone, regionLineage } from '../../src/domain/index.js';
import { newPerson } from './backendHarness.js';

const today = new Date('2026-11-20T00:00:00.000Z');

describe('the demo registry', () => {
  it('holds valid, distinct ID numbers (correct check digits) and known insured regions', () => {
    for (const person of demoPeople) {
      expect(parseIdNumber(person.idNumber, today), person.name).toMatchObject({ ok: true, value: { value: person.idNumber } });
      expect(regionLineage(person.insuredRegion).length, person.name).toBeGreaterThan(1);
    }
    expect(new Set(demoPeople.map((person) => person.idNumber)).size).toBe(demoPeople.length);
  });

  it('seeds only people it knows, with valid phone numbers', () => {
    const known = new Set<string>(demoPeople.map((person) => person.idNumber));
    for (const seed of demoSeedApplications) {
      for (const person of [seed.applicant, ...seed.members]) {
        expect(known.has(person.idNumber), person.name).toBe(true);
        expect(parsePhone(person.phone).ok).toBe(true);
      }
    }
  });

  it('treats anyone else as 职工医保-insured with a balance where the application is made', () => {
    expect(demoRegistry.lookup(newPerson().idNumber, '430100')).toEqual({ insurance: 'employee', balance: balanceOfUnknownPeople, insuredRegion: '430100' });
  });
});
