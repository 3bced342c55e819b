/**
 * Identifiers that look and check like real ones: 统一社会信用代码 (GB 32100, with the GB 11714
 * organisation-code check), 身份证号 (GB 11643, ISO 7064 MOD 11-2), VINs (ISO 3779 check
 * digit), 云 licence plates and mobile numbers. All drawn from the seeded PRNG.
 */
import type { Rng } from "./random";

const CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 organisation code: 8 digits and a check character. */
function organisationCode(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(body8[i]) * (ORG_WEIGHTS[i] as number);
  const c = 11 - (sum % 11);
  return body8 + (c === 10 ? "X" : c === 11 ? "0" : String(c));
}

/**
 * 统一社会信用代码: "91" (enterprise) or "11" (government body), the 6-digit region, the
 * organisation code and the GB 32100 check character. `serial` makes it unique.
 */
export function creditCode(region6: string, serial: number, government = false): string {
  const body8 = String(10_000_000 + ((serial * 7_919 + 1_234_567) % 90_000_000)).padStart(8, "0");
  const first17 = (government ? "11" : "91") + region6 + organisationCode(body8);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(first17[i] as string) * (CREDIT_WEIGHTS[i] as number);
  const c = (31 - (sum % 31)) % 31;
  return first17 + CREDIT_ALPHABET[c];
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** 身份证号 of a person born between 1960 and 2000 in the given county. */
export function identityNumber(rng: Rng, county6: string): string {
  const y = rng.int(1960, 2000);
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  const first17 = `${county6}${y}${String(m).padStart(2, "0")}${String(d).padStart(2, "0")}${rng.digits(3)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number);
  return first17 + ID_CHECK[sum % 11];
}

const VIN_ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
const VIN_VALUE: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
/** Model-year codes from 2010 (A) on. */
const VIN_YEAR = "ABCDEFGHJKLMNPRSTVWXY123456789";

/** A 17-character VIN with a valid check digit; `wmi` is the maker code (e.g. LSV). */
export function vin(rng: Rng, wmi: string, modelYear: number): string {
  const yearCode = VIN_YEAR[(modelYear - 2010 + 30 * 10) % 30] as string;
  const chars = `${wmi}${rng.chars(VIN_ALPHABET, 5)}0${yearCode}${rng.chars(VIN_ALPHABET, 1)}${rng.digits(6)}`.split(
    "",
  );
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const ch = chars[i] as string;
    const v = ch >= "0" && ch <= "9" ? Number(ch) : (VIN_VALUE[ch] ?? 0);
    sum += v * (VIN_WEIGHTS[i] as number);
  }
  const check = sum % 11;
  chars[8] = check === 10 ? "X" : String(check);
  return chars.join("");
}

const PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

/** A 云 licence plate such as 云A·3K7Q2 (at most two letters among the five). */
export function licencePlate(rng: Rng, cityLetter: string): string {
  let body = "";
  let letters = 0;
  for (let i = 0; i < 5; i++) {
    if (letters < 2 && rng.chance(0.25)) {
      body += rng.chars(PLATE_LETTERS, 1);
      letters++;
    } else body += rng.digits(1);
  }
  return `云${cityLetter}·${body}`;
}

/** A mainland mobile number. */
export function mobileNumber(rng: Rng): string {
  return `1${rng.pick(["38", "39", "58", "59", "87", "88", "36", "77", "80", "51"])}${rng.digits(8)}`;
}
