// The program of testdata/wat/program-starlingmonkey.wat, as jco was given it.
import { getEnvironment } from "wasi:cli/environment@0.2.12";
import { getCount } from "test:app/counter@0.1.0";

const NAMES = ["alpha", "beta", "gamma"];

export function run() {
  let total = 0;
  for (const name of NAMES) total += getCount(name.length);
  return total + getEnvironment().length;
}
