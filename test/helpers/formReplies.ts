type Person = { name: string; idNumber: string; phone: string };

/**
 * What a person binding their mother types next, by what the binding form shows: each detail it asks for, no more
 * members, consent to the pledge; undefined when the form asks nothing they can answer (confirming is the caller's
 * choice).
 */
export function nextReplyInForm(form: { status: string; pending: string | null } | null, applicant: Person, mother: Person): string | undefined {
  if (form === null) return undefined;
  if (form.status === 'adding') return '不用了，下一步';
  if (form.status === 'consent') return '同意';
  const answers: Record<string, string> = {
    'applicant.name': applicant.name,
    'applicant.idNumber': applicant.idNumber,
    'applicant.phone': applicant.phone,
    'member.relationship': '我妈',
    'member.name': mother.name,
    'member.idNumber': mother.idNumber,
    'member.phone': mother.phone,
  };
  return form.pending === null ? undefined : answers[form.pending];
}
