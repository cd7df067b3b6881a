// The pane's one date format: every day in a sentence shown there, the port's ISO days and the engine's own
// "Jun 30, 2050", goes through one formatter (the user's locale in the pane).
import { formatDay, localDates } from "../../src/app/messages";

describe("localDates", () => {
  const tagged = (iso: string) => `<${iso}>`;

  it("formats ISO days and the engine's written days alike", () => {
    const sentence = "improving, +3 pts since Jun 30, 2050; projected 87% by Dec 5, 2050 (as of 2050-10-15)";
    expect(localDates(sentence, tagged)).toBe("improving, +3 pts since <2050-06-30>; projected 87% by <2050-12-05> (as of <2050-10-15>)");
  });

  it("leaves what is not a real day as it is", () => {
    const sentence = "Feb 30, 2050 and 2050-02-30 and Sept 3, 2050 and May 2050";
    expect(localDates(sentence)).toBe(sentence);
    expect(localDates("", tagged)).toBe("");
  });

  it("reads the same day in both forms as the same locale text", () => {
    const days = ["2050-06-30", "2049-01-01", "2050-12-31"];
    expect(days.length).toBeGreaterThan(0);
    for (const iso of days) {
      const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
      const written = `${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]} ${d}, ${y}`;
      expect(localDates(written)).toBe(formatDay(iso));
    }
  });
});
