/**
 * The reporter's network address as stored: a keyed SM3 hash (what the limits count by) and
 * the address sealed with the data key (for a regulator who must trace abuse).
 */
import { hmacSm3Hex, PlatformError, sealPersonal } from "@cylinder/db";

export interface StoredAddress {
  hash: string;
  sealed: string;
}

export function storedAddress(clientAddress: string | null, dataKey: string): StoredAddress {
  if (!clientAddress) {
    // only the gateway forwards an address: a direct call to the subgraph cannot be limited
    throw new PlatformError("FORBIDDEN", { reason: "无法确认提交来源，请通过平台网页提交" });
  }
  return {
    hash: hmacSm3Hex(Buffer.from(dataKey, "hex"), `reporter-address:${clientAddress}`),
    sealed: sealPersonal(clientAddress, dataKey),
  };
}
