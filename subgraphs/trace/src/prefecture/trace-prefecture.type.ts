/** The Prefecture entity as trace extends it: today's fills and open alarms. */
import { Directive, Field, ObjectType } from "type-graphql";

@ObjectType("Prefecture")
@Directive(`@key(fields: "code")`)
export class TracePrefecture {
  @Field(() => String)
  code!: string;
}
