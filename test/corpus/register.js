// Lets plain node run the corpus's TypeScript (ts-node is not installed): node -r ./test/corpus/register.js FILE.ts
// Each .ts file is transpiled on load with the project's TypeScript compiler; types are not checked here.
const fs = require("fs");
const ts = require("typescript");

require.extensions[".ts"] = (module, filename) => {
  const source = fs.readFileSync(filename, "utf8");
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
  });
  module._compile(outputText, filename);
};
