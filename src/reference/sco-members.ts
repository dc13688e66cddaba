/** A member state of the Shanghai Cooperation Organization and its space or mapping agency. */
export interface Member {
  /** ISO 3166-1 alpha-2. */
  code: string;
  name: string;
  agency: string;
}

/** The ten SCO member states. */
export const SCO_MEMBERS: readonly Member[] = Object.freeze([
  { code: 'BY', name: 'Belarus', agency: 'National Academy of Sciences of Belarus' },
  { code: 'CN', name: 'China', agency: 'China National Space Administration (CNSA)' },
  { code: 'IN', name: 'India', agency: 'Indian Space Research Organisation (ISRO)' },
  { code: 'IR', name: 'Iran', agency: 'Iranian Space Agency (ISA)' },
  { code: 'KG', name: 'Kyrgyzstan', agency: 'Kyrgyz Republic space programme' },
  { code: 'KZ', name: 'Kazakhstan', agency: 'Kazakhstan Gharysh Sapary (KGS)' },
  { code: 'PK', name: 'Pakistan', agency: 'Space and Upper Atmosphere Research Commission (SUPARCO)' },
  { code: 'RU', name: 'Russia', agency: 'State Space Corporation Roscosmos' },
  { code: 'TJ', name: 'Tajikistan', agency: 'Academy of Sciences of Tajikistan' },
  { code: 'UZ', name: 'Uzbekistan', agency: 'Uzbekcosmos' },
]);

const CODES = new Set(SCO_MEMBERS.map((m) => m.code));

/** Whether `code` is one of the ten members (operators such as EU or US are not). */
export function isScoMember(code: string): boolean {
  return CODES.has(code);
}
