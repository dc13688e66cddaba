/**
 * The modulo-10 checksum of one TLE line: the sum of the digits of columns 1 to 68, each minus sign
 * counting 1, letters, spaces, periods and plus signs counting 0, modulo 10 (Spacetrack Report #3 and
 * CelesTrak's "NORAD Two-Line Element Set Format"). Compare it with the digit in column 69.
 *
 * A line shorter than 68 characters is summed over what it has; the caller checks the length.
 */
export function tleChecksum(line: string): number {
  let sum = 0;
  const end = Math.min(line.length, 68);
  for (let i = 0; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) sum += c - 48;
    else if (c === 45) sum += 1;
  }
  return sum % 10;
}
