// One workbook row in a list (a gap, a change): its name is a button that selects the row, then its status, then details.
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
  children?: ReactNode;
}) {
  const { name, status, sheet, cell, onSelect, children } = props;
  const styles = useListStyles();
  return (
    <li className={styles.item}>
      <Link as="button" onClick={() => onSelect(sheet, cell)}>
        {name}
      </Link>
      <StatusBadge status={status} />
      {children}
    </li>
  );
}
