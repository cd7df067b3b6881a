// One workbook row on one line (a change since the previous evaluation): its name is a button that selects the row,
// then its status, then one short figure.
import type { ReactNode } from "react";
import { Link } from "@fluentui/react-components";
import type { Status } from "../../engine";
import { StatusBadge } from "./StatusBadge";
import { useListStyles } from "./listStyles";

export function RowItem(props: {
  name: string;
  status: Status;
  sheet: string;
  /** The row's name cell. */
  cell: string;
  onSelect: (sheet: string, cell: string) => void;
  /** The short figure after the status, such as "was At Risk". */
  children?: ReactNode;
}) {
  const { name, status, sheet, cell, onSelect, children } = props;
  const styles = useListStyles();
  return (
    <li className={styles.line}>
      <Link as="button" className={styles.name} title={name} onClick={() => onSelect(sheet, cell)}>
        {name}
      </Link>
      <StatusBadge status={status} />
      <span className={styles.figure}>{children}</span>
    </li>
  );
}
