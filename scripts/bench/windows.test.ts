import { describe, expect, it } from "vitest";
import { classify } from "./windows";

describe("classify (bench:uploads' page requests into idle and upload windows)", () => {
  const idle = [{ start: 0, end: 100 }];
  const uploads = [{ start: 110, end: 200 }];

  it("counts a request as busy when it overlaps an upload at all, as idle only when wholly inside an idle window", () => {
    const requests = [
      { start: 10, end: 30 }, // idle
      { start: 90, end: 105 }, // straddles the idle window's end, touches no upload: neither
      { start: 105, end: 115 }, // began before the upload, overlaps it: busy
      { start: 150, end: 160 }, // during the upload: busy
      { start: 195, end: 230 }, // ends after the upload: busy
      { start: 200, end: 210 }, // begins as the upload ends: neither
    ];
    expect(classify(requests, idle, uploads)).toEqual({ idle: [20], busy: [10, 10, 35] });
  });

  it("never counts a request in both", () => {
    const overlapping = [{ start: 50, end: 150 }];
    expect(classify([{ start: 60, end: 70 }], idle, overlapping)).toEqual({ idle: [], busy: [10] });
  });
});
