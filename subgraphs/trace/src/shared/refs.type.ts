/**
 * Entity references: trace names units and prefectures by key and lets the gateway fetch
 * them from the subgraph that owns them.
 */
import { Directive, Field, Int, ObjectType } from "type-graphql";

/** The registry's Unit, referenced by id (trace contributes no fields to it). */
@ObjectType("Unit", { description: "单位 (unit), owned by the registry subgraph" })
@Directive(`@key(fields: "id", resolvable: false)`)
export class UnitRef {
  @Field(() => Int, { description: "单位 ID (unit id)" })
  id!: number;
}

export function unitRef(id: number | null | undefined): UnitRef | null {
  return id === null || id === undefined ? null : { id };
}
