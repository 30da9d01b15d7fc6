// A wasi:cli/command program: lists the preopened directories, reads
// `settings.txt` from each and reports which of a few environment variables
// are set. It calls the WASI imports directly, the way the JS backends expose
// them, so StarlingMonkey and QuickJS builds run the same code.
import { getEnvironment } from "wasi:cli/environment@0.2.12";
import { getDirectories } from "wasi:filesystem/preopens@0.2.12";
import { getStdout } from "wasi:cli/stdout@0.2.12";

// QuickJS has no TextEncoder; the program only prints ASCII.
const ascii = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0x7f);
// WIT u64 arguments are BigInts in StarlingMonkey's bindings but Numbers in
// componentize-qjs's (a BigInt there panics the runtime); TextEncoder tells
// the engines apart.
const u64 = typeof TextEncoder === "function" ? BigInt : Number;

export const run = {
  run() {
    const out = getStdout();
    const say = (line) => out.blockingWriteAndFlush(ascii(line + "\n"));
    const env = new Map(getEnvironment());
    for (const key of ["HOME", "TOKEN"]) {
      say(`${key} ${env.has(key) ? "set" : "unset"}`);
    }
    for (const [dir, path] of getDirectories()) {
      try {
        const file = dir.openAt({}, "settings.txt", {}, { read: true });
        const [bytes] = file.read(u64(1024), u64(0));
        say(`${path}: settings.txt has ${bytes.length} bytes`);
      } catch (e) {
        say(`${path}: settings.txt: ${e?.payload ?? e}`);
      }
    }
  },
};
