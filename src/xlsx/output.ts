// Writing the files `kpa` produces as the user's own: each is written in full to a temporary file beside its real
// target first (a symlink's target, not the link), then renamed over it, so a failure never leaves half a file; an
// existing file keeps its mode and owner; a missing folder, a read-only file or a full disk is one sentence.
import * as fs from "fs";
import * as path from "path";
import { UnusableInputError } from "./errors";

/** A file written in full beside its target, waiting for commit (rename) or abort (removal). */
export interface StagedFile {
  readonly target: string;
  commit(): void;
  abort(): void;
}

/** What an I/O error code means to a user, as the end of "Could not write FILE: …". */
const WHY: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EFBIG: "the file is larger than this system allows",
  EROFS: "the disk is read-only",
  EISDIR: "it is a folder",
  ENOTDIR: "part of the path is a file, not a folder",
  ENAMETOOLONG: "the name is too long",
};

function ioFailure(file: string, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const why = code ? WHY[code] : undefined;
  // Anything else is not the user's to fix: it stays an unexpected failure, with its own message.
  return why ? new UnusableInputError(`Could not write ${file}: ${why}. Nothing was written.`) : (e as Error);
}

/** The file a path really names: a symlink's target (even a dangling one's), else the path itself. */
function realTarget(file: string): string {
  const resolved = path.resolve(file);
  let st: fs.Stats;
  try {
    st = fs.lstatSync(resolved);
  } catch {
    return resolved;
  }
  if (!st.isSymbolicLink()) return resolved;
  try {
    return fs.realpathSync(resolved);
  } catch {
    return path.resolve(path.dirname(resolved), fs.readlinkSync(resolved));
  }
}

/** Refuses, before anything is written, an output whose folder is missing or which is a folder or read-only. */
function checkTarget(file: string, target: string): fs.Stats | undefined {
  const dir = path.dirname(target);
  if (!fs.existsSync(dir))
    throw new UnusableInputError(`The folder ${path.dirname(file)} does not exist: create it, or choose another output path.`);
  if (!fs.statSync(dir).isDirectory())
    throw new UnusableInputError(`${path.dirname(file)} is a file, not a folder: choose another output path.`);
  if (!fs.existsSync(target)) return undefined;
  const st = fs.statSync(target);
  if (st.isDirectory())
    throw new UnusableInputError(`${file} is a folder: give the output a file name, such as ${path.join(file, "out.xlsx")}.`);
  try {
    fs.accessSync(target, fs.constants.W_OK);
  } catch {
    throw new UnusableInputError(`${file} is read-only: make it writable, or choose another output path.`);
  }
  return st;
}

/** Refuses an output path before any work is done: its folder is missing, or it is a folder or read-only. */
export function checkOutput(file: string): void {
  checkTarget(file, realTarget(file));
}

/** Writes `data` in full beside the file `file` names; nothing replaces the file until commit. */
export function stageFile(file: string, data: string | Buffer): StagedFile {
  const target = realTarget(file);
  const existing = checkTarget(file, target);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  let replaceByCopy = false;
  try {
    fs.writeFileSync(tmp, data);
    if (existing) {
      fs.chmodSync(tmp, existing.mode & 0o7777);
      try {
        fs.chownSync(tmp, existing.uid, existing.gid);
      } catch {
        // Only root may give a file away: keep the owner by writing into the existing file instead of renaming.
        replaceByCopy = existing.uid !== process.getuid?.();
      }
    }
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw ioFailure(file, e);
  }
  return {
    target,
    commit: () => {
      try {
        if (replaceByCopy) fs.copyFileSync(tmp, target);
        else fs.renameSync(tmp, target);
      } catch (e) {
        throw ioFailure(file, e);
      } finally {
        fs.rmSync(tmp, { force: true });
      }
    },
    abort: () => fs.rmSync(tmp, { force: true }),
  };
}

/**
 * Writes several files that succeed or fail together (a workbook and its JSON report): all are written in full
 * first, and only then renamed into place, one right after the other.
 */
export function writeFilesTogether(files: readonly { readonly file: string; readonly data: string | Buffer }[]): void {
  const staged: StagedFile[] = [];
  try {
    for (const f of files) staged.push(stageFile(f.file, f.data));
  } catch (e) {
    for (const s of staged) s.abort();
    throw e;
  }
  staged.forEach((s, i) => {
    try {
      s.commit();
    } catch (e) {
      for (const rest of staged.slice(i + 1)) rest.abort();
      throw e;
    }
  });
}

/** One file, written beside its target and renamed over it. */
export function writeFileAtomically(file: string, data: string | Buffer): void {
  writeFilesTogether([{ file, data }]);
}

/** Refuses to replace an existing file unless the user said so (kpa template --force). */
export function refuseToReplace(file: string, force: boolean): void {
  if (!force && fs.existsSync(file))
    throw new UnusableInputError(`${file} already exists: choose another name, or add --force to replace it.`);
}
