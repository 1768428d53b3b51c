// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `automation_rules`. */
export interface AutomationRulesRow {
  id: string;
  org_id: string;
  position: number;
  name: string;
  enabled: boolean;
  stop: boolean;
  when: unknown;
  then: unknown;
  created_at: Date;
  updated_at: Date;
}
