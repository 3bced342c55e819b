/**
 * Units of every kind for the demo: the province authority (530000) and one registration
 * authority per prefecture (plus one county bureau each), cylinder manufacturers, and per
 * prefecture LPG stations, industrial-gas fillers, car CNG/LNG stations and inspection
 * stations, in numbers that follow each prefecture's weight. Names of people come from
 * faker's zh_CN locale (a few thousand at most); everything else from the seeded PRNG.
 */
import { addDays, type IsoDate, PREFECTURES, PROVINCE_CODE, sealPersonal } from "@cylinder/db";
import type { unit } from "@cylinder/db/schema";
import { base, Faker, zh_CN } from "@faker-js/faker";
import { MANUFACTURERS, NAME_WORDS, PREFECTURE_PROFILES, type PrefectureProfile, SCALE_MAKERS } from "./catalogue";
import { creditCode, mobileNumber } from "./identity";
import { mixSeed, Rng } from "./random";

export type UnitRow = typeof unit.$inferInsert & { id: number };

export type UnitRole =
  | "province_authority"
  | "prefecture_authority"
  | "county_authority"
  | "manufacturer"
  | "lpg"
  | "industrial"
  | "car"
  | "inspection";

export interface PlannedUnit {
  readonly row: UnitRow;
  readonly role: UnitRole;
  /** Index into `prefectures`, or -1 for the province and out-of-province makers. */
  readonly prefecture: number;
  /** Staff names: fillers and checkers of a filling unit, inspectors of a station. */
  readonly staff: readonly string[];
  /** 充装秤厂家 and number of scales (filling units). */
  readonly scaleFactory: string;
  readonly machines: number;
  /** Letters that start the unit's own cylinder numbers (InnerNo). */
  readonly innerPrefix: string;
}

export interface PrefecturePlan {
  readonly index: number;
  readonly profile: PrefectureProfile;
  readonly name: string;
  readonly mode: "self_built" | "province_hosted";
  readonly authority: PlannedUnit;
  readonly county: PlannedUnit;
  readonly lpg: readonly PlannedUnit[];
  readonly industrial: readonly PlannedUnit[];
  /** Car stations; each licensed for CNG, LNG or both. */
  readonly car: readonly PlannedUnit[];
  readonly inspection: readonly PlannedUnit[];
}

export interface UnitsPlan {
  readonly units: readonly PlannedUnit[];
  readonly province: PlannedUnit;
  readonly prefectures: readonly PrefecturePlan[];
  readonly manufacturers: readonly PlannedUnit[];
  readonly byId: ReadonlyMap<number, PlannedUnit>;
}

const INDUSTRIAL_MEDIA = ["氮气", "氩气", "二氧化碳", "乙炔", "氦气"] as const;
const LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

/** A seeded zh_CN faker for the small sets (people's names, streets). */
export function demoFaker(seed: number): Faker {
  const faker = new Faker({ locale: [zh_CN, base] });
  faker.seed(seed);
  return faker;
}

