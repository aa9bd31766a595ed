import { describe, expect, it } from "vitest";
import { batchFormData } from "./uploadTaskData";

describe("batchFormData", () => {
  it("numbers the files as client_files[i] under their base names", async () => {
    const files = [new File(["aa"], "a.png"), new File(["bbb"], "b.png")];
    const form = batchFormData(files);
    const entries = [...form.entries()];
    expect(entries.map(([key]) => key)).toEqual(["client_files[0]", "client_files[1]"]);
    const sent = entries.map(([, value]) => value as File);
    expect(sent.map((f) => f.name)).toEqual(["a.png", "b.png"]);
    expect(await sent[1]!.text()).toBe("bbb");
  });

  it("carries no data parameters: those go with Upload-Finish", () => {
    const form = batchFormData([new File(["x"], "x.jpg")]);
    expect([...form.keys()]).toEqual(["client_files[0]"]);
  });
});
