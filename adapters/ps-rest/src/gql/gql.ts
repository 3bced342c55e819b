/* eslint-disable */
import * as types from "./graphql";

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  "\n  query MySm4Keys {\n    mySm4Keys { current previous }\n  }\n": typeof types.MySm4KeysDocument;
  "\n    mutation Login($username: String!, $password: String!) {\n      login(username: $username, password: $password) { ticket expiresAt }\n    }\n  ": typeof types.LoginDocument;
  "\n    mutation Logout($ticket: String!) {\n      logout(ticket: $ticket)\n    }\n  ": typeof types.LogoutDocument;
  "\n    mutation BeginInspectionOrder($thirdId: String!, $stationUnitId: Int!, $stationName: String) {\n      beginInspectionOrder(thirdId: $thirdId, stationUnitId: $stationUnitId, stationName: $stationName) { id }\n    }\n  ": typeof types.BeginInspectionOrderDocument;
  "\n    mutation AddToInspectionOrder($orderId: Int!, $thirdId: String, $items: [InspectionOrderItemInput!]!) {\n      addToInspectionOrder(orderId: $orderId, thirdId: $thirdId, items: $items) { id itemCount }\n    }\n  ": typeof types.AddToInspectionOrderDocument;
  "\n    mutation RemoveFromInspectionOrder($orderId: Int!, $thirdId: String, $barcodes: [String!]!) {\n      removeFromInspectionOrder(orderId: $orderId, thirdId: $thirdId, barcodes: $barcodes) { id itemCount }\n    }\n  ": typeof types.RemoveFromInspectionOrderDocument;
  "\n    mutation SubmitInspectionOrder($orderId: Int!, $thirdId: String) {\n      submitInspectionOrder(orderId: $orderId, thirdId: $thirdId) { id status }\n    }\n  ": typeof types.SubmitInspectionOrderDocument;
  "\n  fragment TreeHead on SignedTreeHead {\n    treeSize rootHash timestampMs issuedAt keyId signature\n  }\n": typeof types.TreeHeadFragmentDoc;
  "\n    query LedgerTreeHead($treeSize: Int) {\n      ledgerTreeHead(treeSize: $treeSize) { ...TreeHead }\n    }\n  ": typeof types.LedgerTreeHeadDocument;
  "\n    query LedgerTreeHeads($fromSize: Int, $first: Int) {\n      ledgerTreeHeads(fromSize: $fromSize, first: $first) { ...TreeHead }\n    }\n  ": typeof types.LedgerTreeHeadsDocument;
  "\n    query LedgerPublicKeys {\n      ledgerPublicKeys { keyId algorithm publicKey digest userId current signedMessage }\n    }\n  ": typeof types.LedgerPublicKeysDocument;
  "\n    query LedgerRecordProof($table: LedgerTable!, $id: Int!, $version: Int, $treeSize: Int) {\n      ledgerRecordProof(table: $table, id: $id, version: $version, treeSize: $treeSize) {\n        table id version canonical leafHash head { ...TreeHead } proof { leafIndex treeSize path }\n      }\n    }\n  ": typeof types.LedgerRecordProofDocument;
  "\n    query LedgerConsistencyProof($fromSize: Int!, $toSize: Int) {\n      ledgerConsistencyProof(fromSize: $fromSize, toSize: $toSize) {\n        fromSize toSize path fromHead { ...TreeHead } toHead { ...TreeHead }\n      }\n    }\n  ": typeof types.LedgerConsistencyProofDocument;
  "\n    query GenericCylinderChanges($since: DateTime!, $first: Int, $after: String) {\n      cylinderChanges(kind: GENERIC, since: $since, first: $first, after: $after) {\n        horizon pageInfo { endCursor hasNextPage }\n        nodes {\n          id barcode printno innerNo style valve productDate discardDate checkDate nextDate state idleWeight\n          fillWeight medium nominalPressure volume thickness waterPressure checkPeriod lifePeriod factory designer\n          supervise checkUnit registerDate prefectureCode ownerUnitId\n        }\n      }\n    }\n  ": typeof types.GenericCylinderChangesDocument;
  "\n    query CarCylinderChanges($since: DateTime!, $first: Int, $after: String) {\n      cylinderChanges(kind: CAR, since: $since, first: $first, after: $after) {\n        horizon pageInfo { endCursor hasNextPage }\n        nodes {\n          id barcode medium volume productDate checkDate nextDate state innerNo nominalPressure factory supervise\n          checkUnit registerDate prefectureCode ownerUnitId\n          car {\n            registerNo cylinderType carNo carType carVin certificateDate useDate deviceCode productNo company\n            identityNo install office\n          }\n        }\n      }\n    }\n  ": typeof types.CarCylinderChangesDocument;
  "\n  fragment CheckRow on CheckRecord {\n    id barcode state remark checkedAt checkedAtSource thirdId inspectorName receivedAt unitId\n  }\n": typeof types.CheckRowFragmentDoc;
  "\n    query BeforeFillCheckChanges($since: DateTime!, $first: Int, $after: String) {\n      beforeFillCheckChanges(since: $since, first: $first, after: $after) {\n        horizon pageInfo { endCursor hasNextPage } nodes { ...CheckRow }\n      }\n    }\n  ": typeof types.BeforeFillCheckChangesDocument;
  "\n    query AfterFillCheckChanges($since: DateTime!, $first: Int, $after: String) {\n      afterFillCheckChanges(since: $since, first: $first, after: $after) {\n        horizon pageInfo { endCursor hasNextPage } nodes { ...CheckRow }\n      }\n    }\n  ": typeof types.AfterFillCheckChangesDocument;
  "\n    query FillRecordChanges($since: DateTime!, $first: Int, $after: String) {\n      fillRecordChanges(since: $since, first: $first, after: $after) {\n        horizon pageInfo { endCursor hasNextPage }\n        nodes {\n          id barcode idleWeight grossWeight netWeight beginAt endAt machine thirdId fillerName scaleFactory\n          receivedAt unitId\n        }\n      }\n    }\n  ": typeof types.FillRecordChangesDocument;
  "\n    query InspectionResultChanges($since: DateTime!, $first: Int, $after: String) {\n      inspectionResultChanges(since: $since, first: $first, after: $after) {\n        horizon pageInfo { endCursor hasNextPage }\n        nodes {\n          id orderId barcode thirdId conclusion reportDate reportNo valveReplaced valveMaker nextDate remark receivedAt\n          stationUnitId\n        }\n      }\n    }\n  ": typeof types.InspectionResultChangesDocument;
  "\n  mutation ApplyRegistration($input: RegistrationInput!) {\n    applyRegistration(input: $input) { id }\n  }\n": typeof types.ApplyRegistrationDocument;
  "\n    mutation UploadImage($contentType: String!, $data: String!) {\n      uploadImage(contentType: $contentType, dataBase64: $data) { path byteSize sm3 }\n    }\n  ": typeof types.UploadImageDocument;
  "\n  fragment SpotCheckSummary on SpotCheck {\n    id style checkCount checkDate checkComment applyDate\n  }\n": typeof types.SpotCheckSummaryFragmentDoc;
  "\n    query OpenSpotChecks {\n      spotChecks(first: 500, filter: { status: OPEN }) { nodes { ...SpotCheckSummary } }\n    }\n  ": typeof types.OpenSpotChecksDocument;
  "\n    query SpotCheck($id: Int!) {\n      spotCheck(id: $id) { ...SpotCheckSummary items { id barcode printno image } }\n    }\n  ": typeof types.SpotCheckDocument;
  "\n    mutation RespondSpotCheck($id: Int!, $items: [SpotCheckResponseItemInput!]!) {\n      respondSpotCheck(id: $id, items: $items) { id status }\n    }\n  ": typeof types.RespondSpotCheckDocument;
  "\n  fragment UploadResult on UploadResult {\n    accepted\n    duplicates\n    items { thirdId barcode status id alarms }\n  }\n": typeof types.UploadResultFragmentDoc;
  "\n    mutation RecordBeforeFillChecks($input: CheckBatchInput!) {\n      recordBeforeFillChecks(input: $input) { ...UploadResult }\n    }\n  ": typeof types.RecordBeforeFillChecksDocument;
  "\n    mutation RecordAfterFillChecks($input: CheckBatchInput!) {\n      recordAfterFillChecks(input: $input) { ...UploadResult }\n    }\n  ": typeof types.RecordAfterFillChecksDocument;
  "\n    mutation RecordFills($input: FillBatchInput!) {\n      recordFills(input: $input) { ...UploadResult }\n    }\n  ": typeof types.RecordFillsDocument;
  "\n    mutation RequestFillPermit($barcode: String!) {\n      requestFillPermit(barcode: $barcode, channel: REST) {\n        barcode permitted message reasons { code message } decidedAt decisionId effectiveNextDate\n      }\n    }\n  ": typeof types.RequestFillPermitDocument;
  "\n    mutation ReportMonthlyCount($year: Int!, $month: Int!, $count: Int!, $type: Int!) {\n      reportMonthlyCount(year: $year, month: $month, count: $count, type: $type) {\n        id platformCount difference reportedCount\n      }\n    }\n  ": typeof types.ReportMonthlyCountDocument;
  "\n  fragment UnitRef on Unit {\n    name\n    creditCode\n  }\n": typeof types.UnitRefFragmentDoc;
};
const documents: Documents = {
  "\n  query MySm4Keys {\n    mySm4Keys { current previous }\n  }\n": types.MySm4KeysDocument,
  "\n    mutation Login($username: String!, $password: String!) {\n      login(username: $username, password: $password) { ticket expiresAt }\n    }\n  ":
    types.LoginDocument,
  "\n    mutation Logout($ticket: String!) {\n      logout(ticket: $ticket)\n    }\n  ": types.LogoutDocument,
  "\n    mutation BeginInspectionOrder($thirdId: String!, $stationUnitId: Int!, $stationName: String) {\n      beginInspectionOrder(thirdId: $thirdId, stationUnitId: $stationUnitId, stationName: $stationName) { id }\n    }\n  ":
    types.BeginInspectionOrderDocument,
  "\n    mutation AddToInspectionOrder($orderId: Int!, $thirdId: String, $items: [InspectionOrderItemInput!]!) {\n      addToInspectionOrder(orderId: $orderId, thirdId: $thirdId, items: $items) { id itemCount }\n    }\n  ":
    types.AddToInspectionOrderDocument,
  "\n    mutation RemoveFromInspectionOrder($orderId: Int!, $thirdId: String, $barcodes: [String!]!) {\n      removeFromInspectionOrder(orderId: $orderId, thirdId: $thirdId, barcodes: $barcodes) { id itemCount }\n    }\n  ":
    types.RemoveFromInspectionOrderDocument,
  "\n    mutation SubmitInspectionOrder($orderId: Int!, $thirdId: String) {\n      submitInspectionOrder(orderId: $orderId, thirdId: $thirdId) { id status }\n    }\n  ":
    types.SubmitInspectionOrderDocument,
  "\n  fragment TreeHead on SignedTreeHead {\n    treeSize rootHash timestampMs issuedAt keyId signature\n  }\n":
    types.TreeHeadFragmentDoc,
  "\n    query LedgerTreeHead($treeSize: Int) {\n      ledgerTreeHead(treeSize: $treeSize) { ...TreeHead }\n    }\n  ":
    types.LedgerTreeHeadDocument,
  "\n    query LedgerTreeHeads($fromSize: Int, $first: Int) {\n      ledgerTreeHeads(fromSize: $fromSize, first: $first) { ...TreeHead }\n    }\n  ":
    types.LedgerTreeHeadsDocument,
  "\n    query LedgerPublicKeys {\n      ledgerPublicKeys { keyId algorithm publicKey digest userId current signedMessage }\n    }\n  ":
    types.LedgerPublicKeysDocument,
  "\n    query LedgerRecordProof($table: LedgerTable!, $id: Int!, $version: Int, $treeSize: Int) {\n      ledgerRecordProof(table: $table, id: $id, version: $version, treeSize: $treeSize) {\n        table id version canonical leafHash head { ...TreeHead } proof { leafIndex treeSize path }\n      }\n    }\n  ":
    types.LedgerRecordProofDocument,
  "\n    query LedgerConsistencyProof($fromSize: Int!, $toSize: Int) {\n      ledgerConsistencyProof(fromSize: $fromSize, toSize: $toSize) {\n        fromSize toSize path fromHead { ...TreeHead } toHead { ...TreeHead }\n      }\n    }\n  ":
    types.LedgerConsistencyProofDocument,
  "\n    query GenericCylinderChanges($since: DateTime!, $first: Int, $after: String) {\n      cylinderChanges(kind: GENERIC, since: $since, first: $first, after: $after) {\n        horizon pageInfo { endCursor hasNextPage }\n        nodes {\n          id barcode printno innerNo style valve productDate discardDate checkDate nextDate state idleWeight\n          fillWeight medium nominalPressure volume thickness waterPressure checkPeriod lifePeriod factory designer\n          supervise checkUnit registerDate prefectureCode ownerUnitId\n        }\n      }\n    }\n  ":
    types.GenericCylinderChangesDocument,
  "\n    query CarCylinderChanges($since: DateTime!, $first: Int, $after: String) {\n      cylinderChanges(kind: CAR, since: $since, first: $first, after: $after) {\n        horizon pageInfo { endCursor hasNextPage }\n        nodes {\n          id barcode medium volume productDate checkDate nextDate state innerNo nominalPressure factory supervise\n          checkUnit registerDate prefectureCode ownerUnitId\n          car {\n            registerNo cylinderType carNo carType carVin certificateDate useDate deviceCode productNo company\n            identityNo install office\n          }\n        }\n      }\n    }\n  ":
    types.CarCylinderChangesDocument,
  "\n  fragment CheckRow on CheckRecord {\n    id barcode state remark checkedAt checkedAtSource thirdId inspectorName receivedAt unitId\n  }\n":
    types.CheckRowFragmentDoc,
  "\n    query BeforeFillCheckChanges($since: DateTime!, $first: Int, $after: String) {\n      beforeFillCheckChanges(since: $since, first: $first, after: $after) {\n        horizon pageInfo { endCursor hasNextPage } nodes { ...CheckRow }\n      }\n    }\n  ":
    types.BeforeFillCheckChangesDocument,
  "\n    query AfterFillCheckChanges($since: DateTime!, $first: Int, $after: String) {\n      afterFillCheckChanges(since: $since, first: $first, after: $after) {\n        horizon pageInfo { endCursor hasNextPage } nodes { ...CheckRow }\n      }\n    }\n  ":
    types.AfterFillCheckChangesDocument,
  "\n    query FillRecordChanges($since: DateTime!, $first: Int, $after: String) {\n      fillRecordChanges(since: $since, first: $first, after: $after) {\n        horizon pageInfo { endCursor hasNextPage }\n        nodes {\n          id barcode idleWeight grossWeight netWeight beginAt endAt machine thirdId fillerName scaleFactory\n          receivedAt unitId\n        }\n      }\n    }\n  ":
    types.FillRecordChangesDocument,
  "\n    query InspectionResultChanges($since: DateTime!, $first: Int, $after: String) {\n      inspectionResultChanges(since: $since, first: $first, after: $after) {\n        horizon pageInfo { endCursor hasNextPage }\n        nodes {\n          id orderId barcode thirdId conclusion reportDate reportNo valveReplaced valveMaker nextDate remark receivedAt\n          stationUnitId\n        }\n      }\n    }\n  ":
    types.InspectionResultChangesDocument,
  "\n  mutation ApplyRegistration($input: RegistrationInput!) {\n    applyRegistration(input: $input) { id }\n  }\n":
    types.ApplyRegistrationDocument,
  "\n    mutation UploadImage($contentType: String!, $data: String!) {\n      uploadImage(contentType: $contentType, dataBase64: $data) { path byteSize sm3 }\n    }\n  ":
    types.UploadImageDocument,
  "\n  fragment SpotCheckSummary on SpotCheck {\n    id style checkCount checkDate checkComment applyDate\n  }\n":
    types.SpotCheckSummaryFragmentDoc,
  "\n    query OpenSpotChecks {\n      spotChecks(first: 500, filter: { status: OPEN }) { nodes { ...SpotCheckSummary } }\n    }\n  ":
    types.OpenSpotChecksDocument,
  "\n    query SpotCheck($id: Int!) {\n      spotCheck(id: $id) { ...SpotCheckSummary items { id barcode printno image } }\n    }\n  ":
    types.SpotCheckDocument,
  "\n    mutation RespondSpotCheck($id: Int!, $items: [SpotCheckResponseItemInput!]!) {\n      respondSpotCheck(id: $id, items: $items) { id status }\n    }\n  ":
    types.RespondSpotCheckDocument,
  "\n  fragment UploadResult on UploadResult {\n    accepted\n    duplicates\n    items { thirdId barcode status id alarms }\n  }\n":
    types.UploadResultFragmentDoc,
  "\n    mutation RecordBeforeFillChecks($input: CheckBatchInput!) {\n      recordBeforeFillChecks(input: $input) { ...UploadResult }\n    }\n  ":
    types.RecordBeforeFillChecksDocument,
  "\n    mutation RecordAfterFillChecks($input: CheckBatchInput!) {\n      recordAfterFillChecks(input: $input) { ...UploadResult }\n    }\n  ":
    types.RecordAfterFillChecksDocument,
  "\n    mutation RecordFills($input: FillBatchInput!) {\n      recordFills(input: $input) { ...UploadResult }\n    }\n  ":
    types.RecordFillsDocument,
  "\n    mutation RequestFillPermit($barcode: String!) {\n      requestFillPermit(barcode: $barcode, channel: REST) {\n        barcode permitted message reasons { code message } decidedAt decisionId effectiveNextDate\n      }\n    }\n  ":
    types.RequestFillPermitDocument,
  "\n    mutation ReportMonthlyCount($year: Int!, $month: Int!, $count: Int!, $type: Int!) {\n      reportMonthlyCount(year: $year, month: $month, count: $count, type: $type) {\n        id platformCount difference reportedCount\n      }\n    }\n  ":
    types.ReportMonthlyCountDocument,
  "\n  fragment UnitRef on Unit {\n    name\n    creditCode\n  }\n": types.UnitRefFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  query MySm4Keys {\n    mySm4Keys { current previous }\n  }\n",
): typeof import("./graphql").MySm4KeysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    mutation Login($username: String!, $password: String!) {\n      login(username: $username, password: $password) { ticket expiresAt }\n    }\n  ",
): typeof import("./graphql").LoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    mutation Logout($ticket: String!) {\n      logout(ticket: $ticket)\n    }\n  ",
): typeof import("./graphql").LogoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    mutation BeginInspectionOrder($thirdId: String!, $stationUnitId: Int!, $stationName: String) {\n      beginInspectionOrder(thirdId: $thirdId, stationUnitId: $stationUnitId, stationName: $stationName) { id }\n    }\n  ",
): typeof import("./graphql").BeginInspectionOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    mutation AddToInspectionOrder($orderId: Int!, $thirdId: String, $items: [InspectionOrderItemInput!]!) {\n      addToInspectionOrder(orderId: $orderId, thirdId: $thirdId, items: $items) { id itemCount }\n    }\n  ",
): typeof import("./graphql").AddToInspectionOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    mutation RemoveFromInspectionOrder($orderId: Int!, $thirdId: String, $barcodes: [String!]!) {\n      removeFromInspectionOrder(orderId: $orderId, thirdId: $thirdId, barcodes: $barcodes) { id itemCount }\n    }\n  ",
): typeof import("./graphql").RemoveFromInspectionOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    mutation SubmitInspectionOrder($orderId: Int!, $thirdId: String) {\n      submitInspectionOrder(orderId: $orderId, thirdId: $thirdId) { id status }\n    }\n  ",
): typeof import("./graphql").SubmitInspectionOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  fragment TreeHead on SignedTreeHead {\n    treeSize rootHash timestampMs issuedAt keyId signature\n  }\n",
): typeof import("./graphql").TreeHeadFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    query LedgerTreeHead($treeSize: Int) {\n      ledgerTreeHead(treeSize: $treeSize) { ...TreeHead }\n    }\n  ",
): typeof import("./graphql").LedgerTreeHeadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    query LedgerTreeHeads($fromSize: Int, $first: Int) {\n      ledgerTreeHeads(fromSize: $fromSize, first: $first) { ...TreeHead }\n    }\n  ",
): typeof import("./graphql").LedgerTreeHeadsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    query LedgerPublicKeys {\n      ledgerPublicKeys { keyId algorithm publicKey digest userId current signedMessage }\n    }\n  ",
): typeof import("./graphql").LedgerPublicKeysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    query LedgerRecordProof($table: LedgerTable!, $id: Int!, $version: Int, $treeSize: Int) {\n      ledgerRecordProof(table: $table, id: $id, version: $version, treeSize: $treeSize) {\n        table id version canonical leafHash head { ...TreeHead } proof { leafIndex treeSize path }\n      }\n    }\n  ",
): typeof import("./graphql").LedgerRecordProofDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    query LedgerConsistencyProof($fromSize: Int!, $toSize: Int) {\n      ledgerConsistencyProof(fromSize: $fromSize, toSize: $toSize) {\n        fromSize toSize path fromHead { ...TreeHead } toHead { ...TreeHead }\n      }\n    }\n  ",
): typeof import("./graphql").LedgerConsistencyProofDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    query GenericCylinderChanges($since: DateTime!, $first: Int, $after: String) {\n      cylinderChanges(kind: GENERIC, since: $since, first: $first, after: $after) {\n        horizon pageInfo { endCursor hasNextPage }\n        nodes {\n          id barcode printno innerNo style valve productDate discardDate checkDate nextDate state idleWeight\n          fillWeight medium nominalPressure volume thickness waterPressure checkPeriod lifePeriod factory designer\n          supervise checkUnit registerDate prefectureCode ownerUnitId\n        }\n      }\n    }\n  ",
): typeof import("./graphql").GenericCylinderChangesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    query CarCylinderChanges($since: DateTime!, $first: Int, $after: String) {\n      cylinderChanges(kind: CAR, since: $since, first: $first, after: $after) {\n        horizon pageInfo { endCursor hasNextPage }\n        nodes {\n          id barcode medium volume productDate checkDate nextDate state innerNo nominalPressure factory supervise\n          checkUnit registerDate prefectureCode ownerUnitId\n          car {\n            registerNo cylinderType carNo carType carVin certificateDate useDate deviceCode productNo company\n            identityNo install office\n          }\n        }\n      }\n    }\n  ",
): typeof import("./graphql").CarCylinderChangesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  fragment CheckRow on CheckRecord {\n    id barcode state remark checkedAt checkedAtSource thirdId inspectorName receivedAt unitId\n  }\n",
): typeof import("./graphql").CheckRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    query BeforeFillCheckChanges($since: DateTime!, $first: Int, $after: String) {\n      beforeFillCheckChanges(since: $since, first: $first, after: $after) {\n        horizon pageInfo { endCursor hasNextPage } nodes { ...CheckRow }\n      }\n    }\n  ",
): typeof import("./graphql").BeforeFillCheckChangesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    query AfterFillCheckChanges($since: DateTime!, $first: Int, $after: String) {\n      afterFillCheckChanges(since: $since, first: $first, after: $after) {\n        horizon pageInfo { endCursor hasNextPage } nodes { ...CheckRow }\n      }\n    }\n  ",
): typeof import("./graphql").AfterFillCheckChangesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    query FillRecordChanges($since: DateTime!, $first: Int, $after: String) {\n      fillRecordChanges(since: $since, first: $first, after: $after) {\n        horizon pageInfo { endCursor hasNextPage }\n        nodes {\n          id barcode idleWeight grossWeight netWeight beginAt endAt machine thirdId fillerName scaleFactory\n          receivedAt unitId\n        }\n      }\n    }\n  ",
): typeof import("./graphql").FillRecordChangesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    query InspectionResultChanges($since: DateTime!, $first: Int, $after: String) {\n      inspectionResultChanges(since: $since, first: $first, after: $after) {\n        horizon pageInfo { endCursor hasNextPage }\n        nodes {\n          id orderId barcode thirdId conclusion reportDate reportNo valveReplaced valveMaker nextDate remark receivedAt\n          stationUnitId\n        }\n      }\n    }\n  ",
): typeof import("./graphql").InspectionResultChangesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  mutation ApplyRegistration($input: RegistrationInput!) {\n    applyRegistration(input: $input) { id }\n  }\n",
): typeof import("./graphql").ApplyRegistrationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    mutation UploadImage($contentType: String!, $data: String!) {\n      uploadImage(contentType: $contentType, dataBase64: $data) { path byteSize sm3 }\n    }\n  ",
): typeof import("./graphql").UploadImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  fragment SpotCheckSummary on SpotCheck {\n    id style checkCount checkDate checkComment applyDate\n  }\n",
): typeof import("./graphql").SpotCheckSummaryFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    query OpenSpotChecks {\n      spotChecks(first: 500, filter: { status: OPEN }) { nodes { ...SpotCheckSummary } }\n    }\n  ",
): typeof import("./graphql").OpenSpotChecksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    query SpotCheck($id: Int!) {\n      spotCheck(id: $id) { ...SpotCheckSummary items { id barcode printno image } }\n    }\n  ",
): typeof import("./graphql").SpotCheckDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    mutation RespondSpotCheck($id: Int!, $items: [SpotCheckResponseItemInput!]!) {\n      respondSpotCheck(id: $id, items: $items) { id status }\n    }\n  ",
): typeof import("./graphql").RespondSpotCheckDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  fragment UploadResult on UploadResult {\n    accepted\n    duplicates\n    items { thirdId barcode status id alarms }\n  }\n",
): typeof import("./graphql").UploadResultFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    mutation RecordBeforeFillChecks($input: CheckBatchInput!) {\n      recordBeforeFillChecks(input: $input) { ...UploadResult }\n    }\n  ",
): typeof import("./graphql").RecordBeforeFillChecksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    mutation RecordAfterFillChecks($input: CheckBatchInput!) {\n      recordAfterFillChecks(input: $input) { ...UploadResult }\n    }\n  ",
): typeof import("./graphql").RecordAfterFillChecksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    mutation RecordFills($input: FillBatchInput!) {\n      recordFills(input: $input) { ...UploadResult }\n    }\n  ",
): typeof import("./graphql").RecordFillsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    mutation RequestFillPermit($barcode: String!) {\n      requestFillPermit(barcode: $barcode, channel: REST) {\n        barcode permitted message reasons { code message } decidedAt decisionId effectiveNextDate\n      }\n    }\n  ",
): typeof import("./graphql").RequestFillPermitDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n    mutation ReportMonthlyCount($year: Int!, $month: Int!, $count: Int!, $type: Int!) {\n      reportMonthlyCount(year: $year, month: $month, count: $count, type: $type) {\n        id platformCount difference reportedCount\n      }\n    }\n  ",
): typeof import("./graphql").ReportMonthlyCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: "\n  fragment UnitRef on Unit {\n    name\n    creditCode\n  }\n",
): typeof import("./graphql").UnitRefFragmentDoc;

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
