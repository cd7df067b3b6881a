import { flat, intern, memoize } from "../../src/engine/memo";

describe("memoize", () => {
  it("works a key out once, and again only after the cache was cleared for being full", () => {
    const calls: string[] = [];
    const upper = memoize((s: string) => {
      calls.push(s);
      return s.toUpperCase();
    }, 3);
    expect([upper("a"), upper("b"), upper("a")]).toEqual(["A", "B", "A"]);
    expect(calls).toEqual(["a", "b"]);
    // Full at three: the fourth key clears it, so memory stays bounded whatever the workbook holds.
    expect([upper("c"), upper("d"), upper("a")]).toEqual(["C", "D", "A"]);
    expect(calls).toEqual(["a", "b", "c", "d", "a"]);
  });

  it("remembers undefined results too", () => {
    let calls = 0;
    const none = memoize((n: number) => {
      calls++;
      return n > 0 ? n : undefined;
    });
    expect([none(-1), none(-1), none(2)]).toEqual([undefined, undefined, 2]);
    expect(calls).toBe(2);
  });
});

describe("intern and flat", () => {
  it("give back the same text", () => {
    const parts = ["≥ ", "75", "%"];
    const built = parts.reduce((a, b) => a + b, "");
    expect(intern(built)).toBe("≥ 75%");
    expect(intern(`≥ 7${"5%"}`)).toBe(intern(built));
    expect(flat(built)).toBe("≥ 75%");
    expect(flat("")).toBe("");
  });
});
