// Office.js failures as one plain sentence saying what to do; the sentences live in src/app/messages.ts.
import { InvalidOptionError } from "../engine";
import { MESSAGES } from "../app/messages";
import { PortError } from "../app/port";

interface OfficeError {
  readonly code?: string;
  readonly message?: string;
}

const BY_CODE: Record<string, () => string> = {
  InvalidOperationInCellEditMode: MESSAGES.cellEditMode,
  AccessDenied: MESSAGES.accessDenied,
  RequestPayloadSizeLimitExceeded: MESSAGES.requestTooLarge,
  ResponsePayloadSizeLimitExceeded: MESSAGES.responseTooLarge,
  ActivityLimitReached: MESSAGES.excelOverloaded,
  Conflict: MESSAGES.editConflict,
  ItemNotFound: MESSAGES.itemRemoved,
  ItemAlreadyExists: MESSAGES.itemExists,
  InsertDeleteConflict: MESSAGES.insertDeleteConflict,
  NonBlankCellOffSheet: MESSAGES.columnsOffSheet,
  MergedRangeConflict: MESSAGES.mergedCells,
  RequestAborted: MESSAGES.requestAborted,
  ApiNotFound: MESSAGES.excelTooOld,
  InvalidReference: MESSAGES.rangeInvalid,
};

const PAYLOAD_CODES = new Set(["RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded", "PayloadTooLarge"]);

export function errorCode(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && typeof (e as OfficeError).code === "string" ? (e as OfficeError).code : undefined;
}

/** Too much data in one round trip: send less and retry. */
export function isPayloadError(e: unknown): boolean {
  const code = errorCode(e);
  if (code && PAYLOAD_CODES.has(code)) return true;
  return /payload size/i.test(e instanceof Error ? e.message : String((e as OfficeError | undefined)?.message ?? ""));
}

/** Any failure as a PortError whose message a user can act on; a bad option keeps the engine's sentence. */
export function toPortError(e: unknown): PortError {
  if (e instanceof PortError) return e;
  if (e instanceof InvalidOptionError) return new PortError(e.message);
  const code = errorCode(e);
  const sentence = code && Object.prototype.hasOwnProperty.call(BY_CODE, code) ? BY_CODE[code] : undefined;
  if (sentence) return new PortError(sentence());
  return new PortError(MESSAGES.excelError({ code, detail: e instanceof Error ? e.message : String(e) }));
}
