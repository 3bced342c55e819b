/**
 * The ledger's key material, from config: the SM2 key pair that signs tree heads (its public
 * half published, with the keys it replaced so that older heads still verify) and the
 * HMAC-SM3 key that seals each leaf to its position (internal to `verify`, never published).
 */
import type { Config } from "../config";
import { hexToBytes, sm2PublicKeyOf } from "../crypto/sm";
import { keyIdOf } from "./verifier";

export interface LedgerKeys {
  /** SM2 private key (hex) signing new heads. */
  readonly privateKey: string;
  readonly publicKey: string;
  readonly keyId: string;
  /** Every public key whose heads are trusted: the current one first, then retired ones. */
  readonly publicKeys: readonly string[];
  readonly sealKey: Uint8Array;
}

export function ledgerKeysOf(
  privateKey: string,
  sealKey: string,
  retiredPublicKeys: readonly string[] = [],
): LedgerKeys {
  const publicKey = sm2PublicKeyOf(privateKey);
  return Object.freeze({
    privateKey,
    publicKey,
    keyId: keyIdOf(publicKey),
    publicKeys: Object.freeze([publicKey, ...retiredPublicKeys.filter((k) => k !== publicKey)]),
    sealKey: hexToBytes(sealKey),
  });
}

export function ledgerKeys(config: Pick<Config, "ledger">): LedgerKeys {
  return ledgerKeysOf(config.ledger.privateKey, config.ledger.sealKey, config.ledger.retiredPublicKeys);
}

/** 公钥公示: what the platform publishes about its signing keys. */
export interface PublishedKey {
  keyId: string;
  algorithm: "SM2";
  /** Uncompressed point, 130 hex digits starting 04. */
  publicKey: string;
  /** The SM2 signature's digest: SM3 with the Z value of this user id (GB/T 32918). */
  digest: "SM3";
  userId: "1234567812345678";
  /** Whether new heads are signed with it (false: retired, earlier heads only). */
  current: boolean;
  /** What a head signature covers (see verifier.ts). */
  signedMessage: "cylinder-ledger/sth/v1\\n<keyId>\\n<treeSize>\\n<timestamp ms>\\n<root hex>\\n";
}

export function publishedKeys(keys: LedgerKeys): PublishedKey[] {
  return keys.publicKeys.map((publicKey, i) => ({
    keyId: keyIdOf(publicKey),
    algorithm: "SM2",
    publicKey,
    digest: "SM3",
    userId: "1234567812345678",
    current: i === 0,
    signedMessage: "cylinder-ledger/sth/v1\\n<keyId>\\n<treeSize>\\n<timestamp ms>\\n<root hex>\\n",
  }));
}
