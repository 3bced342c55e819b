/**
 * What the public scan page asks the API, as the public (PUBLIC_IDENTITY): the cylinder's
 * public fields only. Nothing here names a person, a phone, a plate or an ID number; the
 * page shows exactly what these operations return.
 */

export const SCAN_QUERY = /* GraphQL */ `
  query ScanPage($barcode: String!) {
    cylinder(barcode: $barcode) {
      barcode
      kind
      state
      stateLabel
      medium
      style
      volume
      nominalPressure
      fillWeight
      productDate
      discardDate
      checkDate
      nextDate
      checkPeriod
      lifePeriod
      factory
      registerDate
      prefectureCode
      owner { name }
      publicRegistration { registeredAt certificateNo office }
      publicPermit { permitted label reasons { code message } judgedForUnitId decidedAt }
      publicTrace {
        lastInspection { reportDate conclusionLabel nextDate station { name } }
        lastFills { filledAt netWeight unit { name } }
      }
    }
  }
`;

export const TREE_HEAD_QUERY = /* GraphQL */ `
  query LatestTreeHead { ledgerTreeHead { treeSize rootHash issuedAt } }
`;

export const REPORT_MUTATION = /* GraphQL */ `
  mutation Report($input: CitizenReportInput!) {
    reportCylinderProblem(input: $input) { reportId receivedAt message }
  }
`;

export const UNKNOWN_SCAN_MUTATION = /* GraphQL */ `
  mutation UnknownScan($code: String!) { recordUnknownCodeScan(code: $code) { known recorded firstScan } }
`;

export interface ScanCylinder {
  barcode: string;
  kind: "GENERIC" | "CAR";
  state: number;
  stateLabel: string;
  medium: string;
  style: string | null;
  volume: number | null;
  nominalPressure: number | null;
  fillWeight: number | null;
  productDate: string | null;
  discardDate: string | null;
  checkDate: string | null;
  nextDate: string | null;
  checkPeriod: number | null;
  lifePeriod: number | null;
  factory: string | null;
  registerDate: string | null;
  /** Named from the standard's list here: asking the prefecture subgraph would cost a hop. */
  prefectureCode: string;
  owner: { name: string } | null;
  publicRegistration: { registeredAt: string | null; certificateNo: string | null; office: string | null };
  publicPermit: {
    permitted: boolean;
    label: string;
    reasons: { code: string; message: string }[];
    judgedForUnitId: number | null;
    decidedAt: string;
  };
  publicTrace: {
    lastInspection: {
      reportDate: string;
      conclusionLabel: string;
      nextDate: string | null;
      station: { name: string } | null;
    } | null;
    lastFills: { filledAt: string; netWeight: number | null; unit: { name: string } | null }[];
  };
}

export interface TreeHead {
  treeSize: number;
  rootHash: string;
  issuedAt: string;
}
