// Runs a Node CLI from the toolchain's node_modules with the host root preopened.
//
// jco 1.35.0 (and componentize-js, which calls into jco) runs wasm-tools as a
// component on @bytecodealliance/preview2-shim, and preview2-shim 0.26 starts
// with no preopens, so every WIT path handed to wasm-tools fails with
// "failed to get path metadata: No such file or directory (os error 44)".
// Preopening "/" before the CLI loads restores what jco expects.
// Usage: node with-root-preopen.mjs <node_modules> <module path in it> <args...>
import { pathToFileURL } from "node:url";
import { join, resolve } from "node:path";

const [nodeModules, entry, ...args] = process.argv.slice(2);
const root = resolve(nodeModules);
const shim = join(root, "@bytecodealliance/preview2-shim/dist/nodejs/filesystem.js");
const { _setPreopens } = await import(pathToFileURL(shim).href);
_setPreopens({ "/": "/" });
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(join(root, entry)).href);
