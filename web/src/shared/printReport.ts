// Printing a page as a report (the browser saves it as PDF): folded sections (<details>) print
// only their summary, so they are unfolded first, whether printing starts from the page's
// button or from the browser's own menu (the "beforeprint" event).
import { useEffect } from "react";

export function unfoldForPrint() {
  for (const details of document.querySelectorAll("main details")) details.setAttribute("open", "");
}

/// Prints the page as it is, unfolded.
export function printReport() {
  unfoldForPrint();
  window.print();
}

/// While mounted, printing from the browser's menu unfolds the page too.
export function useUnfoldWhenPrinting() {
  useEffect(() => {
    window.addEventListener("beforeprint", unfoldForPrint);
    return () => window.removeEventListener("beforeprint", unfoldForPrint);
  }, []);
}
