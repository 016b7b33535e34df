// The workbench's enhancements: GOV.UK Frontend's components, and "Copy the answer".
// Everything works without this script; it only adds.
import { initAll } from "./govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

const copy = document.getElementById("copy-answer");
if (copy && navigator.clipboard) {
  copy.hidden = false;
  copy.addEventListener("click", async () => {
    const texts = document.querySelectorAll(`${copy.dataset.copy} .workbench-answer-text`);
    const answer = Array.from(texts, (node) => node.textContent.trim()).join("\n\n");
    const status = document.getElementById("copy-status");
    try {
      await navigator.clipboard.writeText(answer);
      status.textContent = "The answer has been copied.";
    } catch {
      status.textContent = "Your browser did not allow copying: select the text instead.";
    }
  });
}
