// Office.js failures as one plain sentence saying what to do.
import { PortError } from "../app/port";

interface OfficeError {
  readonly code?: string;
  readonly message?: string;
}

const SENTENCES: Record<string, string> = {
  InvalidOperationInCellEditMode: "Excel is busy editing a cell. Press Enter or Esc to leave the cell, then try again.",
  AccessDenied: "Excel refused the change because part of the workbook is protected or read-only. Unprotect it, then try again.",
  RequestPayloadSizeLimitExceeded:
    "The workbook sent more data than Excel accepts at once. Try again; if it keeps happening, evaluate a smaller copy.",
  ResponsePayloadSizeLimitExceeded:
    "The workbook returned more data than Excel can send at once. Try again; if it keeps happening, evaluate a smaller copy.",
  ActivityLimitReached: "Excel is handling too many requests right now. Wait a moment and try again.",
  Conflict: "Someone else changed the workbook at the same time. Try again.",
  ItemNotFound: "A sheet or range KPA Tracker needs was removed while it worked. Try again.",
  ItemAlreadyExists: "A sheet or name KPA Tracker wanted to create already exists. Rename it and try again.",
  InsertDeleteConflict: "The change clashes with a table or merged cells. Remove the clash and try again.",
  MergedRangeConflict: "The change overlaps merged cells. Unmerge them and try again.",
  RequestAborted: "Excel cancelled the request. Try again.",
  ApiNotFound: "This version of Excel lacks a feature KPA Tracker needs. Update Excel, or use Excel on the web.",
  InvalidReference: "A range KPA Tracker needs is no longer valid. Try again.",
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

/** Any failure as a PortError whose message a user can act on. */
export function toPortError(e: unknown): PortError {
  if (e instanceof PortError) return e;
  const code = errorCode(e);
  const sentence = code ? SENTENCES[code] : undefined;
  if (sentence) return new PortError(sentence);
  const detail = e instanceof Error ? e.message : String(e);
  return new PortError(
    `Excel reported an error${code ? ` (${code})` : ""}: ${detail.replace(/\.$/, "")}. Try again; if it keeps happening, reload the add-in.`,
  );
}
