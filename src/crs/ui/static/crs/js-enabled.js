// GOV.UK Frontend's body-class check, from a file rather than inline so a strict
// Content-Security-Policy needs no nonce.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
