import { readFileSync } from "node:fs";
const before = await import("/tmp/wta/dist-before/index.js");
const after = await import("/work/wt-a/dist/index.js");
const netText = readFileSync("/work/wt-a/bench/flow/net.json", "utf8");
const dataText = readFileSync("/work/wt-a/bench/flow/data.csv", "utf8");
const nb = before.readNetwork(netText), na = after.readNetwork(netText);
const db = before.readDataset(dataText, 2, 1), da = after.readDataset(dataText, 2, 1);
for (const digits of [30, 50]) {
  const tb = [], ta = [];
  for (let r = 0; r < 7; r++) {
    let t0 = performance.now(); const rb = before.integrateFlow(nb, db, { time: "1", digits }); tb.push(performance.now() - t0);
    t0 = performance.now(); const ra = after.integrateFlow(na, da, { time: "1", digits }); ta.push(performance.now() - t0);
    if (r === 0 && JSON.stringify(rb.params) !== JSON.stringify(ra.params)) console.log("params differ!");
  }
  const med = (x) => x.sort((a, b) => a - b)[3].toFixed(1);
  console.log(`digits ${digits}: before median ${med(tb)} ms, after median ${med(ta)} ms  (before ${tb.map((v) => v.toFixed(0)).join(",")}; after ${ta.map((v) => v.toFixed(0)).join(",")})`);
}
