/**
 * Viewing an uploaded photo (issue 14: registration and spot-check photos are shown to those
 * who review them). Through GraphQL, so the console needs no other door and no ticket in an
 * image URL: the bytes come back as Base64 with the SM3 recorded at upload checked again.
 *
 * Who may see a photo: the unit that uploaded it, the regulators of that unit's prefecture and
 * province-wide roles — the `unit_record` rule of auth/scope.ts.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { canRead, PlatformError, sm3Hex } from "@cylinder/db";
import { image, unit } from "@cylinder/db/schema";
import { DateTime } from "@cylinder/subgraph-kit";
import { eq } from "drizzle-orm";
import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from "type-graphql";
import type { RegistryContext } from "../context";
import { requireAccount } from "../guard";

@ObjectType("ImageContent", { description: "照片及其内容 (a photo with its bytes)" })
export class ImageContent {
  @Field(() => String, { description: "服务端路径 (server path)" })
  path!: string;

  @Field(() => String, { description: "类型 (content type): image/jpeg 或 image/png" })
  contentType!: string;

  @Field(() => Int, { description: "字节数 (size in bytes)" })
  byteSize!: number;

  @Field(() => String, { description: "上传时记录的 SM3 摘要 (SM3 recorded at upload, hex)" })
  sm3!: string;

  @Field(() => Boolean, {
    description: "内容与上传时的 SM3 摘要一致 (the bytes still match the SM3 recorded at upload)",
  })
  intact!: boolean;

  @Field(() => Int, { description: "上传单位 ID (uploading unit)" })
  unitId!: number;

  @Field(() => DateTime, { description: "上传时间 (uploaded at)" })
  createdAt!: Date;

  @Field(() => String, { description: "照片内容，Base64 编码 (the bytes, Base64)" })
  dataBase64!: string;
}

@Resolver()
export class ImageViewResolver {
  @Query(() => ImageContent, {
    nullable: true,
    description: "查看照片 (a photo by its server path)：上传单位、该单位所在州市的监管部门与省级可看；不存在时为 null",
  })
  async image(@Arg("path", () => String) path: string, @Ctx() ctx: RegistryContext): Promise<ImageContent | null> {
    requireAccount(ctx);
    const [row] = await ctx.deps.db
      .select({ image, prefectureCode: unit.prefectureCode })
      .from(image)
      .innerJoin(unit, eq(unit.id, image.unitId))
      .where(eq(image.path, path.trim()));
    if (!row) return null;
    if (!canRead(ctx.scope, { kind: "unit_record", unitId: row.image.unitId, prefectureCode: row.prefectureCode })) {
      throw new PlatformError("FORBIDDEN", { reason: "无权查看该照片" });
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(join(ctx.deps.config.dataDir, row.image.path));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") {
        throw new PlatformError("NOT_FOUND", { what: "照片文件", id: row.image.path });
      }
      throw e;
    }
    return {
      path: row.image.path,
      contentType: row.image.contentType,
      byteSize: row.image.byteSize,
      sm3: row.image.sm3,
      intact: sm3Hex(bytes) === row.image.sm3,
      unitId: row.image.unitId,
      createdAt: row.image.createdAt,
      dataBase64: bytes.toString("base64"),
    };
  }
}
