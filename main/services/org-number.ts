/** Luhn check digit over the first nine digits of a Swedish organisation number. */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    let d = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Formats nine digits plus their check digit as `NNNNNN-NNNN`. */
export function formatOrgNumber(nineDigits: string): string {
  const digits = nineDigits + String(luhnCheckDigit(nineDigits));
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}
