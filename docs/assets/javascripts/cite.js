/* "Cite this page" (hooks/citethispage.py): the reader's date of access put in place of the
   YYYY-MM-DD placeholder, and the copy buttons shown and wired. Without this script the block
   keeps its placeholder and shows no button (it could not copy).
   Copying uses the Clipboard API where the page may use it; where it is missing or refused (a
   page opened from disk may be refused), the text is selected and copied with the editing
   command, and the status line says to press Ctrl+C if that failed too. */
(function () {
  "use strict";

  function pad(number) {
    return String(number).padStart(2, "0");
  }

  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function selectAndCopy(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function copy(block, button) {
    var form = button.getAttribute("data-cite-copy");
    var element = block.querySelector(form === "bibtex" ? ".cite-bibtex code" : ".cite-plain");
    var status = block.querySelector(".cite-status");
    var what = form === "bibtex" ? "BibTeX entry" : "Citation";
    function report(copied) {
      if (status) {
        status.textContent = copied ? what + " copied."
          : what + " selected: press Ctrl+C (\u2318C on a Mac) to copy it.";
      }
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(element.textContent).then(
        function () { report(true); },
        function () { report(selectAndCopy(element)); });
    } else {
      report(selectAndCopy(element));
    }
  }

  function setUp() {
    var blocks = document.querySelectorAll(".cite-this-page");
    Array.prototype.forEach.call(blocks, function (block) {
      if (block.hasAttribute("data-cite-ready")) {
        return;
      }
      block.setAttribute("data-cite-ready", "");
      Array.prototype.forEach.call(block.querySelectorAll(".cite-accessed"), function (span) {
        span.textContent = today();
      });
      Array.prototype.forEach.call(block.querySelectorAll("button[data-cite-copy]"), function (button) {
        button.hidden = false;
        button.addEventListener("click", function () { copy(block, button); });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
