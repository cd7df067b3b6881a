/* eslint-disable no-undef */
/*
 * Webpack configuration for the KPA Tracker add-in (modelled on the OfficeDev
 * Office-Addin-TaskPane templates).
 *
 *   npx webpack --mode production    -> dist/, manifest URLs rewritten to urlProd
 *   npx webpack --mode development   -> dist/, manifest copied unchanged
 *   npx webpack serve --mode development
 *                                    -> https://localhost:3000/ (office-addin-dev-certs)
 *
 * manifest.xml and assets/*.png are copied by a small inline plugin
 * (CopyStaticFilesPlugin below), so no copy-webpack-plugin dependency is needed.
 */

const fs = require("fs");
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const pkg = require("./package.json");

const urlDev = "https://localhost:3000/";
const urlProd = "https://kpa-tracker.example.com/"; // CHANGE THIS TO THE PRODUCTION DEPLOYMENT LOCATION

const devServerPort = Number(
  process.env.npm_package_config_dev_server_port ||
    (pkg.config && pkg.config.dev_server_port) ||
    3000
);

/**
 * HTTPS options for the dev server. Only called by `webpack serve`: getting them
 * may create the development certificates and install them in the trust store,
 * which a plain build must never need.
 */
async function getHttpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const httpsOptions = await devCerts.getHttpsServerOptions();
  return { ca: httpsOptions.ca, key: httpsOptions.key, cert: httpsOptions.cert };
}

/**
 * Emits files from the repository into the output, optionally transformed.
 * `getFiles()` is called for every compilation and returns
 * [{ from: absolutePath, to: outputPath, transform?: (Buffer) => string | Buffer }].
 * The sources are registered as dependencies, so watch mode and the dev server
 * pick up changes; `watchDirs` are watched for added or removed files.
 */
class CopyStaticFilesPlugin {
  constructor({ getFiles, watchDirs = [] }) {
    this.getFiles = getFiles;
    this.watchDirs = watchDirs;
  }

  apply(compiler) {
    const name = "CopyStaticFilesPlugin";
    const { Compilation, WebpackError } = compiler.webpack;
    const { RawSource } = compiler.webpack.sources;

    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const dir of this.watchDirs) {
            compilation.contextDependencies.add(dir);
          }
          for (const { from, to, transform } of this.getFiles()) {
            compilation.fileDependencies.add(from);
            try {
              const content = fs.readFileSync(from);
              compilation.emitAsset(to, new RawSource(transform ? transform(content) : content), {
                copied: true,
                sourceFilename: path.relative(compiler.context, from),
              });
            } catch (err) {
              compilation.errors.push(
                new WebpackError(`${name}: ${from} -> ${to}: ${err.message}`)
              );
            }
          }
        }
      );
    });
  }
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const assetsDir = path.resolve(__dirname, "assets");

  const rewriteManifest = (content) => {
    if (dev) {
      return content;
    }
    const text = content.toString("utf8").split(urlDev).join(urlProd);
    if (text.includes("localhost")) {
      throw new Error(
        `manifest.xml still mentions localhost after rewriting ${urlDev} to ${urlProd}`
      );
    }
    return text;
  };

  const config = {
    mode: dev ? "development" : "production",
    context: __dirname,
    // Source maps help while developing; a production dist/ ships without them (they would publish our sources).
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.ts",
      commands: "./src/commands/commands.ts",
      // The ribbon's notice dialog: one sentence, shown when Evaluate from the ribbon fails.
      notice: "./src/commands/notice.ts",
      // The worksheet functions (=KPA.STATUS…), on their own page (functions.html).
      functions: "./src/functions/functions.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // Loaded on demand: the browser demo (in-memory Excel and the example workbook).
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              configFile: path.resolve(__dirname, "tsconfig.json"),
              transpileOnly: false,
              // Type-check only what the bundles import; tests and the CLI are
              // checked by `npm run typecheck` / jest.
              onlyCompileBundledFiles: true,
              // The bundle needs emitted JavaScript and source maps even if the
              // shared tsconfig is set up for type-checking only.
              // ES modules, so webpack can tree-shake Fluent UI and keep the initial script small.
              compilerOptions: { noEmit: false, sourceMap: true, module: "es2020", moduleResolution: "node" },
            },
          },
        },
      ],
    },
    plugins: [
      // functions.json (the functions' metadata, manifest.xml: Functions.Metadata.Url) from the JSDoc in functions.ts;
      // the plugin also appends the CustomFunctions.associate calls to that file.
      new CustomFunctionsMetadataPlugin({
        input: "./src/functions/functions.ts",
        output: "functions.json",
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
      }),
      // The worksheet functions' page (manifest.xml: Functions.Page.Url). For a shared runtime, the pane's page would
      // load the commands and functions chunks instead (chunks: ["taskpane", "commands", "functions"]).
      new HtmlWebpackPlugin({
        filename: "functions.html",
        template: "./src/functions/functions.html",
        chunks: ["functions"],
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
      }),
      new HtmlWebpackPlugin({
        filename: "notice.html",
        template: "./src/commands/notice.html",
        chunks: ["notice"],
      }),
      new CopyStaticFilesPlugin({
        watchDirs: [assetsDir],
        getFiles: () => [
          {
            from: path.resolve(__dirname, "manifest.xml"),
            to: "manifest.xml",
            transform: rewriteManifest,
          },
          ...(fs.existsSync(assetsDir) ? fs.readdirSync(assetsDir) : [])
            .filter((file) => file.toLowerCase().endsWith(".png"))
            .sort()
            .map((file) => ({ from: path.join(assetsDir, file), to: `assets/${file}` })),
        ],
      }),
    ],
    optimization: {
      minimize: !dev,
    },
    devServer: {
      hot: true,
      headers: {
        "Access-Control-Allow-Origin": "*",
      },
      server: env.http ? { type: "http" } : {
        type: "https",
        // Certificates are only looked up (and created if needed) when serving.
        options: env.WEBPACK_SERVE ? await getHttpsOptions() : undefined,
      },
      port: devServerPort,
    },
  };

  return config;
};
