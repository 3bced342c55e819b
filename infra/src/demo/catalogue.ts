/**
 * The demo generator's domain tables: what Yunnan's prefectures, cylinder models and the
 * names of things look like. Fictional company names (in the annex's own style, "江苏特种设备
 * 生产有限公司"); real GB/T 2260 county codes; cylinder figures after GB 5842 (LPG), GB/T 5099
 * (seamless industrial) and GB/T 17258 (car CNG), with the annex's 4-year check period and
 * 8-year life for LPG.
 */
import type { Medium } from "@cylinder/db";

export interface PrefectureProfile {
  readonly code: string;
  /** The short name used in unit names (昆明, 红河...). */
  readonly short: string;
  /** Share of the province's cylinders and units (roughly by population). */
  readonly weight: number;
  /** The letter after 云 on licence plates. */
  readonly plate: string;
  readonly counties: readonly { readonly code: string; readonly name: string }[];
}

export const PREFECTURE_PROFILES: readonly PrefectureProfile[] = [
  {
    code: "530100",
    short: "昆明",
    weight: 22,
    plate: "A",
    counties: [
      { code: "530102", name: "五华区" },
      { code: "530103", name: "盘龙区" },
      { code: "530111", name: "官渡区" },
      { code: "530112", name: "西山区" },
      { code: "530114", name: "呈贡区" },
    ],
  },
  {
    code: "530300",
    short: "曲靖",
    weight: 12,
    plate: "D",
    counties: [
      { code: "530302", name: "麒麟区" },
      { code: "530303", name: "沾益区" },
      { code: "530381", name: "宣威市" },
    ],
  },
  {
    code: "530400",
    short: "玉溪",
    weight: 5,
    plate: "F",
    counties: [
      { code: "530402", name: "红塔区" },
      { code: "530403", name: "江川区" },
    ],
  },
  {
    code: "530500",
    short: "保山",
    weight: 4,
    plate: "M",
    counties: [
      { code: "530502", name: "隆阳区" },
      { code: "530581", name: "腾冲市" },
    ],
  },
  {
    code: "530600",
    short: "昭通",
    weight: 7,
    plate: "C",
    counties: [
      { code: "530602", name: "昭阳区" },
      { code: "530621", name: "鲁甸县" },
    ],
  },
  {
    code: "530700",
    short: "丽江",
    weight: 3,
    plate: "P",
    counties: [
      { code: "530702", name: "古城区" },
      { code: "530721", name: "玉龙纳西族自治县" },
    ],
  },
  { code: "530800", short: "普洱", weight: 4, plate: "J", counties: [{ code: "530802", name: "思茅区" }] },
  { code: "530900", short: "临沧", weight: 4, plate: "S", counties: [{ code: "530902", name: "临翔区" }] },
  { code: "532300", short: "楚雄", weight: 5, plate: "E", counties: [{ code: "532301", name: "楚雄市" }] },
  {
    code: "532500",
    short: "红河",
    weight: 9,
    plate: "G",
    counties: [
      { code: "532501", name: "个旧市" },
      { code: "532502", name: "开远市" },
      { code: "532503", name: "蒙自市" },
    ],
  },
  { code: "532600", short: "文山", weight: 6, plate: "H", counties: [{ code: "532601", name: "文山市" }] },
  { code: "532800", short: "西双版纳", weight: 3, plate: "K", counties: [{ code: "532801", name: "景洪市" }] },
  { code: "532900", short: "大理", weight: 7, plate: "L", counties: [{ code: "532901", name: "大理市" }] },
  {
    code: "533100",
    short: "德宏",
    weight: 3,
    plate: "N",
    counties: [
      { code: "533102", name: "瑞丽市" },
      { code: "533103", name: "芒市" },
    ],
  },
  { code: "533300", short: "怒江", weight: 1, plate: "Q", counties: [{ code: "533301", name: "泸水市" }] },
  { code: "533400", short: "迪庆", weight: 1, plate: "R", counties: [{ code: "533401", name: "香格里拉市" }] },
];

/** Shared fields of one cylinder model. */
export interface CylinderSpec {
  readonly style: string;
  readonly medium: Medium;
  /** 容积 L */
  readonly volume: number;
  /** 空瓶重量 kg (each cylinder varies a little around it) */
  readonly idleWeight: number;
  /** 最大充装量 kg */
  readonly fillWeight: number;
  readonly nominalPressure: number;
  readonly waterPressure: number;
  readonly thickness: number;
  readonly valves: readonly number[];
  readonly checkPeriod: number;
  readonly lifePeriod: number;
  /** Days between refills of one cylinder, on average. */
  readonly refillDays: number;
}

