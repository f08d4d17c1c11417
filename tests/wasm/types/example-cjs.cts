// CommonJS use of the package types (the "require" condition: index.d.cts).
import peixun = require("peixun");

async function main(): Promise<void> {
  const engine = await peixun.createEngine();
  const verdict = engine.checkEligibility("dalian-2023-major-conversion", { kind: "person", graduation_year: 2022 });
  const decision: string = verdict.decision;
  const day: boolean = new peixun.Engine().isWorkday("2023-10-07");
  console.log(decision, day, peixun.version());
}
void main();
