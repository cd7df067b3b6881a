/*
 * Offline checks of manifest.xml.
 *
 * Schema validation runs xmllint (libxml2-utils) against the Office add-in
 * manifest XSDs kept beside the repository in ../shared/schemas/office-addin-manifest
 * (see the README.md there); set KPA_MANIFEST_SCHEMAS to use another folder.
 * `office-addin-manifest validate` needs an online service, so it is not used here.
 *
 * A missing xmllint or schema folder FAILS these tests: they are never skipped.
 */

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REPO_ROOT = path.resolve(__dirname, "../..");
const MANIFEST_PATH = path.join(REPO_ROOT, "manifest.xml");
const SCHEMAS_DIR = process.env.KPA_MANIFEST_SCHEMAS
  ? path.resolve(process.env.KPA_MANIFEST_SCHEMAS)
  : path.resolve(__dirname, "../../../shared/schemas/office-addin-manifest");
const ENTRY_SCHEMA = "OfficeAppManifestV1_1.xsd";

/** xmllint's exit status for "the document does not match the schema". */
const XMLLINT_VALIDATION_ERROR = 3;

interface ValidationResult {
  status: number | null;
  output: string;
}

function validateManifest(manifestPath: string): ValidationResult {
  const schemaPath = path.join(SCHEMAS_DIR, ENTRY_SCHEMA);
  if (!fs.existsSync(schemaPath)) {
    throw new Error(
      `Manifest schema not found: ${schemaPath}\n` +
        "Expected the shared schemas folder beside the repository (../shared/schemas/office-addin-manifest), " +
        "or set KPA_MANIFEST_SCHEMAS to the folder holding OfficeAppManifestV1_1.xsd and the schemas it imports."
    );
  }

  const result = spawnSync("xmllint", ["--noout", "--schema", schemaPath, manifestPath], {
    encoding: "utf8",
  });
  if (result.error) {
    if ((result.error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(
        "xmllint was not found on PATH. It is required to validate manifest.xml offline; " +
          "install it with `apt-get install libxml2-utils` (Debian/Ubuntu)."
      );
    }
    throw result.error;
  }
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

function readManifest(): string {
  return fs.readFileSync(MANIFEST_PATH, "utf8");
}

/** The manifest without XML comments, so commented-out markup is never checked. */
function manifestMarkup(): string {
  return readManifest().replace(/<!--[\s\S]*?-->/g, "");
}

/** Resource id -> DefaultValue, from <bt:Image>, <bt:Url> and <bt:String> in <Resources>. */
function resources(markup: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of markup.matchAll(
    /<bt:(?:Image|Url|String)\s+id="([^"]+)"\s+DefaultValue="([^"]*)"/g
  )) {
    map.set(m[1] as string, m[2] as string);
  }
  return map;
}

interface ButtonControl {
  id: string;
  label: string | undefined;
  action: string | undefined;
  taskpaneId?: string;
  sourceLocation?: string;
  functionName?: string;
}

function buttons(markup: string): ButtonControl[] {
  const res = resources(markup);
  const lookup = (resid: string | undefined): string | undefined =>
    resid === undefined ? undefined : res.get(resid);
  return [
    ...markup.matchAll(/<Control\s+xsi:type="Button"\s+id="([^"]+)">([\s\S]*?)<\/Control>/g),
  ].map((m) => {
    const body = m[2] as string;
    const control: ButtonControl = {
      id: m[1] as string,
      label: lookup(/<Label\s+resid="([^"]+)"/.exec(body)?.[1]),
      action: /<Action\s+xsi:type="([^"]+)"/.exec(body)?.[1],
    };
    const taskpaneId = /<TaskpaneId>([^<]+)<\/TaskpaneId>/.exec(body)?.[1];
    const sourceLocation = lookup(/<SourceLocation\s+resid="([^"]+)"/.exec(body)?.[1]);
    const functionName = /<FunctionName>([^<]+)<\/FunctionName>/.exec(body)?.[1];
    if (taskpaneId !== undefined) control.taskpaneId = taskpaneId;
    if (sourceLocation !== undefined) control.sourceLocation = sourceLocation;
    if (functionName !== undefined) control.functionName = functionName;
    return control;
  });
}

