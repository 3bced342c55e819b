/**
 * 照片上传的校验 (image upload), pure: the annex's registration and spot-check answers name
 * photos by a server path, which the annex never says how to obtain; this platform fills the
 * gap with `uploadImage` (base64 in GraphQL, a multipart or base64 form in /PS/*).
 *
 * Only JPEG and PNG are accepted, told apart by their magic bytes (the declared content type
 * must agree), at most MAX_IMAGE_BYTES decoded: the gateway takes request bodies up to 2 MiB
 * and base64 adds a third.
 */
import { PlatformError } from "@cylinder/db";

export const MAX_IMAGE_BYTES = 1024 * 1024;

export const IMAGE_TYPES = {
  "image/jpeg": { extension: "jpg", magic: [0xff, 0xd8, 0xff] },
  "image/png": { extension: "png", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
} as const;

export type ImageContentType = keyof typeof IMAGE_TYPES;

export interface DecodedImage {
  contentType: ImageContentType;
  extension: string;
  bytes: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeImage(contentType: string, dataBase64: string): DecodedImage {
  const type = contentType.trim().toLowerCase().replace("image/jpg", "image/jpeg");
  if (!(type in IMAGE_TYPES)) {
    throw new PlatformError("INVALID_FIELD", { field: "contentType", reason: "只接受 image/jpeg 或 image/png" });
  }
  // a data: URL prefix and line breaks are tolerated; anything else must be strict base64
  const text = dataBase64.replace(/^data:[^,]*;base64,/, "").replace(/\s+/g, "");
  if (text === "") throw new PlatformError("MISSING_FIELD", { field: "dataBase64" });
  if (text.length % 4 !== 0 || !BASE64.test(text)) {
    throw new PlatformError("INVALID_FIELD", { field: "dataBase64", reason: "不是有效的 Base64 编码" });
  }
  if ((text.length / 4) * 3 > MAX_IMAGE_BYTES + 2) {
    throw new PlatformError("PAYLOAD_TOO_LARGE", { limit: `${MAX_IMAGE_BYTES / 1024 / 1024} MB` });
  }
  const bytes = Buffer.from(text, "base64");
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new PlatformError("PAYLOAD_TOO_LARGE", { limit: `${MAX_IMAGE_BYTES / 1024 / 1024} MB` });
  }
  const spec = IMAGE_TYPES[type as ImageContentType];
  if (bytes.length <= spec.magic.length || !spec.magic.every((b, i) => bytes[i] === b)) {
    throw new PlatformError("INVALID_FIELD", {
      field: "dataBase64",
      reason: `内容不是 ${type === "image/png" ? "PNG" : "JPEG"} 图片`,
    });
  }
  return { contentType: type as ImageContentType, extension: spec.extension, bytes };
}

/** The server path of a unit's image: content-addressed by SM3, in the unit's own folder. */
export function imagePath(unitId: number, sm3: string, extension: string): string {
  return `images/${unitId}/${sm3}.${extension}`;
}
