// Not the program the fixture carries.
import { getCount } from "test:app/counter@0.1.0";

export function run() {
  return getCount(1);
}