describe("manifest.xml", () => {
  let tmpDir: string;

  beforeAll(() => {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "kpa-manifest-"));
  });

  afterAll(() => {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  });

  test("validates against the Office add-in manifest XSD schemas (xmllint)", () => {
    const { status, output } = validateManifest(MANIFEST_PATH);
    if (status !== 0) {
      throw new Error(`manifest.xml does not validate (xmllint exit status ${status}):\n${output}`);
    }
    expect(output).toMatch(/validates$/);
  });

  test.each([
    {
      breakage: "without <Id>",
      mutate: (xml: string) => xml.replace(/\s*<Id>[^<]*<\/Id>/, ""),
      expectedError: /Expected is \(\s*\{[^}]+\}Id\s*\)/,
    },
    {
      breakage: "with an unknown <Permissions> value",
      mutate: (xml: string) =>
        xml.replace(
          /<Permissions>ReadWriteDocument<\/Permissions>/,
          "<Permissions>ReadWriteEverything</Permissions>"
        ),
      expectedError: /ReadWriteEverything' is not an element of the set/,
    },
  ])("a broken copy of the manifest ($breakage) fails validation", ({ mutate, expectedError }) => {
    const original = readManifest();
    const broken = mutate(original);
    expect(broken).not.toEqual(original); // the mutation really happened

    const brokenPath = path.join(tmpDir, "manifest.broken.xml");
    fs.writeFileSync(brokenPath, broken, "utf8");
    const { status, output } = validateManifest(brokenPath);

    // A schema rejection (3), not a crash, unreadable schema (5) or parse error (1).
    expect(status).toBe(XMLLINT_VALIDATION_ERROR);
    expect(output).toMatch(/fails to validate/);
    expect(output).toMatch(expectedError);
  });

  test("declares the Excel host, ReadWriteDocument, the two ribbon buttons and only https:// URLs", () => {
    const markup = manifestMarkup();

    // Host and permission.
    expect([...markup.matchAll(/<Host\s+Name="([^"]+)"/g)].map((m) => m[1] as string)).toEqual(["Workbook"]);
    expect([...markup.matchAll(/<Host\s+xsi:type="([^"]+)"/g)].map((m) => m[1] as string)).toEqual([
      "Workbook",
    ]);
    expect(markup).toMatch(/<Permissions>\s*ReadWriteDocument\s*<\/Permissions>/);
    expect(markup).toMatch(/<DisplayName\s+DefaultValue="KPA Tracker"\s*\/>/);

    // The group on the Home tab and its two buttons.
    expect(markup).toMatch(/<OfficeTab\s+id="TabHome">\s*<Group\b/);
    const res = resources(markup);
    expect(buttons(markup)).toEqual([
      {
        id: expect.any(String),
        label: "Open KPA Tracker",
        action: "ShowTaskpane",
        taskpaneId: "ButtonId1",
        sourceLocation: "https://localhost:3000/taskpane.html",
      },
      {
        id: expect.any(String),
        label: "Evaluate",
        action: "ExecuteFunction",
        functionName: "evaluateWorkbook",
      },
    ]);
    expect(res.get(/<FunctionFile\s+resid="([^"]+)"/.exec(markup)?.[1] ?? "")).toBe(
      "https://localhost:3000/commands.html"
    );

    // Every resid points at a defined resource.
    const missing = [...markup.matchAll(/\bresid="([^"]+)"/g)]
      .map((m) => m[1] as string)
      .filter((id) => !res.has(id));
    expect(missing).toEqual([]);

    // Only https:// URLs (namespace declarations are names, not URLs, and are left out).
    const withoutNamespaces = markup.replace(/\sxmlns(?::\w+)?="[^"]*"/g, "");
    const urls = [...withoutNamespaces.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"<]+/gi)].map(
      (m) => m[0]
    );
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((url) => !url.startsWith("https://"))).toEqual([]);
    // ... and every URL-valued setting is an absolute https:// URL.
    const urlSettings = [
      ...[
        ...markup.matchAll(
          /<(?:IconUrl|HighResolutionIconUrl|SupportUrl|SourceLocation)\s+DefaultValue="([^"]*)"/g
        ),
      ].map((m) => m[1] as string),
      ...[...markup.matchAll(/<bt:(?:Image|Url)\s+id="[^"]+"\s+DefaultValue="([^"]*)"/g)].map(
        (m) => m[1] as string
      ),
      ...[...markup.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g)].map((m) => m[1] as string),
    ];
    expect(urlSettings.length).toBeGreaterThan(0);
    expect(urlSettings.filter((url) => !/^https:\/\/[^\s/]+/.test(url))).toEqual([]);
  });

  test("every icon it references exists in assets/ as a PNG", () => {
    const iconUrls = [
      ...manifestMarkup().matchAll(/"https:\/\/localhost:3000\/(assets\/[^"]+)"/g),
    ].map((m) => m[1] as string);
    expect(iconUrls.length).toBeGreaterThan(0);
    for (const relative of new Set(iconUrls)) {
      const file = path.join(REPO_ROOT, relative);
      expect(fs.existsSync(file)).toBe(true);
      const signature = fs.readFileSync(file).subarray(0, 8);
      expect(signature.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
        true
      );
    }
  });

  test("the Evaluate command's function is associated in src/commands/commands.ts", () => {
    const functionNames = [
      ...manifestMarkup().matchAll(/<FunctionName>([^<]+)<\/FunctionName>/g),
    ].map((m) => m[1] as string);
    const commands = fs.readFileSync(path.join(REPO_ROOT, "src/commands/commands.ts"), "utf8");
    // The manifest names at least the Evaluate command's function.
    expect(functionNames.length).toBeGreaterThan(0);
    for (const name of functionNames) {
      expect(commands).toContain(`Office.actions.associate("${name}"`);
    }
  });
});
