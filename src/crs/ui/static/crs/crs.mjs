// Start GOV.UK Frontend's components (error summary focus, radios, service navigation).
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();

// Enter in a look-up's search box looks up. The box sits in a page's form of questions
// whose first button is Continue (for Enter in an answer's box); without JavaScript,
// Enter there continues and the look-up is its button.
document.addEventListener("keydown", (event) => {
  const box = event.target;
  if (event.key !== "Enter" || !(box instanceof HTMLInputElement) || box.type !== "search") {
    return;
  }
  const button = box.closest("[data-crs-lookup]")?.querySelector("button");
  if (button) {
    event.preventDefault();
    button.click();
  }
});
