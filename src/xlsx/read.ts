// What `kpa` refuses before reading a package: formats it cannot evaluate, each with one sentence saying what to do.
import { UnusableInputError } from "./errors";
import { Package } from "./package";

export { UnusableInputError };

const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Why a file is not a workbook `kpa` can evaluate, in one sentence saying what to do, or undefined when it may be
 * one: legacy and encrypted workbooks (OLE compound files), binary .xlsb, OpenDocument and template packages.
 */
export function refusedFormat(data: Buffer, path: string): string | undefined {
  const saveAs = "save it as an Excel Workbook (.xlsx) and evaluate that";
  if (data.subarray(0, 8).equals(CFB)) {
    // An encrypted .xlsx is a compound file holding an "EncryptedPackage" stream (its name in UTF-16).
    return data.includes(Buffer.from("EncryptedPackage", "utf16le"))
      ? `${path} is password-protected: remove the password (in Excel, File > Info > Protect Workbook > Encrypt with Password), save it, and evaluate that.`
      : `${path} is an Excel 97–2003 workbook (.xls): open it in Excel or LibreOffice, ${saveAs}.`;
  }
  let pkg: Package;
  try {
    pkg = new Package(data, path);
  } catch {
    return undefined; // not a zip: the reader says so
  }
  const mimetype = pkg.text("mimetype");
  if (mimetype?.startsWith("application/vnd.oasis.opendocument")) return `${path} is an OpenDocument spreadsheet (.ods): ${saveAs}.`;
  if (pkg.has("xl/workbook.bin")) return `${path} is a binary workbook (.xlsb): ${saveAs}.`;
  const types = pkg.text("[Content_Types].xml") ?? "";
  if (/\.template\.main\+xml|macroEnabledTemplate\.main\+xml/.test(types))
    return `${path} is a template: create a workbook from it, or ${saveAs}.`;
  return undefined;
}
