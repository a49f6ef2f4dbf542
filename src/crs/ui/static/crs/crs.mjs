// Start GOV.UK Frontend's components (error summary focus, radios, service navigation).
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();
