// Office host glue: the Excel-backed port, settings kept in the document, and the Office theme.
import { MESSAGES } from "../app/messages";
import { type EvaluateSettings, PortError } from "../app/port";
import { type ExcelPort, type SettingsStore, createExcelPort } from "./excel-port";

const SETTINGS_KEY = "kpaTracker.settings";

/** Settings travel with the workbook (Office document settings), so every reviewer evaluates alike. */
export function documentSettings(): SettingsStore {
  const settings = Office.context.document.settings;
  return {
    load: async () => (settings.get(SETTINGS_KEY) as Partial<EvaluateSettings> | null) ?? {},
    save: (s) =>
      new Promise<void>((resolve, reject) => {
        settings.set(SETTINGS_KEY, s);
        settings.saveAsync((result) =>
          result.status === Office.AsyncResultStatus.Succeeded
            ? resolve()
            : reject(new PortError(MESSAGES.settingsNotSaved({ reason: result.error.message }))),
        );
      }),
  };
}

export function officePort(): ExcelPort {
  return createExcelPort((batch) => Excel.run(batch), {
    kind: "excel",
    settings: documentSettings(),
    read: { merges: Office.context.requirements.isSetSupported("ExcelApi", "1.13") },
    print: Office.context.requirements.isSetSupported("ExcelApi", "1.9"),
  });
}

/** Dark when Office's body background is dark. */
export function officeTheme(): "light" | "dark" {
  const bg = Office.context.officeTheme?.bodyBackgroundColor;
  const m = bg ? /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(bg) : null;
  if (!m) return "light";
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h as string, 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 ? "dark" : "light";
}
