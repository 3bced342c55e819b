/** The Cylinder entity as the trace subgraph extends it (its fills, checks, inspections…). */
import { Directive, Field, ObjectType } from "type-graphql";

@ObjectType("Cylinder")
@Directive(`@key(fields: "barcode")`)
export class TraceCylinder {
  @Field(() => String)
  barcode!: string;
}
