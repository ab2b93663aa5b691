import { describe, expect, it } from "vitest";
import { filterOptions } from "./multi-combobox";

const groups = [
  { value: "1", label: "Media Over QUIC", detail: "moq" },
  { value: "2", label: "QUIC", detail: "quic" },
  { value: "3", label: "Multiplexed Application Substrate over QUIC Encryption", detail: "masque" },
  { value: "4", label: "3GPP TSG SA WG2", detail: "3gpp-tsgsa-sa2" },
  { value: "5", label: "Transport Layer Security", detail: "tls" },
];
const values = (text: string) => filterOptions(groups, text).map((o) => o.value);

describe("filterOptions", () => {
  it("keeps every option for empty or blank text, in their order", () => {
    expect(values("")).toEqual(["1", "2", "3", "4", "5"]);
    expect(values("   ")).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("matches the name or the acronym, case-insensitive, and puts names or acronyms that start with the text first", () => {
    expect(values("quic")).toEqual(["2", "1", "3"]);
    expect(values("TLS")).toEqual(["5"]);
    expect(values("sa2")).toEqual(["4"]);
    expect(values("masq")).toEqual(["3"]);
  });

  it("needs every word, in any order", () => {
    expect(values("wg2 3gpp")).toEqual(["4"]);
    expect(values("quic media")).toEqual(["1"]);
    expect(values("quic nothing")).toEqual([]);
  });
});
