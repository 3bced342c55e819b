/**
 * uploadImage: a filling unit's photo, stored once under `<DATA_DIR>/images/<unit>/<sm3>.<ext>`
 * (written to a temporary name and renamed, so a half-written file is never visible) and
 * recorded in registry.image. The same bytes uploaded again by the same unit return the same
 * image.
 */

import { randomBytes } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { sm3Hex } from "@cylinder/db";
import { image } from "@cylinder/db/schema";
import { eq } from "drizzle-orm";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { RegistryContext } from "../context";
import { requireAction } from "../guard";
import { decodeImage, imagePath } from "./image.rules";
import { Image, toImage } from "./image.type";

@Resolver(() => Image)
export class ImageResolver {
  @Mutation(() => Image, {
    description: "上传照片 (upload a photo)：充装单位；仅 JPEG/PNG，不超过 1 MB；返回服务端路径",
  })
  async uploadImage(
    @Arg("contentType", () => String, { description: "image/jpeg 或 image/png" }) contentType: string,
    @Arg("dataBase64", () => String, { description: "照片内容，Base64 编码" }) dataBase64: string,
    @Ctx() ctx: RegistryContext,
  ): Promise<Image> {
    const id = requireAction(ctx, "fillingUnitPaperwork", "上传照片");
    const decoded = decodeImage(contentType, dataBase64);
    const sm3 = sm3Hex(decoded.bytes);
    const path = imagePath(id.unitId, sm3, decoded.extension);
    const [existing] = await ctx.deps.db.select().from(image).where(eq(image.path, path));
    if (existing) return toImage(existing);

    const file = join(ctx.deps.config.dataDir, path);
    await mkdir(dirname(file), { recursive: true });
    const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(temporary, decoded.bytes);
    await rename(temporary, file);
    const [row] = await ctx.deps.db
      .insert(image)
      .values({ unitId: id.unitId, path, contentType: decoded.contentType, byteSize: decoded.bytes.length, sm3 })
      .onConflictDoNothing({ target: image.path })
      .returning();
    if (row) return toImage(row);
    const [raced] = await ctx.deps.db.select().from(image).where(eq(image.path, path));
    return toImage(raced!);
  }
}
