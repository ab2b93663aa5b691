import { randomBytes } from "node:crypto";
import { formGroupIds, quicToSg15Submission, signInOverHttp } from "../e2e/support/app-http";

const base = process.argv[2]!;
const chair = await signInOverHttp(base, "chair@example.org");
const ids = await formGroupIds(chair);
const groups = { quic: ids.from.get("quic")!, sg15: ids.to.get("itu-t-sg15")! };
for (let i = 0; i < 6; i++) {
  const body = new FormData();
  for (const [k, v] of Object.entries({ ...quicToSg15Submission(groups, `Prof ${i}`, "x"), intent: "save" }))
    body.append(k, v);
  body.append("attachments", new Blob([randomBytes(25 * 1024 * 1024)]), `p${i}.pdf`);
  const t = performance.now();
  const r = await fetch(`${base}/statements/save`, {
    method: "POST",
    headers: { cookie: chair.cookie, origin: base },
    body,
  });
  console.log(r.status, (performance.now() - t).toFixed(0), r.headers.get("server-timing"));
}
