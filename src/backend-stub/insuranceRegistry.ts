/** What the back end knows about a person's insurance; a real back end would ask its 参保 database. */
export const insuranceKinds = ['employee', 'resident', 'none'] as const;
/** employee = 职工医保 (has a personal account), resident = 城乡居民医保 (has none), none = not insured. */
export type InsuranceKind = (typeof insuranceKinds)[number];

export type InsuranceRecord = {
  insurance: InsuranceKind;
  /** Personal-account balance in yuan (always 0 without 职工医保). */
  balance: number;
  /** 6-digit code of the city (统筹区) where the person is insured. */
  insuredRegion: string;
};

export type RegistryPerson = InsuranceRecord & {
  name: string;
  idNumber: string;
  /** Which outcome the person exists to show (for the docs and the tests, never shown to users). */
  demonstrates: string;
};

export interface InsuranceRegistry {
  /** Anyone not on file counts as insured where the application is made, so that any demo with a valid ID works. */
  lookup(idNumber: string, localRegion: string): InsuranceRecord;
}

export const balanceOfUnknownPeople = 1000;

export function createInsuranceRegistry(people: readonly RegistryPerson[]): InsuranceRegistry {
  const byIdNumber = new Map(people.map((person) => [person.idNumber, person]));
  return {
    lookup(idNumber, localRegion) {
      const person = byIdNumber.get(idNumber);
      if (person === undefined) return { insurance: 'employee', balance: balanceOfUnknownPeople, insuredRegion: localRegion };
      return { insurance: person.insurance, balance: person.balance, insuredRegion: person.insuredRegion };
    },
  };
}