export function planUnits(seed: number, referenceDate: IsoDate, dataKey: string): UnitsPlan {
  const rng = new Rng(mixSeed(seed, 0x554e4954)); // "UNIT"
  const faker = demoFaker(mixSeed(seed, 0x4e414d45)); // "NAME"
  const units: PlannedUnit[] = [];
  const usedNames = new Set<string>();
  let serial = 0;

  const uniqueName = (make: () => string): string => {
    for (let attempt = 0; ; attempt++) {
      const name = make();
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
      if (attempt > 20) {
        const numbered = `${name.replace(/(有限公司|站)$/, "")}第${attempt}${name.endsWith("站") ? "站" : "分公司"}`;
        if (!usedNames.has(numbered)) {
          usedNames.add(numbered);
          return numbered;
        }
      }
    }
  };

  const add = (
    role: UnitRole,
    prefecture: number,
    fields: Omit<UnitRow, "id" | "creditCode" | "createdAt" | "updatedAt" | "contactName" | "contactPhoneEnc">,
    region: string,
  ): PlannedUnit => {
    serial += 1;
    const id = serial;
    const government = role.endsWith("authority");
    const licensed = role === "lpg" || role === "industrial" || role === "car" || role === "inspection";
    const manufacturer = role === "manufacturer";
    const createdAt = new Date(Date.parse("2021-07-20T01:00:00Z") + rng.int(0, 120) * 86_400_000);
    let licenseNo: string | null = null;
    let licenseExpiresOn: IsoDate | null = null;
    if (licensed || manufacturer) {
      // 充装许可 TS42, 检验机构核准 TS71, 制造许可 TS22; four years each, a few already expired
      const kindCode = role === "inspection" ? "TS71" : manufacturer ? "TS22" : "TS42";
      licenseExpiresOn = rng.chance(0.03)
        ? addDays(referenceDate, -rng.int(10, 300))
        : addDays(referenceDate, rng.int(60, 1400));
      licenseNo = `${kindCode}${region.slice(0, 4)}${String(id).padStart(3, "0")}-${licenseExpiresOn.slice(0, 4)}`;
    }
    const staffCount =
      role === "lpg" || role === "car"
        ? rng.int(3, 6)
        : role === "industrial" || role === "inspection"
          ? rng.int(2, 4)
          : 1;
    const staff = Array.from({ length: staffCount }, () => faker.person.fullName());
    const contactName = staff[0] as string;
    const planned: PlannedUnit = {
      role,
      prefecture,
      staff,
      scaleFactory: rng.pick(SCALE_MAKERS),
      machines: role === "lpg" ? rng.int(2, 8) : role === "car" ? rng.int(4, 12) : rng.int(1, 4),
      innerPrefix: rng.chars(LETTERS, 2),
      row: {
        id,
        ...fields,
        licensedMedia: fields.licensedMedia ?? [],
        creditCode: creditCode(region, id, government),
        licenseNo,
        licenseExpiresOn,
        contactName,
        contactPhoneEnc: sealPersonal(mobileNumber(rng), dataKey),
        createdAt,
        updatedAt: createdAt,
      },
    };
    units.push(planned);
    return planned;
  };

  const province = add(
    "province_authority",
    -1,
    {
      kind: "authority",
      name: "云南省市场监督管理局",
      prefectureCode: PROVINCE_CODE,
      authorityLevel: "province",
      address: "云南省昆明市",
    },
    PROVINCE_CODE,
  );

  const manufacturers = MANUFACTURERS.map((m) =>
    add(
      "manufacturer",
      -1,
      { kind: "manufacturer", name: m.name, prefectureCode: m.prefecture, address: null },
      m.region,
    ),
  );

  const total = PREFECTURE_PROFILES.reduce((s, p) => s + p.weight, 0);
  const prefectures: PrefecturePlan[] = PREFECTURE_PROFILES.map((profile, index) => {
    const standard = PREFECTURES.find((p) => p.code === profile.code);
    if (!standard) throw new Error(`prefecture ${profile.code} missing from the standard`);
    const share = profile.weight / total;
    const county = profile.counties[0] as { code: string; name: string };
    const street = () =>
      `${standard.name}${rng.pick(profile.counties).name}${faker.location.street()}${rng.int(1, 399)}号`;
    const authority = add(
      "prefecture_authority",
      index,
      {
        kind: "authority",
        name: `${standard.name}市场监督管理局`,
        prefectureCode: profile.code,
        authorityLevel: "prefecture",
        address: street(),
      },
      profile.code,
    );
    const countyBureau = add(
      "county_authority",
      index,
      {
        kind: "authority",
        name: `${profile.short}${county.name}市场监督管理局`,
        prefectureCode: profile.code,
        countyCode: county.code,
        authorityLevel: "county",
        address: street(),
      },
      county.code,
    );
    const filler = (role: "lpg" | "industrial" | "car", media: string[], name: () => string) => {
      const c = rng.pick(profile.counties);
      return add(
        role,
        index,
        {
          kind: "filling",
          name: uniqueName(name),
          prefectureCode: profile.code,
          countyCode: c.code,
          licensedMedia: media,
          address: street(),
        },
        c.code,
      );
    };
    const word = () => rng.pick(NAME_WORDS);
    const lpg = Array.from({ length: Math.max(2, Math.round(120 * share)) }, () =>
      filler("lpg", ["液化石油气"], () => `${profile.short}${word()}燃气有限公司`),
    );
    const industrial = Array.from({ length: Math.max(1, Math.round(35 * share)) }, () => {
      const media = ["氧气", ...INDUSTRIAL_MEDIA.filter(() => rng.chance(0.6))];
      return filler("industrial", media, () => `${profile.short}${word()}工业气体有限公司`);
    });
    const car = Array.from({ length: Math.max(2, Math.round(45 * share)) }, (_, i) => {
      // the first station of each prefecture fills CNG, the second LNG; then a mix
      const kind = i === 0 ? "cng" : i === 1 ? "lng" : rng.weighted(["cng", "lng", "both"], [6, 2, 2]);
      const media = kind === "cng" ? ["压缩天然气"] : kind === "lng" ? ["液化天然气"] : ["压缩天然气", "液化天然气"];
      const label = kind === "cng" ? "CNG加气站" : kind === "lng" ? "LNG加气站" : "L-CNG加气站";
      return filler(
        "car",
        media,
        () => `${profile.short}${word()}${rng.pick(profile.counties).name.slice(0, 2)}${label}`,
      );
    });
    const inspection = Array.from({ length: Math.max(1, Math.round(14 * share)) }, () => {
      const c = rng.pick(profile.counties);
      return add(
        "inspection",
        index,
        {
          kind: "inspection",
          name: uniqueName(() => `${profile.short}${word()}气瓶检验站`),
          prefectureCode: profile.code,
          countyCode: c.code,
          address: street(),
        },
        c.code,
      );
    });
    return {
      index,
      profile,
      name: standard.name,
      mode: standard.mode,
      authority,
      county: countyBureau,
      lpg,
      industrial,
      car,
      inspection,
    };
  });

  return { units, province, prefectures, manufacturers, byId: new Map(units.map((u) => [u.row.id, u])) };
}

/** A licence that is still valid on the reference date (demo accounts must be able to fill). */
export function hasValidLicence(u: PlannedUnit, referenceDate: IsoDate): boolean {
  return (
    u.row.licenseExpiresOn === null || u.row.licenseExpiresOn === undefined || u.row.licenseExpiresOn > referenceDate
  );
}
