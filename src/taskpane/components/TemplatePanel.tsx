// Adds a sheet laid out like the KPA template for one department.
import { useState } from "react";
import { Button, Field, Select, makeStyles, tokens } from "@fluentui/react-components";
import { DEPARTMENTS, type DepartmentId } from "../../engine";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalM },
});

export function TemplatePanel(props: { busy: boolean; onInsert: (department: DepartmentId) => void }) {
  const { busy, onInsert } = props;
  const styles = useStyles();
  const [department, setDepartment] = useState<DepartmentId>(DEPARTMENTS[0]?.id ?? "customer-service");
  return (
    <section aria-labelledby="template-heading" className={styles.panel}>
      <h2 id="template-heading">Insert a KPA template</h2>
      <Field label="Department">
        <Select
          value={department}
          onChange={(_, data) => {
            const chosen = DEPARTMENTS.find((d) => d.id === data.value);
            if (chosen) setDepartment(chosen.id);
          }}
        >
          {DEPARTMENTS.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </Select>
      </Field>
      <Button disabledFocusable={busy} onClick={() => onInsert(department)}>
        Insert KPA template
      </Button>
    </section>
  );
}
