import { checkCharacter } from '../../main/contract/validators/id-number';

/** A valid, obviously fictitious number: region 445302, birth date `birth`, sequence `seq`. */
export function idFor(birth: string, seq: number, region = '445302'): string {
  const first17 = `${region}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}