/** 液化石油气钢瓶 YSP series: volume in litres, 0.42 kg/L filling ratio, check 4 y, life 8 y. */
export const LPG_SPECS: readonly (CylinderSpec & { readonly share: number })[] = [
  lpg("YSP5", 5.0, 3.8, 2.1, 2.5, [2], 8, 30),
  lpg("YSP10", 10.0, 6.3, 4.2, 2.5, [2], 7, 35),
  lpg("YSP12", 12.0, 7.2, 5.0, 2.5, [2], 30, 40),
  lpg("YSP15", 15.0, 8.4, 6.3, 2.6, [2], 25, 40),
  lpg("YSP35.5", 35.5, 16.5, 14.5, 2.5, [2, 1], 25, 30),
  lpg("YSP118", 118.0, 47.5, 49.5, 3.2, [1, 3], 5, 10),
];

function lpg(
  style: string,
  volume: number,
  idleWeight: number,
  fillWeight: number,
  thickness: number,
  valves: number[],
  share: number,
  refillDays: number,
) {
  return {
    style,
    medium: "液化石油气" as const,
    volume,
    idleWeight,
    fillWeight,
    nominalPressure: 2.1,
    waterPressure: 3.2,
    thickness,
    valves,
    checkPeriod: 4,
    lifePeriod: 8,
    refillDays,
    share,
  };
}

/** 工业气瓶: 40 L seamless steel (acetylene: dissolved-acetylene cylinder), check 3 y, life 30 y. */
export const INDUSTRIAL_SPECS: readonly (CylinderSpec & { readonly share: number })[] = [
  industrial("WMA219-40-15", "氧气", 48.0, 8.2, 15, 22.5, 5.7, 40),
  industrial("WMA219-40-15", "氮气", 48.0, 7.0, 15, 22.5, 5.7, 15),
  industrial("WMA219-40-15", "氩气", 48.0, 10.2, 15, 22.5, 5.7, 15),
  industrial("WMA219-40-15", "二氧化碳", 50.0, 24.0, 15, 22.5, 5.7, 15),
  industrial("RJ250-40-3.0", "乙炔", 55.0, 6.2, 3, 5.2, 3.0, 12),
  industrial("WMA219-40-15", "氦气", 48.0, 1.0, 15, 22.5, 5.7, 3),
];

function industrial(
  style: string,
  medium: Medium,
  idleWeight: number,
  fillWeight: number,
  nominalPressure: number,
  waterPressure: number,
  thickness: number,
  share: number,
) {
  return {
    style,
    medium,
    volume: 40,
    idleWeight,
    fillWeight,
    nominalPressure,
    waterPressure,
    thickness,
    valves: [3],
    checkPeriod: 3,
    lifePeriod: 30,
    refillDays: 14,
    share,
  };
}

/** 车用气瓶: CNG (20 MPa, seamless or hoop-wrapped) and LNG (insulated), check 3 y, life 15 y. */
export const CAR_SPECS: readonly (CylinderSpec & { readonly carCylinderType: string })[] = [
  car("CNG1-279-65-20", "压缩天然气", 65, 62, 10.4, 20, 30, 7.2, "无缝气瓶"),
  car("CNG1-325-80-20", "压缩天然气", 80, 76, 12.8, 20, 30, 7.8, "无缝气瓶"),
  car("CNG2-356-120-20", "压缩天然气", 120, 78, 19.2, 20, 30, 6.0, "缠绕气瓶"),
  car("CNG2-406-140-20", "压缩天然气", 140, 90, 22.4, 20, 30, 6.5, "缠绕气瓶"),
  car("LNG-335-1.59", "液化天然气", 335, 185, 130, 1.59, 2.4, 4.0, "焊接绝热气瓶"),
  car("LNG-450-1.59", "液化天然气", 450, 230, 175, 1.59, 2.4, 4.0, "焊接绝热气瓶"),
];

function car(
  style: string,
  medium: Medium,
  volume: number,
  idleWeight: number,
  fillWeight: number,
  nominalPressure: number,
  waterPressure: number,
  thickness: number,
  carCylinderType: string,
) {
  return {
    style,
    medium,
    volume,
    idleWeight,
    fillWeight,
    nominalPressure,
    waterPressure,
    thickness,
    valves: [3],
    checkPeriod: 3,
    lifePeriod: 15,
    refillDays: 2,
    carCylinderType,
  };
}

