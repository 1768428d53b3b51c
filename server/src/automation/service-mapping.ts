/**
 * Service mapping: "the buyer's delivery option picks the service". A preset over the rule
 * engine, not a second mechanism: one column and one value become an ordinary rule, listed,
 * ordered and edited with the others.
 */
import type { AutomationRuleInput, ServiceMappingInput } from '@tournee/shared';

/** The rule a service mapping stands for: `column = value` → its actions. */
export function serviceMappingRule(m: ServiceMappingInput): AutomationRuleInput {
  return {
    name: m.name ?? `${m.column} = ${m.value}`,
    enabled: true,
    stop: m.stop,
    when: { all: [{ field: m.column, op: 'eq', value: m.value }] },
    // biome-ignore lint/suspicious/noThenProperty: `then` is the rule's public shape (issue 16)
    then: m.then,
  };
}
