/** 上传的照片 (Image): what registration and spot-check answers refer to by path. */
import type { image } from "@cylinder/db/schema";
import { DateTime } from "@cylinder/subgraph-kit";
import { Field, Int, ObjectType } from "type-graphql";

export type ImageRow = typeof image.$inferSelect;

@ObjectType("Image", { description: "上传的照片 (an uploaded photo)" })
export class Image {
  @Field(() => String, {
    description: "照片在服务端上的路径 (server path)，填入 PayImage/BatchImage/DeviceImage 或抽查回复的 Image",
  })
  path!: string;

  @Field(() => String, { description: "类型 (content type): image/jpeg 或 image/png" })
  contentType!: string;

  @Field(() => Int, { description: "字节数 (size in bytes)" })
  byteSize!: number;

  @Field(() => String, { description: "内容的 SM3 摘要，十六进制 (SM3 of the bytes, hex)" })
  sm3!: string;

  @Field(() => Int, { description: "上传单位 ID (uploading unit)" })
  unitId!: number;

  @Field(() => DateTime, { description: "上传时间 (uploaded at)" })
  createdAt!: Date;
}

export function toImage(r: ImageRow): Image {
  return {
    path: r.path,
    contentType: r.contentType,
    byteSize: r.byteSize,
    sm3: r.sm3,
    unitId: r.unitId,
    createdAt: r.createdAt,
  };
}