/** Vehicle kinds (CarType values) with their share and the cylinders one vehicle carries. */
export const VEHICLES = [
  { carType: 1, share: 45, cylinders: [1, 2], specs: [0, 1], wmi: ["LSV", "LFV", "LGB"], refillDays: 1 },
  { carType: 2, share: 12, cylinders: [4, 8], specs: [2, 3], wmi: ["LZY", "LKL"], refillDays: 1 },
  { carType: 3, share: 20, cylinders: [1, 1], specs: [0, 1], wmi: ["LSV", "LFV", "LGB", "LVS"], refillDays: 5 },
  { carType: 4, share: 15, cylinders: [1, 2], specs: [4, 5], wmi: ["LFW", "LZZ"], refillDays: 3 },
  { carType: 5, share: 8, cylinders: [2, 4], specs: [2, 3], wmi: ["LZY", "LKL"], refillDays: 2 },
] as const;

/** Words for fictional unit names. */
export const NAME_WORDS = [
  "安泰",
  "祥和",
  "兴达",
  "顺通",
  "恒信",
  "金鼎",
  "宏源",
  "瑞丰",
  "永昌",
  "华能",
  "鑫源",
  "利民",
  "春城",
  "彩云",
  "滇峰",
  "高原",
  "福瑞",
  "天泰",
  "佳能",
  "众诚",
  "盛和",
  "通达",
  "博远",
  "和顺",
  "宝隆",
  "聚能",
  "新奥",
  "昌盛",
  "吉星",
  "云润",
];

/** Cylinder manufacturers (fictional); `prefecture` is 530000 for makers outside Yunnan. */
export const MANUFACTURERS = [
  { name: "云南滇峰压力容器制造有限公司", prefecture: "530100", region: "530111", kinds: ["lpg"] },
  { name: "曲靖珠江特种气瓶有限公司", prefecture: "530300", region: "530302", kinds: ["lpg", "industrial"] },
  { name: "玉溪高原钢瓶制造有限公司", prefecture: "530400", region: "530402", kinds: ["lpg"] },
  { name: "江苏特种设备生产有限公司", prefecture: "530000", region: "320500", kinds: ["lpg", "industrial"] },
  { name: "浙江金盾气瓶制造有限公司", prefecture: "530000", region: "330100", kinds: ["lpg"] },
  { name: "北方无缝钢瓶股份有限公司", prefecture: "530000", region: "130100", kinds: ["industrial", "car"] },
  { name: "华东车用气瓶科技有限公司", prefecture: "530000", region: "310100", kinds: ["car"] },
  { name: "西南低温储运装备有限公司", prefecture: "530000", region: "510100", kinds: ["car"] },
] as const;

/** 设计单位 and 制造监督检验单位 by manufacturer region (fictional). */
export const DESIGNERS = ["江苏特种设备设计有限公司", "华东压力容器设计研究院", "云南省压力容器设计所"];
export const SUPERVISORS = [
  "云南特种设备监督检验公司",
  "江苏特种设备监督检验公司",
  "浙江特种设备监督检验公司",
  "河北特种设备监督检验公司",
  "上海特种设备监督检验公司",
  "四川特种设备监督检验公司",
];

/** 车用气瓶施工单位 (installers), fictional. */
export const INSTALLERS = ["滇中汽车改装有限公司", "春城清洁能源汽车改装厂", "云南天然气汽车装备有限公司"];

export const BEFORE_FILL_FAILURES = [
  "瓶体变形",
  "瓶阀漏气",
  "瓶体严重腐蚀",
  "超期未检",
  "护罩损坏",
  "电子标签缺失或损坏",
  "余压不足，需抽真空处理",
  "钢印标志不清",
];
export const AFTER_FILL_FAILURES = ["密封检查不通过", "瓶阀漏气", "充装量超标，已回收", "瓶体温度异常"];
export const SCRAP_REMARKS = ["瓶体腐蚀严重，判废", "水压试验不合格，判废", "壁厚不足，判废", "瓶体变形，判废"];

export const VALVE_MAKERS = [
  "宁波永通阀门有限公司",
  "昆明华通气阀制造有限公司",
  "浙江安泰燃气阀门有限公司",
  "江苏气瓶阀门厂",
];
export const SCALE_MAKERS = ["上海耀华称重系统有限公司", "宁波柯力传感科技股份有限公司", "云南衡器厂", "测试厂家"];

/** Taxi, bus, logistics and coach operators per prefecture, by CarType. */
export const CAR_COMPANY_SUFFIX: Record<number, readonly string[]> = {
  1: ["出租汽车有限公司", "出租车客运有限责任公司"],
  2: ["公共交通集团有限公司"],
  4: ["物流有限公司", "运输有限公司", "货运有限公司"],
  5: ["旅游客运有限公司", "汽车客运有限公司"],
};
