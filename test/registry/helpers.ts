/** Helpers for the registry's HTTP tests: typed error checks, images, application bodies. */
import { addDays, addYears, type IsoDate } from "@cylinder/db";
import { expect } from "vitest";
import type { TestPlatform } from "../support/platform";

export type GqlResult<T> = Awaited<ReturnType<TestPlatform["gql"]>> & { data?: T };

/** The data of a result that must have succeeded. */
export function ok<T>(r: { data?: T; errors?: unknown[] }): T {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data as T;
}

/** The typed error code of a result that must have failed. */
export function codeOf(r: { errors?: { message: string; extensions?: { code?: string } }[] }): string | undefined {
  expect(r.errors?.length, "expected an error").toBeGreaterThan(0);
  return r.errors?.[0]?.extensions?.code;
}

/** A tiny JPEG (only its magic bytes matter to the platform); `salt` makes distinct bytes. */
export function jpegBase64(salt: string): string {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from(`JFIF ${salt}`)]).toString(
    "base64",
  );
}

export async function upload(t: TestPlatform, ticket: string, salt: string): Promise<string> {
  const r = await t.gql<{ uploadImage: { path: string } }>(
    `mutation($d: String!) { uploadImage(contentType: "image/jpeg", dataBase64: $d) { path } }`,
    { d: jpegBase64(salt) },
    ticket,
  );
  return ok(r).uploadImage.path;
}

export const APPLY = `mutation($input: RegistrationInput!) {
  applyRegistration(input: $input) { id status kind thirdId unitId medium items { barcode printno innerNo } }
}`;

export interface Images {
  payImage: string;
  batchImage: string;
  deviceImage: string;
}

/** A new cylinder's dates: made three months before the world's today, an 8-year design life,
 * first inspection due 4 years after it was made. */
export function newCylinderDates(t: Pick<TestPlatform, "world">): {
  productDate: IsoDate;
  discardDate: IsoDate;
  nextDate: IsoDate;
} {
  const productDate = addDays(t.world.dates.today, -90);
  return { productDate, discardDate: addYears(productDate, 8), nextDate: addYears(productDate, 4) };
}

export function application(
  t: Pick<TestPlatform, "world">,
  thirdId: string,
  barcodes: string[],
  images: Images,
  factoryId: number,
  overview: Record<string, unknown> = {},
) {
  return {
    kind: "NEW",
    thirdId,
    overview: {
      style: "YSP35.5",
      medium: "液化石油气",
      factoryId,
      ...newCylinderDates(t),
      idleWeight: 16.5,
      valve: 1,
      remark: "新购钢瓶",
      ...images,
      ...overview,
    },
    items: barcodes.map((b, i) => ({ barcode: ` ${b} `, printno: `GY${i}`, innerNo: `N${i}` })),
  };
}
