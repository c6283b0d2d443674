import type { ApplicationRequest } from '../ports/bindingBackend.js';
import { createInsuranceRegistry, type RegistryPerson } from './insuranceRegistry.js';

/**
 * Made-up people of 大连 (and a few elsewhere) whose ID numbers carry correct check digits, each set up to show one
 * outcome of the review. docs/backend-stub.md lists them; test/backend uses them.
 */
export const demoPeople = [
  { name: '王建国', idNumber: '210202196803150310', insurance: 'employee', balance: 4860.5, insuredRegion: '210200', demonstrates: 'a normal authorizer (approved)' },
  { name: '李秀梅', idNumber: '210202197007220423', insurance: 'resident', balance: 0, insuredRegion: '210200', demonstrates: "王建国's spouse, resident insurance: can be bound" },
  { name: '王磊', idNumber: '210203199511020178', insurance: 'employee', balance: 1320, insuredRegion: '210200', demonstrates: "王建国's son: can be bound" },
  { name: '王淑珍', idNumber: '210202194205090267', insurance: 'resident', balance: 0, insuredRegion: '210200', demonstrates: "王建国's mother: can be bound" },
  { name: '赵桂兰', idNumber: '210204196001280589', insurance: 'resident', balance: 0, insuredRegion: '210200', demonstrates: 'applicant_resident_insurance' },
  { name: '孙志强', idNumber: '210211198509300731', insurance: 'none', balance: 0, insuredRegion: '210200', demonstrates: 'applicant_not_insured, member_not_insured' },
  { name: '周丽娟', idNumber: '210212197904170641', insurance: 'employee', balance: 0, insuredRegion: '210200', demonstrates: 'applicant_zero_balance' },
  { name: '陈浩', idNumber: '310104199012060858', insurance: 'employee', balance: 1500, insuredRegion: '310100', demonstrates: 'applicant_other_region (insured in 上海), member_outside_area' },
  { name: '郑海涛', idNumber: '44030419880819091X', insurance: 'resident', balance: 0, insuredRegion: '440300', demonstrates: 'member_outside_area (insured in 深圳)' },
  { name: '刘洋', idNumber: '210102199206250557', insurance: 'employee', balance: 900, insuredRegion: '210100', demonstrates: 'member_outside_area where members must be in the same city (insured in 沈阳)' },
  { name: '吴国华', idNumber: '210202196502110374', insurance: 'employee', balance: 3200, insuredRegion: '210200', demonstrates: 'already an authorizer: member_is_authorizer' },
  { name: '吴秀英', idNumber: '210202194010030483', insurance: 'employee', balance: 1280, insuredRegion: '210200', demonstrates: 'already bound by 吴国华: member_already_bound, applicant_is_bound' },
] as const satisfies readonly RegistryPerson[];

export type DemoPersonName = (typeof demoPeople)[number]['name'];

export function demoPerson(name: DemoPersonName): RegistryPerson {
  const person = demoPeople.find((candidate) => candidate.name === name);
  if (person === undefined) throw new Error(`no demo person named ${name}`);
  return person;
}

export const demoRegistry = createInsuranceRegistry(demoPeople);

/** Bindings that exist before anyone uses the demo (written once into an empty store, approved). */
export const demoSeedApplications: readonly ApplicationRequest[] = [
  {
    region: '210200',
    applicant: { name: '吴国华', idNumber: '210202196502110374', phone: '13800000011' },
    members: [{ name: '吴秀英', idNumber: '210202194010030483', phone: '13800000012', relationship: 'mother' }],
  },
];
